// Asking the breached-password corpus: directly for NT hashes and unsalted SHA-1 (the two kinds
// of corpus), and through the password whenever a candidate matched any other scheme.
import { hash } from 'node:crypto';
import type { BreachedLookup } from '../breached-lookup.ts';
import { ntlmHash } from '../hashing/ntlm.ts';
import type { AuditEntry } from './audit-entry.ts';

export function checkBreached(
  entries: readonly AuditEntry[],
  breached: BreachedLookup | undefined,
): string[] {
  if (!breached) return ['no breached-password corpus: breached checks skipped'];
  const hasSha1 = breached.sha1Count(new Uint8Array(20)) !== undefined;
  const hasNtlm = breached.ntlmCount(new Uint8Array(16)) !== undefined;
  if (!hasSha1 && !hasNtlm)
    return ['the breached-password corpus is empty: breached checks skipped'];
  const cache = new Map<string, number | undefined>();
  const ask = (kind: 'ntlm' | 'sha1', digest: Uint8Array) => {
    const key = `${kind}:${Buffer.from(digest).toString('base64')}`;
    if (cache.has(key)) return cache.get(key);
    const n = kind === 'ntlm' ? breached.ntlmCount(digest) : breached.sha1Count(digest);
    cache.set(key, n);
    return n;
  };
  let missingNtlm = 0;
  let missingSha1 = 0;
  for (const entry of entries) {
    const { algo, digest } = entry.stored;
    if (entry.password === '' || algo === 'empty' || algo === 'locked') continue;
    let n: number | undefined;
    if (digest && (algo === 'ntlm' || algo === 'md5-or-ntlm')) {
      n = ask('ntlm', digest);
      if (n === undefined && algo === 'ntlm') missingNtlm++;
    } else if (digest && (algo === 'sha1' || algo === 'sha1-base64')) {
      n = ask('sha1', digest);
      if (n === undefined) missingSha1++;
    }
    if (!n && entry.password !== undefined) {
      // Either corpus may hold the password (a local list may be imported into one kind only).
      const pw = entry.password;
      const bySha1 = hasSha1 ? ask('sha1', hash('sha1', pw, 'buffer')) : undefined;
      const byNtlm = hasNtlm ? ask('ntlm', ntlmHash(pw)) : undefined;
      n = Math.max(n ?? 0, bySha1 ?? 0, byNtlm ?? 0);
    }
    entry.breached = n;
  }
  const notes: string[] = [];
  if (missingNtlm) {
    notes.push(
      `no NTLM corpus: ${missingNtlm.toLocaleString('en-US')} NT hashes were checked for breach only when a candidate matched (import the NTLM Pwned Passwords to check them all)`,
    );
  }
  if (missingSha1) {
    notes.push(
      `no SHA-1 corpus: ${missingSha1.toLocaleString('en-US')} SHA-1 hashes were checked for breach only when a candidate matched`,
    );
  }
  return notes;
}

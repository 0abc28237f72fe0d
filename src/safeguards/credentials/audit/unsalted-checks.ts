// Finding the password behind unsalted digests (NTLM, MD5, SHA-*): "" and the account's
// user-name variants are hashed per account; everything else is one candidate-table probe.
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { candidateTable, digestInto, sameBytes, type CandidateTable } from './candidate-table.ts';
import { usernameCandidates } from './candidate-variants.ts';
import type { AuditEntry } from './audit-entry.ts';
import type { HashAlgorithm, UnsaltedKind } from './types.ts';
import type { WordIndex } from './word-index.ts';

/** The table kinds an unsalted algorithm's digest may be; a 32-hex CSV value may be either. */
export const UNSALTED_KINDS: Partial<Record<HashAlgorithm, readonly UnsaltedKind[]>> = {
  ntlm: ['ntlm'],
  md5: ['md5'],
  sha1: ['sha1'],
  'sha1-base64': ['sha1'],
  sha256: ['sha256'],
  sha512: ['sha512'],
  'md5-or-ntlm': ['md5', 'ntlm'],
};

export interface UnsaltedSummary {
  /** Accounts per algorithm that went through the checks. */
  checked: Map<HashAlgorithm, number>;
  tables: CandidateTable[];
}

export async function checkUnsalted(
  entries: readonly AuditEntry[],
  index: WordIndex,
  year: number,
  step: () => void,
): Promise<UnsaltedSummary> {
  const kinds = new Set<UnsaltedKind>();
  for (const e of entries) for (const kind of UNSALTED_KINDS[e.stored.algo] ?? []) kinds.add(kind);
  const tables = new Map<UnsaltedKind, CandidateTable>();
  for (const kind of kinds) tables.set(kind, await candidateTable(index, kind));
  const empty = new Map([...kinds].map((k) => [k, digestInto(k, '', new Uint8Array(64)).slice()]));

  const checked = new Map<HashAlgorithm, number>();
  const scratch = new Uint8Array(64);
  let sinceYield = 0;
  for (const entry of entries) {
    const { algo, digest } = entry.stored;
    if (algo === 'plaintext') entry.password = entry.stored.text;
    const entryKinds = UNSALTED_KINDS[algo];
    if (entryKinds && digest) {
      checked.set(algo, (checked.get(algo) ?? 0) + 1);
      entry.password = findUnsalted(digest, entryKinds, entry, year, { tables, empty, scratch });
    }
    step();
    if (++sinceYield === 2000) {
      sinceYield = 0;
      await yieldToLoop();
    }
  }
  return { checked, tables: [...tables.values()] };
}

function findUnsalted(
  digest: Uint8Array,
  kinds: readonly UnsaltedKind[],
  entry: AuditEntry,
  year: number,
  ctx: {
    tables: Map<UnsaltedKind, CandidateTable>;
    empty: Map<UnsaltedKind, Uint8Array>;
    scratch: Uint8Array;
  },
): string | undefined {
  for (const kind of kinds) {
    if (sameBytes(ctx.empty.get(kind)!, digest)) return '';
  }
  for (const kind of kinds) {
    for (const candidate of usernameCandidates(entry.account.username, year)) {
      if (sameBytes(digestInto(kind, candidate, ctx.scratch), digest)) return candidate;
    }
  }
  for (const kind of kinds) {
    const hit = ctx.tables.get(kind)!.find(digest);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

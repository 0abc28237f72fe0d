// Turning what the audit learnt about each account into findings. Details are sentences for a
// person; they name no password and no hash (the contract of CredentialAuditFinding).
import { createHash } from 'node:crypto';
import type {
  CredentialAuditFinding,
  CredentialCategory,
  CredentialFileFormat,
} from '../../../api-types.ts';
import type { AuditEntry } from './audit-entry.ts';
import { rateScheme, type HashSchemeRating } from './hash-rating.ts';
import { isUsernamePassword, matchWordList } from './known-password.ts';
import type { WordIndex } from './word-index.ts';

export const CATEGORY_ORDER: readonly CredentialCategory[] = [
  'empty',
  'lm_hash',
  'breached',
  'username_as_password',
  'dictionary',
  'shared_password',
  'weak_storage',
];

const NOT_RATED = new Set(['empty', 'locked', 'unknown']);

export interface FindingContext {
  format: CredentialFileFormat;
  index: WordIndex;
  year: number;
}

export function buildFindings(
  entries: readonly AuditEntry[],
  context: FindingContext,
): CredentialAuditFinding[] {
  const groups = sharedGroups(entries);
  const ratings = new Map<string, HashSchemeRating>();
  const rate = (entry: AuditEntry) => {
    const key = `${entry.stored.algo}:${JSON.stringify(entry.stored.params)}`;
    let rating = ratings.get(key);
    if (!rating) {
      rating = rateScheme(entry.stored.algo, entry.stored.params);
      ratings.set(key, rating);
    }
    return rating;
  };

  const findings: CredentialAuditFinding[] = [];
  for (const entry of entries) {
    const found: Array<[CredentialCategory, string]> = [];
    const { account, stored, password } = entry;
    const noPassword = stored.algo === 'empty' && context.format !== 'csv';
    if (password === '' || noPassword) found.push(['empty', 'the password is empty']);
    if (account.lmHash) {
      found.push([
        'lm_hash',
        'an LM hash is stored: upper-cased, cut into two unsalted 7-character DES halves and cracked in minutes',
      ]);
    }
    if (entry.breached && password !== '') {
      found.push([
        'breached',
        `seen ${entry.breached.toLocaleString('en-US')} time${entry.breached === 1 ? '' : 's'} in the breached-password corpus`,
      ]);
    }
    if (password) {
      if (isUsernamePassword(password, account.username, context.year)) {
        found.push([
          'username_as_password',
          'the password is the user name or a simple variant of it',
        ]);
      } else {
        const match = matchWordList(password, context.index);
        if (match) found.push(['dictionary', describeWordMatch(match.source, match.changes)]);
      }
    }
    const group = groups.get(entry);
    if (group) {
      const others = group.size - 1;
      found.push([
        'shared_password',
        `shares one password with ${others.toLocaleString('en-US')} other account${others === 1 ? '' : 's'} (group ${group.number})`,
      ]);
    }
    if (account.reversible) {
      found.push([
        'weak_storage',
        'the domain stores this password with reversible encryption, readable in clear by anyone with replication rights; clear "Store password using reversible encryption"',
      ]);
    }
    const ntdsNtlm = context.format === 'ntds' && stored.algo === 'ntlm';
    if (!ntdsNtlm && !NOT_RATED.has(stored.algo)) {
      const rating = rate(entry);
      if (rating.verdict === 'weak' || rating.verdict === 'broken') {
        found.push(['weak_storage', `${rating.reasons[0]}; ${rating.recommendation}`]);
      }
    }
    const status = account.status ? ` (account ${account.status})` : '';
    for (const [category, detail] of found) {
      findings.push({ account: account.account, category, detail: detail + status });
    }
  }
  return findings;
}

function describeWordMatch(source: 'dictionary' | 'context', changes: string[]): string {
  const what =
    source === 'context'
      ? 'the password is built on an organisation word (context list)'
      : 'the password is a common password or dictionary word';
  if (changes.length === 0) return what;
  const last = changes.length > 1 ? ` and ${changes[changes.length - 1]}` : '';
  return `${what} with ${changes.slice(0, last ? -1 : 1).join(', ')}${last}`;
}

/**
 * Accounts sharing one password: the same unsalted digest, or the same known password (which
 * links salted hashes, and unsalted ones of different algorithms). Group 1 is the largest.
 * Empty passwords are reported as empty, not as shared.
 */
export function sharedGroups(
  entries: readonly AuditEntry[],
): Map<AuditEntry, { number: number; size: number }> {
  // Union-find over keys: an entry with both a digest and a known password joins the two.
  const parent = new Map<string, string>();
  const root = (key: string): string => {
    let at = key;
    while (parent.get(at) !== at) at = parent.get(at)!;
    parent.set(key, at);
    return at;
  };
  const keyed: Array<[AuditEntry, string]> = [];
  for (const entry of entries) {
    const keys = sharingKeys(entry);
    if (keys.length === 0) continue;
    for (const key of keys) if (!parent.has(key)) parent.set(key, key);
    for (const key of keys.slice(1)) parent.set(root(key), root(keys[0]!));
    keyed.push([entry, keys[0]!]);
  }
  const byRoot = new Map<string, AuditEntry[]>();
  for (const [entry, key] of keyed) {
    const r = root(key);
    const list = byRoot.get(r);
    if (list) list.push(entry);
    else byRoot.set(r, [entry]);
  }
  const shared = [...byRoot.values()].filter((list) => list.length > 1);
  shared.sort((a, b) => b.length - a.length || a[0]!.account.line - b[0]!.account.line);
  const out = new Map<AuditEntry, { number: number; size: number }>();
  shared.forEach((list, i) => {
    for (const entry of list) out.set(entry, { number: i + 1, size: list.length });
  });
  return out;
}

// In memory only: these keys never leave sharedGroups.
function sharingKeys(entry: AuditEntry): string[] {
  if (entry.password === '' || entry.stored.algo === 'empty') return [];
  const keys: string[] = [];
  if (entry.stored.digest) {
    keys.push(`d:${Buffer.from(entry.stored.digest).toString('base64')}`);
  }
  if (entry.password !== undefined) {
    keys.push(`p:${createHash('sha256').update(entry.password).digest('base64')}`);
  }
  return keys;
}

export function summarise(
  findings: readonly CredentialAuditFinding[],
): Partial<Record<CredentialCategory, number>> {
  const counts = new Map<CredentialCategory, number>();
  for (const f of findings) counts.set(f.category, (counts.get(f.category) ?? 0) + 1);
  const summary: Partial<Record<CredentialCategory, number>> = {};
  for (const category of CATEGORY_ORDER) {
    const n = counts.get(category);
    if (n) summary[category] = n;
  }
  return summary;
}

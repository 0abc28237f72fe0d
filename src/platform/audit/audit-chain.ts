import { createHash } from 'node:crypto';
import type { AuditRecord } from './audit-log.ts';

/** The `prev_hash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields an entry's hash covers (all but the hash), as stored and read back; `at` is ISO 8601 with milliseconds. */
export type ChainedFields = Omit<AuditRecord, 'hash'>;

/**
 * sha256 over a canonical serialisation: a JSON array of the fields in a fixed order, with
 * `detail` as canonical JSON (object keys sorted). jsonb does not keep key order, so hashing
 * the caller's JSON text would not survive the round trip through the database.
 */
export function hashEntry(fields: ChainedFields): string {
  const canonical = JSON.stringify([
    fields.seq,
    fields.at,
    fields.actor,
    fields.ip,
    fields.action,
    fields.target,
    fields.status,
    canonicalJson(fields.detail),
    fields.prevHash,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** JSON with object keys sorted at every level; `undefined` becomes null like in JSON. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value === undefined ? null : value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort())
      out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/**
 * What will be stored for `detail`: the value as JSON sees it (Dates become strings, undefined
 * properties disappear), so the hash computed before the insert equals the one recomputed from
 * the row later.
 */
export function normalizeDetail(detail: unknown): unknown {
  if (detail === undefined || detail === null) return null;
  return JSON.parse(JSON.stringify(detail)) as unknown;
}

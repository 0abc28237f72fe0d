import { createHash } from 'node:crypto';
import type { Queryable } from '../../platform/db/index.ts';

/** Titles longer than this are cut; no title needs more. */
export const MAX_TITLE = 500;

/** What a check says; shared by every finding of that check (see finding_texts in the migration). */
export interface FindingText {
  title: string;
  description: string;
  solution: string | null;
}

/** The first 128 bits of a SHA-256, written as a uuid (the column type: compact and fast to compare). */
export function hashId(...parts: readonly string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function textHash(t: FindingText): string {
  return hashId(t.title, t.description, t.solution ?? '\u0001');
}

/**
 * finding_texts ids by text hash, adding texts not stored yet. `known` is a cache a caller may
 * keep across batches of one transaction: an import meets the same few hundred texts again and
 * again, and each is sent to the database once.
 */
export async function textIds(
  tx: Queryable,
  texts: readonly (FindingText & { hash: string })[],
  known: Map<string, number> = new Map(),
): Promise<Map<string, number>> {
  const missing = new Map<string, FindingText & { hash: string }>();
  for (const t of texts) if (!known.has(t.hash)) missing.set(t.hash, t);
  if (missing.size === 0) return known;
  // The plain SELECT sees the statement's starting snapshot: it returns the texts that existed,
  // the INSERT ... RETURNING the ones added; together, all of them.
  const rows = await tx.query<{ id: number; hash: string }>(
    `WITH input AS (
       SELECT * FROM json_to_recordset($1::json) AS t(hash uuid, title text, description text, solution text)
     ), added AS (
       INSERT INTO finding_texts (hash, title, description, solution)
       SELECT hash, title, coalesce(description, ''), solution FROM input
       ON CONFLICT (hash) DO NOTHING RETURNING id, hash
     )
     SELECT id, hash FROM added UNION ALL SELECT f.id, f.hash FROM finding_texts f JOIN input i ON i.hash = f.hash`,
    [
      JSON.stringify(
        [...missing.values()].map(({ hash, title, description, solution }) => ({
          hash,
          title,
          description,
          solution,
        })),
      ),
    ],
  );
  for (const r of rows) known.set(r.hash, Number(r.id));
  return known;
}

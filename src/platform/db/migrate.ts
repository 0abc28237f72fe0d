import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.ts';

/** A module's migrations: a folder of `NNNN_name.sql` files applied in name order. */
export interface MigrationSet {
  module: string;
  dir: URL;
}

export interface MigrationResult {
  applied: string[];
  skipped: number;
}

// Any fixed number works; it only has to be the same in every Ward process so that two
// workers starting together do not both run the same migration.
const MIGRATION_LOCK = 0x57415244; // "WARD"

/**
 * Applies every migration not yet recorded, module by module in the order given, each in its
 * own transaction together with its record. A changed file that was already applied is an
 * error: migrations are append-only.
 */
export async function migrate(
  db: Database,
  sets: readonly MigrationSet[],
): Promise<MigrationResult> {
  await db.exec(`CREATE TABLE IF NOT EXISTS ward_migrations (
    module text NOT NULL, name text NOT NULL, checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (module, name))`);
  const result: MigrationResult = { applied: [], skipped: 0 };
  for (const set of sets) {
    for (const file of listSqlFiles(set.dir)) {
      const sql = readFileSync(new URL(file, set.dir), 'utf8');
      const checksum = createHash('sha256').update(sql).digest('hex');
      const ran = await db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        const rows = await tx.query<{ checksum: string }>(
          'SELECT checksum FROM ward_migrations WHERE module = $1 AND name = $2',
          [set.module, file],
        );
        if (rows[0]) {
          if (rows[0].checksum !== checksum) {
            throw new Error(
              `migration ${set.module}/${file} was changed after it was applied; add a new migration instead`,
            );
          }
          return false;
        }
        for (const statement of splitStatements(sql)) await tx.query(statement);
        await tx.query('INSERT INTO ward_migrations (module, name, checksum) VALUES ($1, $2, $3)', [
          set.module,
          file,
          checksum,
        ]);
        return true;
      });
      if (ran) result.applied.push(`${set.module}/${file}`);
      else result.skipped++;
    }
  }
  return result;
}

function listSqlFiles(dir: URL): string[] {
  return readdirSync(fileURLToPath(dir))
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort();
}

/**
 * Splits a migration into statements so that each runs through the transaction's query(),
 * which takes one statement. Handles quotes, comments and $$-bodies; that is all our
 * migrations use.
 */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let current = '';
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    const rest = sql.slice(i);
    if (rest.startsWith('--')) {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end + 1;
      continue;
    }
    const dollar = /^\$[A-Za-z_]*\$/.exec(rest);
    if (dollar) {
      const tag = dollar[0];
      const end = sql.indexOf(tag, i + tag.length);
      const stop = end === -1 ? sql.length : end + tag.length;
      current += sql.slice(i, stop);
      i = stop;
      continue;
    }
    if (ch === "'" || ch === '"') {
      let j = i + 1;
      while (j < sql.length && !(sql[j] === ch && sql[j + 1] !== ch)) j += sql[j] === ch ? 2 : 1;
      current += sql.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === ';') {
      if (current.trim()) out.push(current.trim());
      current = '';
      i++;
      continue;
    }
    current += ch;
    i++;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

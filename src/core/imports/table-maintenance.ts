import type { Database } from '../../platform/db/index.ts';

/**
 * Embedded PGlite runs no autovacuum, so after an import nothing would mark the new pages
 * all-visible (which lets counts read the small indexes instead of the table) or give the
 * planner statistics (without them it guesses, and the open-findings count goes from tens of
 * milliseconds to hundreds). This does both for the tables an import fills; well under a second
 * at 100,000 findings. PostgreSQL's autovacuum does the same there, so this is PGlite only.
 * Must run outside a transaction; on PGlite it holds the one connection meanwhile.
 */
export async function maintainAfterImport(db: Database): Promise<void> {
  if (db.kind !== 'pglite') return;
  await db.exec('VACUUM findings');
  // Only the filter and join columns: their targets are lowered in the migration, so the sample
  // is small.
  await db.exec(
    'ANALYZE findings (status, severity_rank, safeguard, source, tool, asset_id, text_id, due_at)',
  );
  await db.exec('VACUUM ANALYZE finding_sightings');
  await db.exec('VACUUM ANALYZE assets');
}

import {
  migrate,
  openPglite,
  openPgliteFromDump,
  type MigrationSet,
  type PgliteDatabase,
} from '../src/platform/db/index.ts';

const templates = new Map<string, Promise<Blob>>();

/**
 * An in-memory PGlite with the given migrations applied, cloned from a template that is
 * migrated once per test file (about 0.3 s per clone instead of 2 s per migration run).
 */
export async function createTestDatabase(sets: readonly MigrationSet[]): Promise<PgliteDatabase> {
  const key = sets.map((s) => `${s.module}:${s.dir.href}`).join('|');
  let dump = templates.get(key);
  if (!dump) {
    dump = (async () => {
      const db = await openPglite();
      await migrate(db, sets);
      const blob = await db.dump();
      await db.close();
      return blob;
    })();
    templates.set(key, dump);
  }
  return openPgliteFromDump(await dump);
}

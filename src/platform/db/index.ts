export type { Database, Queryable, SqlParam } from './database.ts';
export { isUniqueViolation } from './database.ts';
export { openDatabase } from './open.ts';
export { openPglite, openPgliteFromDump, PgliteDatabase } from './pglite.ts';
export { openPostgres, PostgresDatabase } from './postgres.ts';
export { migrate, splitStatements, type MigrationSet, type MigrationResult } from './migrate.ts';
export {
  escapeLike,
  isUuid,
  sqlWordList,
  toIso,
  toIsoOrNull,
  toNumber,
  toNumberOrNull,
  utcDay,
} from './values.ts';

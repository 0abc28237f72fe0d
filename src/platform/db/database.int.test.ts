import { describe } from 'vitest';
import { createPgTestDatabase } from '../../../test/pg-database.ts';
import { hasPostgres } from '../../../test/services.ts';
import { describeDatabaseContract } from './database.contract.ts';

describe.skipIf(!hasPostgres)('PostgreSQL', () => {
  describeDatabaseContract('PostgreSQL', async () => {
    const pg = await createPgTestDatabase();
    return { db: pg.db, done: () => pg.drop() };
  });
});

import { createTestDatabase } from '../../../test/pglite-template.ts';
import { describeDatabaseContract } from './database.contract.ts';

describeDatabaseContract('PGlite', async () => {
  const db = await createTestDatabase([]);
  return { db, done: () => db.close() };
});

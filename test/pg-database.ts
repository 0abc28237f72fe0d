import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgres, type PostgresDatabase } from '../src/platform/db/index.ts';
import { testDatabaseUrl } from './services.ts';

/**
 * A fresh PostgreSQL database with a unique name on the test server, dropped by `drop()`.
 * Each integration test run gets its own so parallel runs never see each other's rows.
 */
export async function createPgTestDatabase(): Promise<{
  url: string;
  db: PostgresDatabase;
  drop(): Promise<void>;
}> {
  if (!testDatabaseUrl) throw new Error('WARD_TEST_DATABASE_URL is not set');
  const name = `ward_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString());
  return {
    url: url.toString(),
    db,
    async drop() {
      await db.close().catch(() => undefined);
      const c = new pg.Client({ connectionString: testDatabaseUrl });
      await c.connect();
      try {
        // Closed pools' sockets take a moment to leave pg_stat_activity; FORCE would then
        // terminate them and their pool would see an error after the test ended.
        for (let i = 0; i < 100; i++) {
          const { rows } = await c.query(
            'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
            [name],
          );
          if (rows[0].n === 0) break;
          await new Promise((r) => setTimeout(r, 20));
        }
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

import pg from 'pg';
import type { Database, Queryable, SqlParam } from './database.ts';

// node-postgres returns int8 and numeric as strings by default; Ward's counts and scores fit
// in a double, so parse them (COUNT(*) is int8).
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/** PostgreSQL through a node-postgres pool (cluster mode). */
export async function openPostgres(url: string, max = 10): Promise<PostgresDatabase> {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client's error (server restart, terminated backend) is emitted on the pool; without
  // a listener it would crash the process. The next query gets a fresh connection or a clear error.
  pool.on('error', (err) =>
    process.emitWarning(`PostgreSQL idle connection error: ${err.message}`),
  );
  // Fail at start-up, with the server's message, rather than on the first request.
  const client = await pool.connect();
  client.release();
  return new PostgresDatabase(pool);
}

export class PostgresDatabase implements Database {
  readonly kind = 'postgres' as const;
  readonly pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  async query<R>(text: string, params: readonly SqlParam[] = []): Promise<R[]> {
    const res = await this.pool.query(text, params as unknown[]);
    return res.rows as R[];
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn({
        query: async <R>(text: string, params: readonly SqlParam[] = []) =>
          (await client.query(text, params as unknown[])).rows as R[],
      });
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

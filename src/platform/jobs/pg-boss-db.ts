import type { ConstructorOptions, Db } from 'pg-boss';
import type { Queryable, SqlParam } from '../db/database.ts';
import { PgliteDatabase } from '../db/pglite.ts';
import { PostgresDatabase } from '../db/postgres.ts';
import type { Database } from '../db/database.ts';

/**
 * How pg-boss reaches the database: the connection half of its constructor options.
 *
 * PGlite: an adapter over our PgliteDatabase, so jobs and the application share the one
 * in-process connection. PostgreSQL: a small pool of pg-boss's own on the same server, for three
 * reasons. A handler that holds one of the application's connections in a transaction and then
 * sends a job would wait on a pool that it is itself exhausting; pg-boss's own pool discards a
 * connection whose statement failed (so an aborted transaction never reaches the next caller);
 * and it lets pg-boss cancel its maintenance statements on stop().
 */
export function pgBossConnection(db: Database, maxConnections: number): ConstructorOptions {
  if (db instanceof PgliteDatabase) return { db: pgliteAdapter(db), backend: 'pglite' };
  if (db instanceof PostgresDatabase) {
    const o = db.pool.options;
    const connection: ConstructorOptions = {
      connectionString: o.connectionString,
      host: o.host,
      port: o.port,
      user: o.user,
      // pg accepts a password callback too; pg-boss passes it through to the same driver.
      password: o.password as ConstructorOptions['password'],
      database: o.database,
      ssl: o.ssl,
    };
    // Only what the application's pool was given, so pg's own defaults (PG* variables) still apply.
    for (const key of Object.keys(connection) as (keyof ConstructorOptions)[]) {
      if (connection[key] === undefined) delete connection[key];
    }
    return { ...connection, max: maxConnections, backend: 'postgres' };
  }
  throw new Error(
    `jobs: unsupported database implementation (kind ${db.kind}); expected PgliteDatabase or PostgresDatabase`,
  );
}

/**
 * pg-boss's db contract on PGlite. Parameterised statements go to query(). Parameterless text
 * may hold several statements (schema installs, `BEGIN; ...; COMMIT` blocks), which query()
 * refuses, so it goes to exec() and comes back the way node-postgres returns it: one result for
 * one statement, an array of results for several (pg-boss unwraps both).
 */
function pgliteAdapter(db: PgliteDatabase): Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (values && values.length > 0) return { rows: await db.query(text, values as SqlParam[]) };
      let results: { rows: unknown[] }[];
      try {
        results = await db.execResults(text);
      } catch (err) {
        // One connection: a failed statement inside a BEGIN block leaves every later query in an
        // aborted transaction. A pool would drop the connection; here we roll back. PGlite
        // serialises whole calls, so this cannot land inside another caller's transaction.
        await db.exec('ROLLBACK').catch(() => undefined);
        throw err;
      }
      // The declared type is a single result, but pg-boss's own pg driver hands back arrays for
      // multi-statement text and every caller that may send such text unwraps them.
      return (results.length === 1 ? results[0]! : results) as unknown as { rows: unknown[] };
    },
  };
}

/** A Queryable (a transaction of ours) as a pg-boss db, so a send commits with that transaction. */
export function queryableAdapter(tx: Queryable): Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      return { rows: await tx.query(text, (values ?? []) as SqlParam[]) };
    },
  };
}

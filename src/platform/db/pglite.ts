import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable, SqlParam } from './database.ts';

/**
 * Embedded PostgreSQL (WebAssembly) in `dataDir`, or in memory when dataDir is undefined.
 * PGlite has one connection and serialises every query behind its own mutex, so a running
 * transaction makes other callers wait rather than interleave.
 */
export async function openPglite(dataDir?: string): Promise<PgliteDatabase> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pg = dataDir ? new PGlite(dataDir) : new PGlite();
  await pg.waitReady;
  return new PgliteDatabase(pg);
}

/** Opens a PGlite from a dump made by `dumpPglite` (fast test databases: clone a template). */
export async function openPgliteFromDump(dump: Blob): Promise<PgliteDatabase> {
  const pg = new PGlite({ loadDataDir: dump });
  await pg.waitReady;
  return new PgliteDatabase(pg);
}

export class PgliteDatabase implements Database {
  readonly kind = 'pglite' as const;
  readonly pg: PGlite;

  constructor(pg: PGlite) {
    this.pg = pg;
  }

  async query<R>(text: string, params: readonly SqlParam[] = []): Promise<R[]> {
    const res = await this.pg.query<R>(text, params as unknown[]);
    return res.rows;
  }

  async exec(sql: string): Promise<void> {
    await this.pg.exec(sql);
  }

  /** For pg-boss: parameterless multi-statement SQL must return one result per statement. */
  async execResults(sql: string): Promise<{ rows: unknown[] }[]> {
    return (await this.pg.exec(sql)).map((r) => ({ rows: r.rows }));
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.pg.transaction(async (t) =>
      fn({
        query: async <R>(text: string, params: readonly SqlParam[] = []) =>
          (await t.query<R>(text, params as unknown[])).rows,
      }),
    );
  }

  async dump(): Promise<Blob> {
    return (await this.pg.dumpDataDir('none')) as Blob;
  }

  async close(): Promise<void> {
    if (!this.pg.closed) await this.pg.close();
  }
}

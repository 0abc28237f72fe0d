import { describe, expect, it } from 'vitest';
import type { Database } from './database.ts';
import { isUniqueViolation } from './database.ts';

/**
 * The behaviour both Database implementations must share. Run by database.test.ts (PGlite) and
 * database.int.test.ts (PostgreSQL).
 */
export function describeDatabaseContract(
  name: string,
  open: () => Promise<{ db: Database; done: () => Promise<void> }>,
): void {
  describe(`Database contract: ${name}`, () => {
    const withDb = async (fn: (db: Database) => Promise<void>) => {
      const { db, done } = await open();
      try {
        await fn(db);
      } finally {
        await done();
      }
    };

    it('runs parameterised queries and returns typed rows', () =>
      withDb(async (db) => {
        await db.exec(
          'CREATE TABLE t (id serial PRIMARY KEY, name text UNIQUE, tags text[], n bigint, at timestamptz)',
        );
        await db.query('INSERT INTO t (name, tags, n, at) VALUES ($1, $2, $3, $4)', [
          'a',
          ['x', 'y'],
          42,
          new Date('2026-01-02T03:04:05Z'),
        ]);
        const rows = await db.query<{
          name: string;
          tags: string[];
          n: number;
          c: number;
          at: Date;
        }>('SELECT name, tags, n, count(*) OVER () AS c, at FROM t WHERE name = $1', ['a']);
        expect(rows).toHaveLength(1);
        expect(rows[0]!.tags).toEqual(['x', 'y']);
        // COUNT and bigint come back as numbers on both engines, not strings.
        expect(Number(rows[0]!.n)).toBe(42);
        expect(Number(rows[0]!.c)).toBe(1);
        expect(new Date(rows[0]!.at).toISOString()).toBe('2026-01-02T03:04:05.000Z');
      }));

    it('commits a transaction and rolls it back on error', () =>
      withDb(async (db) => {
        await db.exec('CREATE TABLE t (id int PRIMARY KEY); CREATE TABLE u (id int)');
        await db.transaction(async (tx) => {
          await tx.query('INSERT INTO t VALUES (1)');
        });
        await expect(
          db.transaction(async (tx) => {
            await tx.query('INSERT INTO t VALUES (2)');
            await tx.query('INSERT INTO t VALUES (1)');
          }),
        ).rejects.toSatisfy(isUniqueViolation);
        const rows = await db.query<{ id: number }>('SELECT id FROM t ORDER BY id');
        expect(rows.map((r) => r.id)).toEqual([1]);
      }));

    it('makes other queries wait for, not join, a running transaction', () =>
      withDb(async (db) => {
        await db.exec('CREATE TABLE t (id int)');
        let release!: () => void;
        const gate = new Promise<void>((r) => (release = r));
        const tx = db.transaction(async (t) => {
          await t.query('INSERT INTO t VALUES (1)');
          await gate;
          throw new Error('roll back');
        });
        await new Promise((r) => setTimeout(r, 50));
        const outside = db.query<{ n: number }>('SELECT count(*)::int AS n FROM t');
        release();
        await expect(tx).rejects.toThrow('roll back');
        expect((await outside)[0]!.n).toBe(0);
      }));
  });
}

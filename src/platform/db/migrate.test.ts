import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { migrate, splitStatements } from './migrate.ts';
import { createTestDatabase } from '../../../test/pglite-template.ts';

function migrationDir(files: Record<string, string>): URL {
  const dir = mkdtempSync(join(tmpdir(), 'ward-mig-'));
  mkdirSync(dir, { recursive: true });
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  return pathToFileURL(dir + '/');
}

describe('migrate', () => {
  it('applies files in name order once and records them', async () => {
    const db = await createTestDatabase([]);
    const dir = migrationDir({
      '0002_add.sql': "ALTER TABLE a ADD COLUMN note text DEFAULT 'it''s; fine';",
      '0001_init.sql':
        'CREATE TABLE a (id int);\n-- a comment; with a semicolon\nINSERT INTO a VALUES (1);',
      'README.md': 'not a migration',
    });
    const first = await migrate(db, [{ module: 'm', dir }]);
    expect(first.applied).toEqual(['m/0001_init.sql', 'm/0002_add.sql']);
    const again = await migrate(db, [{ module: 'm', dir }]);
    expect(again).toEqual({ applied: [], skipped: 2 });
    expect(await db.query('SELECT id, note FROM a')).toEqual([{ id: 1, note: "it's; fine" }]);
    await db.close();
  });

  it('refuses a migration that changed after it was applied', async () => {
    const db = await createTestDatabase([]);
    const dir = migrationDir({ '0001_init.sql': 'CREATE TABLE a (id int);' });
    await migrate(db, [{ module: 'm', dir }]);
    writeFileSync(new URL('0001_init.sql', dir), 'CREATE TABLE a (id bigint);');
    await expect(migrate(db, [{ module: 'm', dir }])).rejects.toThrow(
      /m\/0001_init.sql was changed/,
    );
    await db.close();
  });

  it('rolls back a failing migration whole and names it', async () => {
    const db = await createTestDatabase([]);
    const dir = migrationDir({
      '0001_bad.sql': 'CREATE TABLE a (id int); INSERT INTO nope VALUES (1);',
    });
    await expect(migrate(db, [{ module: 'm', dir }])).rejects.toThrow(/nope/);
    expect(await db.query("SELECT to_regclass('a') AS t")).toEqual([{ t: null }]);
    await db.close();
  });
});

describe('splitStatements', () => {
  it('keeps $$ bodies, quoted semicolons and drops comments', () => {
    const sql = `CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN RAISE 'no; way'; END $$ LANGUAGE plpgsql;
-- comment ; here
SELECT 'a;b', "we;ird";`;
    expect(splitStatements(sql)).toEqual([
      `CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN RAISE 'no; way'; END $$ LANGUAGE plpgsql`,
      `SELECT 'a;b', "we;ird"`,
    ]);
  });
});

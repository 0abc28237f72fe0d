import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './open.ts';

describe('openDatabase (embedded)', () => {
  it('refuses a second opener of the same data directory and names the holder', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ward-open-'));
    writeFileSync(join(dataDir, 'db.lock'), String(process.ppid));
    await expect(openDatabase({ dataDir })).rejects.toThrow(
      new RegExp(`in use by process ${process.ppid}`),
    );
  });

  it('takes over a stale lock and keeps data across reopen', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ward-open-'));
    writeFileSync(join(dataDir, 'db.lock'), '999999999');
    const db = await openDatabase({ dataDir });
    await db.exec('CREATE TABLE kept (v text); INSERT INTO kept VALUES ($$yes$$)');
    await db.close();
    const again = await openDatabase({ dataDir });
    expect(await again.query('SELECT v FROM kept')).toEqual([{ v: 'yes' }]);
    await again.close();
  });
});

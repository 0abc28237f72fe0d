import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/pglite-template.ts';
import { fixedClock } from '../clock.ts';
import type { PgliteDatabase } from '../db/index.ts';
import { GENESIS_HASH, hashEntry } from './audit-chain.ts';
import type { AuditLog } from './audit-log.ts';
import { createAuditLog } from './chained-audit-log.ts';
import { AUDIT_MIGRATIONS } from './audit-module.ts';

describe('audit log', () => {
  let db: PgliteDatabase;
  let audit: AuditLog;
  const clock = fixedClock('2026-03-01T10:00:00.000Z');

  beforeEach(async () => {
    db = await createTestDatabase([AUDIT_MIGRATIONS]);
    audit = createAuditLog(db, clock);
  });
  afterEach(async () => {
    await db.close();
  });

  async function appendMany(n: number) {
    for (let i = 1; i <= n; i++) {
      await audit.append({
        actor: `user${i}`,
        ip: '10.0.0.1',
        action: 'test.action',
        target: `t${i}`,
        status: 200,
        detail: { i, nested: { b: 1, a: [1, 'x'] } },
      });
    }
  }

  it('chains entries from the genesis hash and verifies them', async () => {
    expect(await audit.verify()).toEqual({ ok: true, entries: 0 });
    await appendMany(3);
    const { items, total } = await audit.list({ limit: 10, offset: 0 });
    expect(total).toBe(3);
    expect(items.map((e) => e.seq)).toEqual([3, 2, 1]);
    expect(items[2]!.prevHash).toBe(GENESIS_HASH);
    expect(items[1]!.prevHash).toBe(items[2]!.hash);
    expect(items[0]!.prevHash).toBe(items[1]!.hash);
    expect(items[0]!.detail).toEqual({ i: 3, nested: { a: [1, 'x'], b: 1 } });
    expect(items[0]!.at).toBe('2026-03-01T10:00:00.000Z');
    expect(await audit.verify()).toEqual({ ok: true, entries: 3 });
  });

  it('stores entries without ip, target, status or detail', async () => {
    await audit.append({ actor: 'system', action: 'job.run' });
    await audit.append({ actor: 'system', action: 'job.run', detail: ['a', 1] });
    const { items } = await audit.list({ limit: 10, offset: 0 });
    expect(items[1]).toMatchObject({ ip: null, target: null, status: null, detail: null });
    expect(items[0]!.detail).toEqual(['a', 1]);
    expect((await audit.verify()).ok).toBe(true);
  });

  it('refuses UPDATE, DELETE and TRUNCATE through the append-only trigger', async () => {
    await appendMany(2);
    await expect(db.query("UPDATE audit_log SET actor = 'mallory' WHERE seq = 1")).rejects.toThrow(
      /append-only/,
    );
    await expect(db.query('DELETE FROM audit_log WHERE seq = 1')).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    expect((await audit.verify()).entries).toBe(2);
  });

  it('detects an entry edited by someone who disabled the trigger (superuser)', async () => {
    await appendMany(5);
    await db.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await db.query(`UPDATE audit_log SET detail = '{"i": 99}'::jsonb WHERE seq = 3`);
    const result = await audit.verify();
    expect(result.ok).toBe(false);
    expect(result.firstBad).toEqual({
      seq: 3,
      reason: expect.stringMatching(/does not match its hash/),
    });
    expect(result.entries).toBe(2);
  });

  it('detects an edit whose hash was recomputed, at the link to the next entry', async () => {
    await appendMany(4);
    const [row] = (await audit.list({ limit: 1, offset: 2 })).items;
    expect(row!.seq).toBe(2);
    const forged = { ...row!, actor: 'someone else' };
    await db.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await db.query('UPDATE audit_log SET actor = $1, hash = $2 WHERE seq = 2', [
      forged.actor,
      hashEntry(forged),
    ]);
    const result = await audit.verify();
    expect(result.firstBad).toEqual({
      seq: 3,
      reason: expect.stringMatching(/prev_hash does not match/),
    });
  });

  it('detects a deleted middle entry as a gap', async () => {
    await appendMany(5);
    await db.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await db.query('DELETE FROM audit_log WHERE seq = 3');
    const result = await audit.verify();
    expect(result).toEqual({
      ok: false,
      entries: 2,
      firstBad: { seq: 3, reason: expect.stringMatching(/missing.*next entry present is 4/) },
    });
  });

  it('detects a deleted first entry', async () => {
    await appendMany(2);
    await db.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await db.query('DELETE FROM audit_log WHERE seq = 1');
    expect((await audit.verify()).firstBad?.seq).toBe(1);
  });

  it('verifies across batch boundaries', async () => {
    // More than one verify batch (1000), inserted in one transaction to keep the test quick.
    await db.transaction(async (tx) => {
      for (let i = 0; i < 1005; i++)
        await audit.append({ actor: 'bulk', action: 'bulk.insert', detail: { i } }, tx);
    });
    expect(await audit.verify()).toEqual({ ok: true, entries: 1005 });
    await db.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await db.query(`UPDATE audit_log SET actor = 'someone else' WHERE seq = 1002`);
    expect((await audit.verify()).firstBad?.seq).toBe(1002);
  });

  it('keeps the chain valid under 50 concurrent appends', async () => {
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        audit.append({ actor: 'c', action: 'concurrent', detail: { i } }),
      ),
    );
    expect(await audit.verify()).toEqual({ ok: true, entries: 50 });
  });

  it('rolls back with the caller transaction and leaves no gap', async () => {
    await appendMany(1);
    await expect(
      db.transaction(async (tx) => {
        await audit.append({ actor: 'x', action: 'doomed' }, tx);
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    await appendMany(1);
    expect(await audit.verify()).toEqual({ ok: true, entries: 2 });
    expect((await audit.list({ limit: 10, offset: 0 })).items.map((e) => e.action)).not.toContain(
      'doomed',
    );
  });

  it('filters by actor and action and pages', async () => {
    await appendMany(3);
    await audit.append({ actor: 'user1', action: 'POST /api/users' });
    expect((await audit.list({ limit: 10, offset: 0, actor: 'user1' })).total).toBe(2);
    const byAction = await audit.list({ limit: 10, offset: 0, action: '/API/users' });
    expect(byAction.items.map((e) => e.seq)).toEqual([4]);
    // LIKE wildcards in the filter are literal.
    expect((await audit.list({ limit: 10, offset: 0, action: '%' })).total).toBe(0);
    const page = await audit.list({ limit: 2, offset: 1 });
    expect(page).toMatchObject({ total: 4 });
    expect(page.items.map((e) => e.seq)).toEqual([3, 2]);
  });
});

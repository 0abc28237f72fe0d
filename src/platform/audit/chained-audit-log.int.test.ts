import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgTestDatabase } from '../../../test/pg-database.ts';
import { hasPostgres } from '../../../test/services.ts';
import { systemClock } from '../clock.ts';
import { migrate, openPostgres, type PostgresDatabase } from '../db/index.ts';
import { AUDIT_MIGRATIONS } from './audit-module.ts';
import { createAuditLog } from './chained-audit-log.ts';

describe.skipIf(!hasPostgres)('audit log on PostgreSQL', () => {
  let testDb: Awaited<ReturnType<typeof createPgTestDatabase>>;
  let second: PostgresDatabase;

  beforeAll(async () => {
    testDb = await createPgTestDatabase();
    await migrate(testDb.db, [AUDIT_MIGRATIONS]);
    // A second pool stands in for a second API process on the same database.
    second = await openPostgres(testDb.url);
  });
  afterAll(async () => {
    await second?.close();
    await testDb?.db.close();
    // pool.end() resolves before every socket is gone; DROP DATABASE ... WITH (FORCE) in drop()
    // would then kill a closing connection and surface as an unhandled error. Wait them out.
    await testDb?.drop();
  });

  it('keeps one valid chain when two processes append 50 entries each at once', async () => {
    const a = createAuditLog(testDb.db, systemClock);
    const b = createAuditLog(second, systemClock);
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => [
        a.append({ actor: 'api-1', action: 'concurrent', detail: { i } }),
        b.append({ actor: 'api-2', action: 'concurrent', detail: { i } }),
      ]).flat(),
    );
    expect(await a.verify()).toEqual({ ok: true, entries: 100 });
    expect((await b.list({ limit: 1, offset: 0, actor: 'api-2' })).total).toBe(50);
  });

  it('refuses changes through the trigger and detects them once it is disabled', async () => {
    const audit = createAuditLog(testDb.db, systemClock);
    await expect(
      testDb.db.query("UPDATE audit_log SET actor = 'x' WHERE seq = 10"),
    ).rejects.toThrow(/append-only/);
    await expect(testDb.db.query('DELETE FROM audit_log WHERE seq = 10')).rejects.toThrow(
      /append-only/,
    );
    await testDb.db.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await testDb.db.query("UPDATE audit_log SET target = 'forged' WHERE seq = 10");
    await testDb.db.query('DELETE FROM audit_log WHERE seq = 20');
    await testDb.db.exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
    expect(await audit.verify()).toEqual({
      ok: false,
      entries: 9,
      firstBad: { seq: 10, reason: expect.any(String) },
    });
  });
});

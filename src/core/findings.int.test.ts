import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgTestDatabase } from '../../test/pg-database.ts';
import { hasPostgres } from '../../test/services.ts';
import { generateNessusFile } from '../demo/scan-generators.ts';
import { AUDIT_MIGRATIONS, createAuditLog } from '../platform/audit/index.ts';
import { fixedClock } from '../platform/clock.ts';
import { migrate, openPostgres, type PostgresDatabase } from '../platform/db/index.ts';
import { createLogger } from '../platform/log.ts';
import { createRecordingJobQueue, TEST_SLA } from '../../test/core-test-kit.ts';
import { CORE_MIGRATIONS, createCore, ImportFailedError, type Core } from './index.ts';
import { IMPORT_QUEUE, queueStoredScan, storeUploadedScan } from './imports/import-files.ts';
import { getImportRun } from './imports/import-runs.ts';

describe.skipIf(!hasPostgres)('scanner import and findings on PostgreSQL', () => {
  let testDb: Awaited<ReturnType<typeof createPgTestDatabase>>;
  let reader: PostgresDatabase;
  let core: Core;
  let dir: string;
  const clock = fixedClock('2026-03-02T09:00:00Z');
  const jobs = createRecordingJobQueue();
  const opts = { seed: 5, hosts: 300, findingsPerHost: [2, 12] as const };

  beforeAll(async () => {
    testDb = await createPgTestDatabase();
    await migrate(testDb.db, [AUDIT_MIGRATIONS, CORE_MIGRATIONS]);
    // Another pool, as an API process on another machine would have.
    reader = await openPostgres(testDb.url);
    const stream = {
      kind: 'memory' as const,
      publish: async () => undefined,
      subscribe: async () => ({ stop: async () => undefined }),
      close: async () => undefined,
    };
    core = createCore({
      db: testDb.db,
      clock,
      audit: createAuditLog(testDb.db, clock),
      jobs,
      stream,
      log: createLogger('silent'),
      sla: TEST_SLA,
    });
    dir = mkdtempSync(join(tmpdir(), 'ward-core-int-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await reader?.close();
    await testDb?.db.close();
    await testDb?.drop();
  });

  it('imports, re-imports and closes findings, and lists them', async () => {
    const path = join(dir, 'q1.nessus');
    writeFileSync(path, generateNessusFile(opts));
    const first = await core.importScanFile(path, { actor: 'alice' });
    expect(first).toMatchObject({ state: 'done', format: 'nessus', hosts: 300, findingsFixed: 0 });
    expect(first.findingsNew).toBeGreaterThan(1000);

    clock.advanceDays(1);
    const again = await core.importScanFile(path, { actor: 'alice' });
    expect(again).toMatchObject({
      findingsNew: 0,
      findingsSeen: first.findingsNew,
      findingsFixed: 0,
    });

    const laterPath = join(dir, 'q2.nessus');
    writeFileSync(laterPath, generateNessusFile({ ...opts, dropFindings: 0.2 }));
    const later = await core.importScanFile(laterPath, { actor: 'alice' });
    expect(later.findingsFixed).toBeGreaterThan(0);
    expect(later.findingsSeen + later.findingsFixed).toBe(first.findingsNew);

    const open = await core.listFindings({ status: ['open'], limit: 5 });
    expect(open.total).toBe(first.findingsNew - later.findingsFixed);
    expect(open.items).toHaveLength(5);
    expect(open.items[0]).toMatchObject({
      safeguard: 'drills',
      tool: 'nessus',
      asset: { name: expect.any(String) },
    });
    const critical = await core.listFindings({
      severity: ['critical'],
      q: open.items[0]!.asset!.name,
    });
    expect(
      critical.items.every(
        (f) => f.severity === 'critical' && f.asset?.name === open.items[0]!.asset!.name,
      ),
    ).toBe(true);
    const fixed = await core.getFinding(
      (await core.listFindings({ status: ['fixed'], limit: 1 })).items[0]!.id,
    );
    expect(fixed!.history.at(-1)).toMatchObject({
      kind: 'status',
      to: 'fixed',
      note: `not reported by scan ${later.id}`,
    });
  });

  it('publishes progress on the import row while the import runs, from outside its transaction', async () => {
    const path = join(dir, 'q3.nessus');
    writeFileSync(path, generateNessusFile({ ...opts, seed: 6, subnet: '10.60' }));
    let seenByReader = 0;
    let polling = true;
    const poll = (async () => {
      while (polling) {
        const rows = await reader.query<{ progress: number }>(
          `SELECT progress FROM imports WHERE state = 'running'`,
        );
        seenByReader = Math.max(seenByReader, ...rows.map((r) => Number(r.progress)));
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const run = await core.importScanFile(path, { actor: 'alice' });
    polling = false;
    await poll;
    expect(run.state).toBe('done');
    expect(seenByReader).toBeGreaterThan(0);
  });

  it('rolls a bad file back entirely', async () => {
    const count = async () =>
      (
        await reader.query<{ n: number }>(
          'SELECT (SELECT count(*) FROM findings) + (SELECT count(*) FROM assets) AS n',
        )
      )[0]!.n;
    const before = await count();
    const xml = generateNessusFile({ ...opts, seed: 7, subnet: '10.70' });
    const path = join(dir, 'cut.nessus');
    writeFileSync(path, xml.slice(0, Math.floor(xml.length * 0.8)));
    const err = await core.importScanFile(path, { actor: 'alice' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportFailedError);
    expect(await count()).toBe(before);
  });

  it('runs an uploaded file from its stored chunks in a worker', async () => {
    await core.module.startWorkers!();
    const ctx = { db: testDb.db, clock };
    const xml = Buffer.from(generateNessusFile({ ...opts, hosts: 40, seed: 8, subnet: '10.80' }));
    const stored = await storeUploadedScan(ctx, {
      fileName: 'up.nessus',
      actor: 'bob',
      file: [xml.subarray(0, 70_000), xml.subarray(70_000)],
    });
    await queueStoredScan(ctx, jobs, { ...stored, requestedFormat: 'auto' });
    await jobs.handlers.get(IMPORT_QUEUE)!({
      id: 'j',
      name: IMPORT_QUEUE,
      data: { importId: stored.importId },
    });
    expect(await getImportRun(reader, stored.importId)).toMatchObject({
      state: 'done',
      hosts: 40,
      createdBy: 'bob',
    });
  });
});

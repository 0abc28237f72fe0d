import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  generateNessus,
  generateNessusFile,
  generateNmap,
  generateNmapXml,
} from '../../demo/scan-generators.ts';
import { countCoreRows, createCoreTestKit, type CoreTestKit } from '../../../test/core-test-kit.ts';
import { ImportFailedError } from '../index.ts';
import {
  IMPORT_QUEUE,
  queueStoredScan,
  runQueuedImport,
  storeUploadedScan,
} from './import-files.ts';
import { getImportRun } from './import-runs.ts';

let kit: CoreTestKit;
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ward-core-import-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  kit = await createCoreTestKit();
});
afterEach(async () => {
  await kit.close();
});

function writeScan(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const nessusOpts = { seed: 41, hosts: 12, findingsPerHost: [3, 9] as const, subnet: '10.20' };

describe('importing scanner files', () => {
  it('imports a Nessus file: one finding per reported item, one asset per host', async () => {
    const { xml, expected } = generateNessus(nessusOpts);
    const path = writeScan('scan.nessus', xml);
    const progress: number[] = [];
    const run = await kit.core.importScanFile(path, {
      actor: 'alice',
      onProgress: (p) => progress.push(p.fraction),
    });
    const items = expected.hosts.reduce((n, h) => n + h.issues.length, 0);
    expect(run).toMatchObject({
      state: 'done',
      format: 'nessus',
      fileName: 'scan.nessus',
      hosts: 12,
      findingsNew: items,
      createdBy: 'alice',
    });
    expect((await kit.core.listFindings({})).total).toBe(items);
    expect((await kit.core.listAssets({})).total).toBe(12);
    expect(progress.at(-1)).toBe(1);
  });

  it('records a re-import of the same file, which finds everything again and nothing new', async () => {
    const path = writeScan('scan.nessus', generateNessusFile(nessusOpts));
    const first = await kit.core.importScanFile(path, { actor: 'alice' });
    kit.clock.advanceDays(1);
    const again = await kit.core.importScanFile(path, { actor: 'alice' });
    expect(again).toMatchObject({
      findingsNew: 0,
      findingsSeen: first.findingsNew,
      findingsFixed: 0,
    });
    const [row] = await kit.db.query<{ reimport_of: string }>(
      'SELECT reimport_of FROM imports WHERE id = $1',
      [again.id],
    );
    expect(row!.reimport_of).toBe(first.id);
  });

  it('fixes what a later scan of the same hosts no longer reports', async () => {
    await kit.core.importScanFile(writeScan('q1.nessus', generateNessusFile(nessusOpts)), {
      actor: 'alice',
    });
    const later = await kit.core.importScanFile(
      writeScan('q2.nessus', generateNessusFile({ ...nessusOpts, dropFindings: 0.3 })),
      {
        actor: 'alice',
      },
    );
    expect(later.findingsNew).toBe(0);
    expect(later.findingsFixed).toBeGreaterThan(0);
    expect((await kit.core.listFindings({ status: ['fixed'] })).total).toBe(later.findingsFixed);
  });

  it('imports an Nmap file with the nmap tool', async () => {
    const { xml, expected } = generateNmap({ seed: 3, hosts: 8, withScripts: true });
    const run = await kit.core.importScanFile(writeScan('scan.xml', xml), { actor: 'alice' });
    expect(run).toMatchObject({ state: 'done', format: 'nmap', hosts: expected.hosts.length });
    const page = await kit.core.listFindings({});
    expect(page.total).toBe(run.findingsNew);
    expect(page.items.every((f) => f.tool === 'nmap' && f.safeguard === 'drills')).toBe(true);
  });

  it('rejects a truncated file naming the line and element, and stores nothing of it', async () => {
    await kit.core.importScanFile(writeScan('good.xml', generateNmapXml({ seed: 3, hosts: 3 })), {
      actor: 'alice',
    });
    const before = await countCoreRows(kit.db);
    const xml = generateNessusFile(nessusOpts);
    const path = writeScan('cut.nessus', xml.slice(0, Math.floor(xml.length * 0.7)));

    const err = await kit.core.importScanFile(path, { actor: 'alice' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportFailedError);
    expect((err as Error).message).toMatch(/^line \d+, <\w+>: /);
    expect(await countCoreRows(kit.db)).toEqual(before);
    const failed = (err as ImportFailedError).run;
    expect(failed).toMatchObject({ state: 'failed', error: (err as Error).message });
    expect((await getImportRun(kit.db, failed.id))!.state).toBe('failed');
  });

  it('refuses a file that is not a scan, and a named format the content contradicts', async () => {
    await expect(
      kit.core.importScanFile(writeScan('notes.txt', 'hello'), { actor: 'alice' }),
    ).rejects.toThrow(/unrecognised file: expected Nmap XML .* or Nessus v2/);
    const nmap = writeScan('scan.xml', generateNmapXml({ seed: 3, hosts: 2 }));
    await expect(
      kit.core.importScanFile(nmap, { actor: 'alice', format: 'nessus' }),
    ).rejects.toThrow(/but it is Nmap XML/);
    await expect(
      kit.core.importScanFile(join(dir, 'missing.nessus'), { actor: 'alice' }),
    ).rejects.toThrow(/cannot read .*missing\.nessus/);
  });
});

describe('the upload job', () => {
  async function* pieces(text: string, size: number) {
    const bytes = Buffer.from(text);
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  }

  it('stores the upload in chunks, queues a job, imports once however often the job runs', async () => {
    const xml = generateNessusFile(nessusOpts);
    const stored = await storeUploadedScan(kit.ctx, {
      fileName: 'upload.nessus',
      actor: 'alice',
      file: pieces(xml, 100_000),
    });
    expect(stored.bytes).toBe(Buffer.byteLength(xml));
    const queued = await queueStoredScan(kit.ctx, kit.jobs, { ...stored, requestedFormat: 'auto' });
    expect(queued).toMatchObject({
      state: 'queued',
      fileName: 'upload.nessus',
      createdBy: 'alice',
    });
    expect(kit.jobs.sent).toEqual([{ name: IMPORT_QUEUE, data: { importId: stored.importId } }]);

    const done = await runQueuedImport(kit.ctx, stored.importId);
    expect(done).toMatchObject({ state: 'done', format: 'nessus', hosts: 12 });
    const again = await runQueuedImport(kit.ctx, stored.importId); // at-least-once delivery
    expect(again).toEqual(done);
    expect((await kit.core.listFindings({})).total).toBe(done!.findingsNew);
    expect((await countCoreRows(kit.db)).import_chunks).toBe(0);
  });

  it('marks a bad upload failed and deletes its chunks', async () => {
    const stored = await storeUploadedScan(kit.ctx, {
      fileName: 'bad.nessus',
      actor: 'alice',
      file: pieces('<NessusClientData_v2><Report', 4),
    });
    await queueStoredScan(kit.ctx, kit.jobs, { ...stored, requestedFormat: 'nessus' });
    const run = await runQueuedImport(kit.ctx, stored.importId);
    expect(run).toMatchObject({ state: 'failed' });
    expect(run!.error).toMatch(/line 1/);
    expect((await countCoreRows(kit.db)).import_chunks).toBe(0);
  });
});

// Cluster mode end to end: one API process and two worker processes on PostgreSQL + NATS
// JetStream import 200 scanner files uploaded through the API. Every import job must run
// exactly once, by either worker, and every finding must be stored exactly once.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FINDINGS_IMPORTED } from '../src/core/index.ts';
import { generateNessusFile } from '../src/demo/scan-generators.ts';
import { createLogger } from '../src/platform/log.ts';
import { connectNatsEventStream } from '../src/platform/stream/nats.ts';
import { createPgTestDatabase } from './pg-database.ts';
import { deleteNatsStream, hasNats, hasPostgres, testNatsUrl } from './services.ts';
import {
  freePort,
  setupAdmin,
  startWard,
  waitForHealth,
  type WardProcess,
} from './ward-process.ts';

const FILES = 200;

describe.skipIf(!hasPostgres || !hasNats)(
  'cluster: 1 api + 2 workers on PostgreSQL and NATS',
  () => {
    let pg: Awaited<ReturnType<typeof createPgTestDatabase>>;
    const procs: WardProcess[] = [];
    const dataDir = mkdtempSync(join(tmpdir(), 'ward-cluster-'));
    let base = '';
    let auth: { cookie: string; csrf: string };
    let streamName = '';

    beforeAll(async () => {
      pg = await createPgTestDatabase();
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      streamName = `WARD_TEST_${randomBytes(4).toString('hex')}`;
      const env = {
        WARD_DATABASE_URL: pg.url,
        WARD_NATS_URL: testNatsUrl!,
        WARD_NATS_STREAM: streamName,
        WARD_SECRET_KEY: randomBytes(32).toString('hex'),
        WARD_DEMO: 'false',
        WARD_DATA_DIR: dataDir,
        WARD_LOG_LEVEL: 'warn',
        WARD_RATE_LIMIT_PER_MINUTE: '100000',
      };
      const api = startWard(['serve', '--roles=api'], { ...env, WARD_PORT: String(port) });
      procs.push(api);
      await waitForHealth(base, api);
      for (let i = 0; i < 2; i++)
        procs.push(startWard(['serve', '--roles=worker'], { ...env, WARD_PORT: '0' }));
      auth = await setupAdmin(base);
    });

    afterAll(async () => {
      const codes = await Promise.all(procs.map((p) => p.stop()));
      await pg?.drop();
      await deleteNatsStream(testNatsUrl!, streamName);
      rmSync(dataDir, { recursive: true, force: true });
      // Graceful shutdown on SIGTERM: every process exits 0.
      expect(codes).toEqual(procs.map(() => 0));
    });

    it('imports 200 uploaded files, each job once, each finding once', async () => {
      // A consumer group of our own on the installation's JetStream stream: the workers publish
      // one event per finished import, and every one must arrive through NATS.
      const events = await connectNatsEventStream({
        natsUrl: testNatsUrl!,
        streamName,
        log: createLogger('silent'),
      });
      const imported = new Set<string>();
      await events.subscribe<{ importId: string }>(FINDINGS_IMPORTED, 'cluster-test', async (m) => {
        imported.add(m.data.importId);
      });
      let expectedFindings = 0;
      const upload = async (i: number) => {
        // File i holds hosts 2i and 2i+1 of one generated network: every file scans hosts no
        // other file has, so the expected total is the sum of the files' items.
        const xml = generateNessusFile({
          seed: 1000,
          hosts: 2 * (i + 1),
          hostFilter: (h) => h >= 2 * i,
          findingsPerHost: [1, 4],
          subnet: '10.9',
          scanName: `scan ${i}`,
        });
        expectedFindings += xml.match(/<ReportItem /g)?.length ?? 0;
        const form = new FormData();
        form.append('file', new Blob([xml], { type: 'application/xml' }), `scan-${i}.nessus`);
        const res = await fetch(`${base}/api/findings/imports`, {
          method: 'POST',
          headers: { cookie: auth.cookie, 'x-csrf-token': auth.csrf },
          body: form,
        });
        expect(res.status, await res.clone().text()).toBe(202);
      };
      for (let i = 0; i < FILES; i += 10) {
        await Promise.all(Array.from({ length: Math.min(10, FILES - i) }, (_, k) => upload(i + k)));
      }

      const deadline = Date.now() + 180_000;
      let runs: { state: string; id: string }[] = [];
      while (Date.now() < deadline) {
        const res = await fetch(`${base}/api/findings/imports?limit=500`, {
          headers: { cookie: auth.cookie },
        });
        runs = ((await res.json()) as { items: { state: string; id: string }[] }).items;
        if (runs.length === FILES && runs.every((r) => r.state === 'done' || r.state === 'failed'))
          break;
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(runs.filter((r) => r.state === 'done')).toHaveLength(FILES);
      const eventsBy = Date.now() + 30_000;
      while (imported.size < FILES && Date.now() < eventsBy)
        await new Promise((r) => setTimeout(r, 200));
      await events.close();
      expect([...imported].sort()).toEqual(runs.map((r) => r.id).sort());

      const page = await fetch(`${base}/api/findings?limit=1&status=open`, {
        headers: { cookie: auth.cookie },
      });
      expect(((await page.json()) as { total: number }).total).toBe(expectedFindings);

      const [stored] = await pg.db.query<{ n: number; keys: number }>(
        'SELECT count(*)::int AS n, count(DISTINCT dedup_key)::int AS keys FROM findings',
      );
      expect(stored).toEqual({ n: expectedFindings, keys: expectedFindings });

      // Exactly once: each import was started by one worker exactly once, and both workers worked.
      const imports = await pg.db.query<{ attempts: number; worker: string }>(
        'SELECT attempts, worker FROM imports',
      );
      expect(imports.every((r) => r.attempts === 1)).toBe(true);
      expect(new Set(imports.map((r) => r.worker)).size).toBe(2);
    });
  },
);

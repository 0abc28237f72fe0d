// Live ingest throughput (issue 4): one HTTP server taking shipper batches and two detection
// workers (separate processes, as in cluster mode) sharing the NATS stream and PostgreSQL.
// POSTs batches of 5,000 generated events (10% vssadmin shadow deletions, the rest benign
// process starts) four at a time until ~200k events are in, and measures events/s from the
// first POST until every match is stored as alert counts. Target: >= 20,000 events/s on 2 cores.
//
//   WARD_TEST_DATABASE_URL=postgres://... WARD_TEST_NATS_URL=nats://... npx node bench/ingest.bench.ts [events]
//
// Skips (and says so) without both services.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createTestHttpServer } from '../test/http-app.ts';
import { createPgTestDatabase } from '../test/pg-database.ts';
import { deleteNatsStream } from '../test/services.ts';
import { AUDIT_MIGRATIONS, createAuditLog } from '../src/platform/audit/index.ts';
import { systemClock } from '../src/platform/clock.ts';
import { migrate, openPostgres } from '../src/platform/db/index.ts';
import { createLogger } from '../src/platform/log.ts';
import { createEventStream } from '../src/platform/stream/index.ts';
import { createLiveDetection } from '../src/safeguards/ransomware/live/index.ts';
import { createSource } from '../src/safeguards/ransomware/live/ingest-sources.ts';
import {
  benignProcess,
  RANSOMWARE_MIGRATIONS,
  shadowDelete,
} from '../src/safeguards/ransomware/live/test-kit.ts';

const BATCH = 5_000;
const IN_FLIGHT = 4;
const log = createLogger(process.env['WARD_BENCH_LOG'] ?? 'warn');
const mib = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;

/** Child mode: one detection worker until stdin closes; prints its peak RSS on the way out. */
async function runWorker(dbUrl: string, natsUrl: string, streamName: string): Promise<void> {
  const db = await openPostgres(dbUrl);
  const stream = await createEventStream({ natsUrl, streamName, log });
  const live = createLiveDetection({
    db,
    stream,
    audit: createAuditLog(db, systemClock),
    clock: systemClock,
    log,
    ruleDirs: [],
    groupMinutes: 15,
    ingestMaxEvents: BATCH,
  });
  await live.startWorkers();
  process.stdout.write('ready\n');
  process.stdin.resume();
  await new Promise((r) => process.stdin.on('end', r));
  await live.close();
  await stream.close();
  await db.close();
  process.stdout.write(`rss ${process.resourceUsage().maxRSS}\n`);
}

function startWorker(args: string[]): Promise<{ child: ChildProcess; rss: Promise<number> }> {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--worker', ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  let onReady: () => void;
  const ready = new Promise<void>((r) => (onReady = r));
  const rss = new Promise<number>((resolve) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready\n')) onReady();
      const m = /rss (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', () => resolve(0));
  });
  return ready.then(() => ({ child, rss }));
}

function makeBatch(n: number, offset: number): string {
  const base = Date.parse('2026-03-02T08:00:00Z');
  const events = [];
  for (let i = 0; i < n; i++) {
    const k = offset + i;
    const at = new Date(base + k * 50).toISOString();
    const host = `WS-${k % 200}`;
    events.push(k % 10 === 0 ? shadowDelete(host, at, k) : benignProcess(host, at, k));
  }
  return JSON.stringify(events);
}

async function main(): Promise<void> {
  const dbUrl = process.env['WARD_TEST_DATABASE_URL'];
  const natsUrl = process.env['WARD_TEST_NATS_URL'];
  if (process.argv[2] === '--worker') {
    await runWorker(process.argv[3]!, process.argv[4]!, process.argv[5]!);
    return;
  }
  if (!dbUrl || !natsUrl) {
    console.log('ingest bench skipped: set WARD_TEST_DATABASE_URL and WARD_TEST_NATS_URL');
    return;
  }
  const total = Math.ceil(Number(process.argv[2] ?? 200_000) / BATCH) * BATCH;
  const streamName = `WARD_BENCH_${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const pg = await createPgTestDatabase();
  const workers: { child: ChildProcess; rss: Promise<number> }[] = [];
  try {
    await migrate(pg.db, [AUDIT_MIGRATIONS, RANSOMWARE_MIGRATIONS]);
    const audit = createAuditLog(pg.db, systemClock);
    const stream = await createEventStream({ natsUrl, streamName, log });
    const live = createLiveDetection({
      db: pg.db,
      stream,
      audit,
      clock: systemClock,
      log,
      ruleDirs: [],
      groupMinutes: 15,
      ingestMaxEvents: BATCH,
    });
    // Workers first: a new consumer group starts with what is published after it exists.
    for (let i = 0; i < 2; i++) workers.push(await startWorker([pg.url, natsUrl, streamName]));
    const http = await createTestHttpServer({
      auth: { authenticate: async () => null },
      audit,
      modules: [{ name: 'ransomware', registerRoutes: (h) => live.registerRoutes(h) }],
    });
    const address = await http.listen({ host: '127.0.0.1', port: 0 });
    const { token } = await createSource(
      { db: pg.db, audit, clock: systemClock },
      { name: 'bench' },
      'bench',
    );
    const bodies = Array.from({ length: total / BATCH }, (_, i) => makeBatch(BATCH, i * BATCH));
    const expected = total / 10;

    const started = performance.now();
    let next = 0;
    const post = async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        const res = await fetch(`${address}/api/ransomware/ingest`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body,
        });
        if (res.status !== 202) throw new Error(`ingest: HTTP ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, post));
    const ingested = (performance.now() - started) / 1000;
    let stored = 0;
    const deadline = Date.now() + 300_000;
    while (stored < expected && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 25));
      stored = (
        await pg.db.query<{ n: number }>('SELECT coalesce(sum(count), 0)::int AS n FROM rw_alerts')
      )[0]!.n;
    }
    const seconds = (performance.now() - started) / 1000;
    const [alerts] = await pg.db.query<{ n: number }>('SELECT count(*)::int AS n FROM rw_alerts');

    await http.close();
    await live.close();
    await stream.close();
    for (const w of workers) w.child.stdin!.end();
    const workerRss = await Promise.all(workers.map((w) => w.rss));
    workers.length = 0;

    console.log(
      `events:            ${total.toLocaleString('en')} in ${bodies.length} POSTs of ${BATCH}`,
    );
    console.log(
      `matches stored:    ${stored.toLocaleString('en')} of ${expected.toLocaleString('en')} (${alerts!.n} alerts)`,
    );
    console.log(
      `all POSTs answered ${ingested.toFixed(2)} s (${Math.round(total / ingested).toLocaleString('en')} events/s accepted)`,
    );
    console.log(
      `end to end:        ${seconds.toFixed(2)} s = ${Math.round(total / seconds).toLocaleString('en')} events/s (target >= 20,000)`,
    );
    console.log(
      `peak RSS:          api ${mib(process.resourceUsage().maxRSS)}, workers ${workerRss.map(mib).join(', ')}`,
    );
    if (stored !== expected) process.exitCode = 1;
  } finally {
    for (const w of workers) w.child.kill();
    await deleteNatsStream(natsUrl, streamName).catch(() => undefined);
    await pg.drop();
  }
}

await main();

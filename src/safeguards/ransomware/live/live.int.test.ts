import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHttpServer } from '../../../../test/http-app.ts';
import { createPgTestDatabase } from '../../../../test/pg-database.ts';
import { deleteNatsStream, hasNats, hasPostgres, testNatsUrl } from '../../../../test/services.ts';
import { AUDIT_MIGRATIONS, createAuditLog } from '../../../platform/audit/index.ts';
import { fixedClock } from '../../../platform/clock.ts';
import { migrate, type Database } from '../../../platform/db/index.ts';
import type { HttpServer } from '../../../platform/http/index.ts';
import { createLogger } from '../../../platform/log.ts';
import {
  createEventStream,
  type EventStream,
  type StreamMessage,
  type SubscribeOptions,
} from '../../../platform/stream/index.ts';
import { createLiveDetection, type LiveDetection } from './index.ts';
import { createSource } from './ingest-sources.ts';
import { benignProcess, RANSOMWARE_MIGRATIONS, shadowDelete, waitUntil } from './test-kit.ts';

const log = createLogger('silent');

/** Counts the stream messages a worker's handler receives. */
function counting(stream: EventStream, seen: { n: number }): EventStream {
  return {
    kind: stream.kind,
    publish: (subject, data) => stream.publish(subject, data),
    subscribe: <T>(
      subject: string,
      group: string,
      handler: (msg: StreamMessage<T>) => Promise<void>,
      opts?: SubscribeOptions,
    ) =>
      stream.subscribe<T>(
        subject,
        group,
        async (msg) => {
          await handler(msg);
          seen.n++;
        },
        opts,
      ),
    close: () => stream.close(),
  };
}

describe.skipIf(!hasPostgres || !hasNats)('live detection on PostgreSQL and NATS', () => {
  const streamName = `WARD_LIVE_${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  let pg: Awaited<ReturnType<typeof createPgTestDatabase>>;
  let db: Database;
  let http: HttpServer;
  const workers: { live: LiveDetection; stream: EventStream; seen: { n: number } }[] = [];

  beforeAll(async () => {
    pg = await createPgTestDatabase();
    db = pg.db;
    await migrate(db, [AUDIT_MIGRATIONS, RANSOMWARE_MIGRATIONS]);
    const clock = fixedClock('2026-03-02T12:00:00Z');
    const audit = createAuditLog(db, clock);
    // Two detection workers, as two processes would run them: own NATS connections, one stream.
    for (let i = 0; i < 2; i++) {
      const seen = { n: 0 };
      const stream = counting(
        await createEventStream({ natsUrl: testNatsUrl!, streamName, log }),
        seen,
      );
      const live = createLiveDetection({
        db,
        stream,
        audit,
        clock,
        log,
        ruleDirs: [],
        groupMinutes: 15,
        ingestMaxEvents: 10_000,
      });
      workers.push({ live, stream, seen });
    }
    for (const w of workers) await w.live.startWorkers();
    http = await createTestHttpServer({
      auth: { authenticate: async () => null },
      audit,
      modules: [{ name: 'ransomware', registerRoutes: (h) => workers[0]!.live.registerRoutes(h) }],
    });
  });

  afterAll(async () => {
    await http?.close();
    for (const w of workers) {
      await w.live.close();
      await w.stream.close();
    }
    await deleteNatsStream(testNatsUrl!, streamName);
    await pg?.drop();
  });

  it('two workers share the stream: 500 matching events of 2,000 count exactly 500', async () => {
    const { token } = await createSource(
      {
        db,
        audit: createAuditLog(db, fixedClock('2026-03-02T12:00:00Z')),
        clock: fixedClock('2026-03-02T12:00:00Z'),
      },
      { name: 'int-shipper' },
      'test',
    );
    const base = Date.parse('2026-03-02T08:00:00Z');
    const events = Array.from({ length: 2000 }, (_, i) => {
      const at = new Date(base + i * 5_000).toISOString();
      const host = `WS-${i % 7}`;
      return i % 4 === 0 ? shadowDelete(host, at, i) : benignProcess(host, at, i);
    });
    // 20 requests of 100 events: 20 stream messages to share between the workers.
    for (let i = 0; i < events.length; i += 100) {
      const res = await http.inject({
        method: 'POST',
        url: '/api/ransomware/ingest',
        headers: { authorization: `Bearer ${token}` },
        payload: events.slice(i, i + 100),
      });
      expect(res.statusCode).toBe(202);
      expect(res.json()).toEqual({ accepted: 100, rejected: [] });
    }
    const total = async () =>
      (await db.query<{ n: number }>('SELECT coalesce(sum(count), 0)::int AS n FROM rw_alerts'))[0]!
        .n;
    await waitUntil('500 matches', async () => (await total()) >= 500, 30_000);
    await waitUntil(
      'every message handled',
      async () => workers.reduce((n, w) => n + w.seen.n, 0) >= 20,
      10_000,
    );
    // Nothing is counted twice, even after redelivery would have had time to happen.
    await new Promise((r) => setTimeout(r, 500));
    expect(await total()).toBe(500);
    expect(workers.reduce((n, w) => n + w.seen.n, 0)).toBe(20);
    // 7 hosts x 15-minute windows over 2000 x 5 s (about 2.8 h): grouped, not one per event.
    const [alerts] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM rw_alerts');
    expect(alerts!.n).toBeGreaterThan(7);
    expect(alerts!.n).toBeLessThan(200);
    const [events20] = await db.query<{ n: number }>(
      'SELECT max(c)::int AS n FROM (SELECT count(*) AS c FROM rw_alert_events GROUP BY alert_id) x',
    );
    expect(events20!.n).toBeLessThanOrEqual(20);
  });
});

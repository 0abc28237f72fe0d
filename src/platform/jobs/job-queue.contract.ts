import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Queryable } from '../db/database.ts';
import type { JobQueue } from './job-queue.ts';

/** What a contract run needs from the database under test. */
export interface JobQueueHarness {
  /** A started JobQueue on the shared test database; the suite stops it. */
  makeQueue(opts: { worker: boolean }): Promise<JobQueue>;
  /** Direct SQL on the same database, to look at what pg-boss stored. */
  db(): Queryable;
}

/** Polls `check` until it returns true; fails with `what` after `ms`. */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  ms = 20_000,
): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The behaviour every JobQueue must show, on PGlite (unit) and PostgreSQL (integration). Queue
 * names are unique per test, so the tests can share one database.
 */
export function describeJobQueueContract(name: string, harness: JobQueueHarness): void {
  describe(`JobQueue contract: ${name}`, () => {
    const open: JobQueue[] = [];
    const queueName = (what: string) => `${what}-${randomBytes(4).toString('hex')}`;
    const make = async (worker = true) => {
      const q = await harness.makeQueue({ worker });
      open.push(q);
      return q;
    };

    afterEach(async () => {
      await Promise.all(open.splice(0).map((q) => q.stop()));
    });

    it('delivers the data of a sent job to its handler and reports it completed', async () => {
      const jobs = await make();
      const q = queueName('deliver');
      const seen: { id: string; name: string; data: unknown }[] = [];
      await jobs.work<{ n: number; tags: string[] }>(q, async (job) => {
        seen.push({ id: job.id, name: job.name, data: job.data });
      });
      const id = await jobs.send(q, { n: 7, tags: ['a', 'b'] });
      await waitFor(
        'the job to complete',
        async () => (await jobs.getState(q, id)) === 'completed',
      );
      expect(seen).toEqual([{ id, name: q, data: { n: 7, tags: ['a', 'b'] } }]);
    });

    it('reports created before a worker takes the job, and null for unknown jobs and queues', async () => {
      const api = await make(false);
      const q = queueName('state');
      const id = await api.send(q, { x: 1 });
      expect(await api.getState(q, id)).toBe('created');
      expect(await api.getState(q, '00000000-0000-4000-8000-000000000000')).toBeNull();
      expect(await api.getState(q, 'not-a-uuid')).toBeNull();
      expect(await api.getState(queueName('never-created'), id)).toBeNull();
    });

    it('retries a throwing handler retryLimit times, then marks the job failed', async () => {
      const jobs = await make();
      const q = queueName('retry');
      let attempts = 0;
      await jobs.work(q, async () => {
        attempts++;
        throw new Error('boom');
      });
      const id = await jobs.send(q, { x: 1 }, { retryLimit: 2, retryDelaySeconds: 0 });
      await waitFor('the job to fail', async () => (await jobs.getState(q, id)) === 'failed');
      expect(attempts).toBe(3);
      // Failed is final: no further attempt comes.
      await sleep(1200);
      expect(attempts).toBe(3);
    });

    it('succeeds on a retry after a first failure', async () => {
      const jobs = await make();
      const q = queueName('retry-ok');
      let attempts = 0;
      await jobs.work(q, async () => {
        if (++attempts === 1) throw new Error('transient');
      });
      const id = await jobs.send(q, {}, { retryLimit: 1, retryDelaySeconds: 0 });
      await waitFor(
        'the job to complete',
        async () => (await jobs.getState(q, id)) === 'completed',
      );
      expect(attempts).toBe(2);
    });

    it('queues one job per singletonKey while it is queued or active, and a new one after', async () => {
      const api = await make(false);
      const q = queueName('singleton');
      const first = await api.send(q, { v: 1 }, { singletonKey: 'asset-1' });
      const again = await api.send(q, { v: 2 }, { singletonKey: 'asset-1' });
      const other = await api.send(q, { v: 3 }, { singletonKey: 'asset-2' });
      const keyless = [await api.send(q, { v: 4 }), await api.send(q, { v: 4 })];
      expect(again).toBe(first);
      expect(other).not.toBe(first);
      expect(new Set([first, other, ...keyless]).size).toBe(4);

      const worker = await make();
      const handled: number[] = [];
      await worker.work<{ v: number }>(q, async (job) => {
        handled.push(job.data.v);
      });
      await waitFor('four jobs', () => handled.length === 4);
      expect(handled.sort()).toEqual([1, 3, 4, 4]);
      await waitFor('completion', async () => (await api.getState(q, first)) === 'completed');
      const later = await api.send(q, { v: 5 }, { singletonKey: 'asset-1' });
      expect(later).not.toBe(first);
      await waitFor('the later job', () => handled.length === 5);
    });

    it('runs up to `concurrency` jobs of a queue at once, and no more', async () => {
      const jobs = await make();
      const q = queueName('concurrency');
      let active = 0;
      let peak = 0;
      let done = 0;
      await jobs.work(
        q,
        async () => {
          active++;
          peak = Math.max(peak, active);
          await waitFor('three jobs at once', () => peak >= 3, 10_000).catch(() => undefined);
          await sleep(50);
          active--;
          done++;
        },
        { concurrency: 3 },
      );
      for (let i = 0; i < 7; i++) await jobs.send(q, { i });
      await waitFor('all seven jobs', () => done === 7, 30_000);
      expect(peak).toBe(3);
    });

    it('stores a cron schedule once, replacing it when scheduled again', async () => {
      const api = await make(false);
      const q = queueName('cron');
      await api.schedule(q, '0 3 * * *', { report: 'daily' });
      await api.schedule(q, '30 4 * * *', { report: 'daily' });
      const rows = await harness
        .db()
        .query<{ cron: string; timezone: string; data: unknown }>(
          'SELECT cron, timezone, data FROM pgboss.schedule WHERE name = $1',
          [q],
        );
      expect(rows).toEqual([{ cron: '30 4 * * *', timezone: 'UTC', data: { report: 'daily' } }]);
      await expect(api.schedule(q, 'not a cron', {})).rejects.toThrow();
    });

    it('refuses work() in a process without the worker role; a worker runs what it sent', async () => {
      const api = await make(false);
      const q = queueName('roles');
      await expect(api.work(q, async () => undefined)).rejects.toThrow(/worker role/);
      const id = await api.send(q, { from: 'api' });
      const worker = await make();
      // Only the worker runs pg-boss's maintenance and turns schedules into jobs.
      const live = await harness
        .db()
        .query(
          'SELECT name, supervise, schedule FROM pgboss.instance WHERE stopped_on IS NULL ORDER BY name',
        );
      expect(live).toEqual([
        { name: 'ward-api', supervise: false, schedule: false },
        { name: 'ward-worker', supervise: true, schedule: true },
      ]);
      const seen: unknown[] = [];
      await worker.work(q, async (job) => {
        seen.push(job.data);
      });
      await waitFor(
        'the worker to complete it',
        async () => (await api.getState(q, id)) === 'completed',
      );
      expect(seen).toEqual([{ from: 'api' }]);
    });

    it('stop() lets a running handler finish and complete its job', async () => {
      const api = await make(false);
      const worker = await harness.makeQueue({ worker: true });
      const q = queueName('drain');
      let started = false;
      let finished = false;
      await worker.work(q, async () => {
        started = true;
        await sleep(700);
        finished = true;
      });
      const id = await api.send(q, {});
      await waitFor('the handler to start', () => started);
      await worker.stop();
      expect(finished).toBe(true);
      expect(await api.getState(q, id)).toBe('completed');
      await expect(worker.work(q, async () => undefined)).rejects.toThrow();
    });
  });
}

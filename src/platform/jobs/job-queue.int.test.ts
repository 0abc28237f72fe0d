import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgTestDatabase } from '../../../test/pg-database.ts';
import { hasPostgres } from '../../../test/services.ts';
import { openPostgres, type PostgresDatabase } from '../db/index.ts';
import { createLogger } from '../log.ts';
import { describeJobQueueContract, waitFor } from './job-queue.contract.ts';
import { createJobQueue } from './index.ts';

const log = createLogger('silent');

describe.skipIf(!hasPostgres)('pg-boss on PostgreSQL', () => {
  let pg: Awaited<ReturnType<typeof createPgTestDatabase>>;

  beforeAll(async () => {
    pg = await createPgTestDatabase();
  });
  afterAll(async () => {
    await pg?.drop();
  });

  describeJobQueueContract('pg-boss on PostgreSQL', {
    makeQueue: ({ worker }) => createJobQueue(pg.db, { log, worker, pollingIntervalSeconds: 0.5 }),
    db: () => pg.db,
  });

  it('two worker processes, each with its own pool, run each of 200 jobs exactly once', async () => {
    // The second "process" opens its own pool, as a separate `ward serve --roles=worker` would.
    const otherDb: PostgresDatabase = await openPostgres(pg.url);
    const a = await createJobQueue(pg.db, { log, worker: true, pollingIntervalSeconds: 0.5 });
    const b = await createJobQueue(otherDb, { log, worker: true, pollingIntervalSeconds: 0.5 });
    try {
      const runs = new Map<number, number>();
      const byWorker = { a: 0, b: 0 };
      const handler = (who: 'a' | 'b') => async (job: { data: { n: number } }) => {
        runs.set(job.data.n, (runs.get(job.data.n) ?? 0) + 1);
        byWorker[who]++;
        await new Promise((r) => setTimeout(r, 5));
      };
      await a.work('two-workers', handler('a'), { concurrency: 4 });
      await b.work('two-workers', handler('b'), { concurrency: 4 });
      for (let n = 0; n < 200; n++) await a.send('two-workers', { n });
      await waitFor('200 jobs', () => runs.size === 200, 90_000);
      // Time for a job handed out twice to run a second time.
      await new Promise((r) => setTimeout(r, 1500));
      expect([...runs.values()].every((count) => count === 1)).toBe(true);
      expect(byWorker.a + byWorker.b).toBe(200);
      expect(byWorker.a).toBeGreaterThan(0);
      expect(byWorker.b).toBeGreaterThan(0);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      await otherDb.close();
    }
  });
});

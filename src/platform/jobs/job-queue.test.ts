import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type PgliteDatabase } from '../db/index.ts';
import { createLogger } from '../log.ts';
import { describeJobQueueContract, waitFor } from './job-queue.contract.ts';
import { createJobQueue } from './index.ts';

// One PGlite for the file: opening one and installing pg-boss's schema is the slow part, and the
// contract's queue names are unique per test.
let db: PgliteDatabase;
const log = createLogger('silent');

beforeAll(async () => {
  db = await openPglite();
});
afterAll(async () => {
  await db.close();
});

describeJobQueueContract('pg-boss on PGlite', {
  makeQueue: ({ worker }) => createJobQueue(db, { log, worker, pollingIntervalSeconds: 0.5 }),
  db: () => db,
});

describe('pg-boss on PGlite: transactions', () => {
  it('queues a job sent inside a transaction only when the transaction commits', async () => {
    const jobs = await createJobQueue(db, { log, worker: true, pollingIntervalSeconds: 0.5 });
    try {
      await jobs.createQueue('tx-outbox');
      const seen: string[] = [];
      await jobs.work<{ v: string }>('tx-outbox', async (job) => {
        seen.push(job.data.v);
      });
      const kept = await db.transaction((tx) => jobs.send('tx-outbox', { v: 'committed' }, { tx }));
      await expect(
        db.transaction(async (tx) => {
          await jobs.send('tx-outbox', { v: 'rolled back' }, { tx });
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      await waitFor(
        'the committed job',
        async () => (await jobs.getState('tx-outbox', kept)) === 'completed',
      );
      // Give a wrongly queued second job the time to show up.
      await new Promise((r) => setTimeout(r, 1000));
      expect(seen).toEqual(['committed']);
      await expect(db.transaction((tx) => jobs.send('tx-undeclared', {}, { tx }))).rejects.toThrow(
        /createQueue/,
      );
    } finally {
      await jobs.stop();
    }
  });
});

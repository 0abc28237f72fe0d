/**
 * Background jobs on pg-boss, over whichever database Ward runs on: PGlite in embedded mode,
 * PostgreSQL in cluster mode, one code path.
 *
 * A worker process (`worker: true`) runs handlers and pg-boss's maintenance: expiring stuck
 * jobs, retention, and turning cron schedules into jobs. Any number of workers may share a
 * PostgreSQL database; maintenance and schedules are coordinated inside pg-boss. A process with
 * `worker: false` (the API role) only sends and schedules.
 *
 * @example
 * const jobs = await createJobQueue(db, { log, worker: true });
 * await jobs.work<{ assetId: string }>('scan-asset', async (job) => scan(job.data.assetId));
 * await jobs.send('scan-asset', { assetId }, { singletonKey: assetId });
 * await jobs.stop();
 */
import { PgBoss } from 'pg-boss';
import type { Database } from '../db/database.ts';
import type { Logger } from '../log.ts';
import type { JobQueue } from './job-queue.ts';
import { pgBossConnection } from './pg-boss-db.ts';
import { PgBossJobQueue } from './pg-boss-queue.ts';

export type { Job, JobQueue, SendOptions, WorkOptions } from './job-queue.ts';

export interface JobQueueOptions {
  log: Logger;
  /** Run handlers and maintenance in this process. false: send and schedule only. */
  worker: boolean;
  /** PostgreSQL schema of pg-boss's tables. Default `pgboss`. */
  schema?: string;
  /** How often an idle handler loop looks for new jobs, in seconds (pg-boss minimum 0.5). Default 2. */
  pollingIntervalSeconds?: number;
  /** Jobs of one queue this process runs at once when work() does not say. Default 1. */
  concurrency?: number;
  /** PostgreSQL only: size of pg-boss's own connection pool. Default 4 for a worker, 2 otherwise. */
  maxConnections?: number;
  /** How long stop() waits for running handlers before failing them for a later retry. Default 30. */
  stopTimeoutSeconds?: number;
}

/** Starts pg-boss on `db` (installing or migrating its schema) and returns the JobQueue. */
export async function createJobQueue(db: Database, opts: JobQueueOptions): Promise<JobQueue> {
  const { log, worker } = opts;
  const boss = new PgBoss({
    ...pgBossConnection(db, opts.maxConnections ?? (worker ? 4 : 2)),
    ...(opts.schema ? { schema: opts.schema } : {}),
    // pg-boss migrates under an advisory lock, so every process may try; the first one wins.
    migrate: true,
    supervise: worker,
    schedule: worker,
    instanceName: worker ? 'ward-worker' : 'ward-api',
  });
  // An unhandled 'error' event would crash the process; pg-boss reports transient database
  // failures this way and carries on polling.
  boss.on('error', (err) => log.error({ err }, 'pg-boss error'));
  boss.on('warning', (w) => log.warn({ data: w.data }, `pg-boss: ${w.message}`));
  await boss.start();
  return new PgBossJobQueue(boss, {
    log,
    worker,
    pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2,
    concurrency: opts.concurrency ?? 1,
    stopTimeoutSeconds: opts.stopTimeoutSeconds ?? 30,
  });
}

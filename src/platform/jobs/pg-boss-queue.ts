import { randomUUID } from 'node:crypto';
import type { PgBoss, SendOptions as BossSendOptions } from 'pg-boss';
import type { Logger } from '../log.ts';
import type { Job, JobQueue, SendOptions, WorkOptions } from './job-queue.ts';
import { queryableAdapter } from './pg-boss-db.ts';

export interface PgBossQueueSettings {
  log: Logger;
  worker: boolean;
  pollingIntervalSeconds: number;
  concurrency: number;
  stopTimeoutSeconds: number;
}

// Job states that still count as "queued or active" for singletonKey de-duplication.
const LIVE_STATES = new Set(['created', 'retry', 'active']);

/**
 * JobQueue over a started PgBoss. Every queue is created with pg-boss's `exclusive` policy (at
 * most one queued-or-active job per singletonKey, enforced by a unique index, so it holds across
 * processes). A job sent without a key gets its own id as key, which keeps keyless jobs
 * independent of each other; jobs a cron schedule creates carry no key, so a schedule never
 * piles up a second run behind one still queued or running.
 */
export class PgBossJobQueue implements JobQueue {
  readonly #boss: PgBoss;
  readonly #settings: PgBossQueueSettings;
  readonly #queues = new Map<string, Promise<void>>();
  #stopping: Promise<void> | undefined;

  constructor(boss: PgBoss, settings: PgBossQueueSettings) {
    this.#boss = boss;
    this.#settings = settings;
  }

  createQueue(name: string): Promise<void> {
    let ready = this.#queues.get(name);
    if (!ready) {
      ready = this.#boss.createQueue(name, { policy: 'exclusive' });
      // A failed attempt is not cached, so the next call tries again.
      ready.catch(() => this.#queues.delete(name));
      this.#queues.set(name, ready);
    }
    return ready;
  }

  async send<T extends object>(name: string, data: T, opts: SendOptions = {}): Promise<string> {
    if (opts.tx && !this.#queues.has(name)) {
      // pg-boss looks the queue up on its own connection; on PGlite that connection waits for the
      // open transaction, which waits for us: a deadlock. Declaring the queue first avoids it.
      throw new Error(
        `jobs: call createQueue('${name}') at start-up before sending to it inside a transaction`,
      );
    }
    await this.createQueue(name);
    const id = randomUUID();
    const options: BossSendOptions = { id, singletonKey: opts.singletonKey ?? id };
    if (opts.retryLimit !== undefined) options.retryLimit = opts.retryLimit;
    if (opts.retryDelaySeconds !== undefined) options.retryDelay = opts.retryDelaySeconds;
    if (opts.expireInSeconds !== undefined) options.expireInSeconds = opts.expireInSeconds;
    if (opts.tx) options.db = queryableAdapter(opts.tx);
    // A null from pg-boss means the key is taken; answer with the job holding it. It can finish
    // between the two statements, so try the insert again then.
    for (let attempt = 0; attempt < 3; attempt++) {
      const created = await this.#boss.send(name, data, options);
      if (created) return created;
      const holder = await this.#liveJobWithKey(name, options.singletonKey!, options.db);
      if (holder) return holder;
    }
    throw new Error(
      `jobs: could not queue ${name} with singletonKey ${opts.singletonKey}: the key kept changing hands`,
    );
  }

  async #liveJobWithKey(
    name: string,
    key: string,
    db: BossSendOptions['db'],
  ): Promise<string | null> {
    const jobs = await this.#boss.findJobs(name, db ? { key, db } : { key });
    return jobs.find((j) => LIVE_STATES.has(j.state))?.id ?? null;
  }

  async work<T extends object>(
    name: string,
    handler: (job: Job<T>) => Promise<void>,
    opts: WorkOptions = {},
  ): Promise<void> {
    if (!this.#settings.worker) {
      throw new Error(
        `jobs: work('${name}') needs the worker role; this process only sends jobs (created with worker: false)`,
      );
    }
    if (this.#stopping) throw new Error(`jobs: work('${name}') after stop()`);
    await this.createQueue(name);
    const log = this.#settings.log;
    await this.#boss.work<T>(
      name,
      {
        // Each of the localConcurrency loops fetches one job, runs it, and polls again after the
        // interval unless the job took longer. Ward's jobs (scans, imports, feeds) take seconds, so
        // this polls little; high-volume work belongs on the event stream. burstWhenReadyExceeds
        // lets a loop skip the wait while pg-boss's cached backlog says more is ready.
        localConcurrency: opts.concurrency ?? this.#settings.concurrency,
        batchSize: 1,
        pollingIntervalSeconds: this.#settings.pollingIntervalSeconds,
        burstWhenReadyExceeds: 1,
      },
      async (jobs) => {
        for (const job of jobs) {
          try {
            await handler({ id: job.id, name: job.name, data: job.data, signal: job.signal });
          } catch (err) {
            // pg-boss records the error on the job and retries it; the log says so where people look.
            log.warn({ err, queue: name, jobId: job.id, retryCount: job.retryCount }, 'job failed');
            throw err;
          }
        }
      },
    );
  }

  async schedule(name: string, cron: string, data?: object): Promise<void> {
    await this.createQueue(name);
    await this.#boss.schedule(name, cron, data ?? null, { tz: 'UTC' });
  }

  async getState(name: string, id: string): Promise<string | null> {
    try {
      const [job] = await this.#boss.findJobs(name, { id });
      return job?.state ?? null;
    } catch (err) {
      const code = (err as { code?: string }).code;
      // An unknown queue, or an id that is not a uuid (22P02): either way no such job.
      if (code === 'PGBOSS_QUEUE_NOT_FOUND' || code === '22P02') return null;
      throw err;
    }
  }

  stop(): Promise<void> {
    // pg-boss stops fetching, waits for running handlers up to the timeout, then fails what is
    // still running (it is retried later) and closes its own pool. Never our Database.
    this.#stopping ??= this.#boss.stop({
      graceful: true,
      close: true,
      timeout: this.#settings.stopTimeoutSeconds * 1000,
    });
    return this.#stopping;
  }
}

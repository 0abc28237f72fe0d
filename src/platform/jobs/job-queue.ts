import type { Queryable } from '../db/database.ts';

/**
 * Durable background jobs (pg-boss on PGlite or PostgreSQL). A job runs at least once; handlers
 * must be idempotent or guard with their own state. Any number of worker processes may `work`
 * the same queue on PostgreSQL; pg-boss hands each job to exactly one of them.
 */
export interface Job<T> {
  id: string;
  name: string;
  data: T;
  /** Aborted when the job expires or the worker shuts down; long work should check it. */
  signal?: AbortSignal;
}

export interface SendOptions {
  /**
   * At most one queued/active job with this key. A send whose key is taken queues nothing and
   * returns the id of the job that holds the key.
   */
  singletonKey?: string;
  /** Retries after the first attempt before the job is failed (pg-boss default 2). */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** Seconds before an active job is considered failed and retried. */
  expireInSeconds?: number;
  /**
   * Queue the job inside this transaction: it exists only if the transaction commits. On PGlite
   * this is the only way to send from inside `db.transaction` (the one connection is busy), and
   * the queue must have been declared with createQueue beforehand.
   */
  tx?: Queryable;
}

export interface WorkOptions {
  /** Jobs of this queue one process runs at once. */
  concurrency?: number;
}

export interface JobQueue {
  /** Declares a queue; call before send/work. Idempotent. */
  createQueue(name: string): Promise<void>;
  send<T extends object>(name: string, data: T, opts?: SendOptions): Promise<string>;
  /** Runs handler for each job of `name`; a throw fails the attempt and pg-boss retries it. */
  work<T extends object>(
    name: string,
    handler: (job: Job<T>) => Promise<void>,
    opts?: WorkOptions,
  ): Promise<void>;
  /** Runs `name` on a cron schedule (UTC), once across all processes. */
  schedule(name: string, cron: string, data?: object): Promise<void>;
  /** State of a job: created, retry, active, completed, cancelled, failed; null if unknown. */
  getState(name: string, id: string): Promise<string | null>;
  /** Stops taking jobs and waits for running handlers (bounded), then releases connections. */
  stop(): Promise<void>;
}

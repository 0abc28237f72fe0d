/**
 * Durable background jobs (pg-boss on PGlite or PostgreSQL). A job runs at least once; handlers
 * must be idempotent or guard with their own state. Any number of worker processes may `work`
 * the same queue on PostgreSQL; pg-boss hands each job to exactly one of them.
 */
export interface Job<T> {
  id: string;
  name: string;
  data: T;
}

export interface SendOptions {
  /** At most one queued/active job with this key (pg-boss singletonKey). */
  singletonKey?: string;
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** Seconds before an active job is considered failed and retried. */
  expireInSeconds?: number;
}

export interface JobQueue {
  /** Declares a queue; call before send/work. Idempotent. */
  createQueue(name: string): Promise<void>;
  send<T extends object>(name: string, data: T, opts?: SendOptions): Promise<string>;
  work<T extends object>(name: string, handler: (job: Job<T>) => Promise<void>, opts?: { concurrency?: number }): Promise<void>;
  /** Runs `name` on a cron schedule (UTC), once across all processes. */
  schedule(name: string, cron: string, data?: object): Promise<void>;
  /** State of a job: created, retry, active, completed, cancelled, failed; null if unknown. */
  getState(name: string, id: string): Promise<string | null>;
  stop(): Promise<void>;
}

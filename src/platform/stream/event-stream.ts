/**
 * Event streams for high-volume events (log events, mail events). At-least-once delivery: a
 * message is redelivered until a handler returns without throwing. Consumer groups: every group
 * subscribed to a subject gets every message; within a group each message goes to one member.
 * Two implementations: in-process (one process) and NATS JetStream (cluster). Both pass
 * event-stream.contract.ts.
 */
export interface StreamMessage<T = unknown> {
  subject: string;
  data: T;
  /** Stream sequence (unique per stream). */
  seq: number;
  /** 1 on first delivery, more on redelivery. */
  deliveryCount: number;
}

export interface SubscribeOptions {
  /** Redeliver when a handler neither finished nor failed within this time. Default 30 s. */
  ackWaitMs?: number;
  /** Give up on a message after this many deliveries (it is logged and dropped). Default 5. */
  maxDeliver?: number;
  /** Messages a member handles at once. Default 1, which keeps a subject's order for that member. */
  concurrency?: number;
  /** Wait before a message whose handler threw is delivered again. Default 1 s. */
  retryDelayMs?: number;
}

/** The defaults both implementations apply. */
export const SUBSCRIBE_DEFAULTS: Required<SubscribeOptions> = {
  ackWaitMs: 30_000,
  maxDeliver: 5,
  concurrency: 1,
  retryDelayMs: 1_000,
};

export interface Subscription {
  /** Stops receiving; in-flight handlers finish first. */
  stop(): Promise<void>;
}

export interface EventStream {
  readonly kind: 'memory' | 'nats';
  /** Stores a JSON event on a concrete subject under `ward.`; resolves once it is durable. */
  publish(subject: string, data: unknown): Promise<void>;
  /**
   * Joins consumer group `group` for `subject` (wildcards `*` and a final `>` allowed). A group
   * that did not exist starts with messages published from now on; one that exists resumes
   * where it left off. Members of the group (in this or other processes) share its messages.
   */
  subscribe<T>(
    subject: string,
    group: string,
    handler: (msg: StreamMessage<T>) => Promise<void>,
    opts?: SubscribeOptions,
  ): Promise<Subscription>;
  close(): Promise<void>;
}

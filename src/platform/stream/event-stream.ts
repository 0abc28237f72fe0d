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
  /** Redeliver when a handler neither finished nor failed within this time. */
  ackWaitMs?: number;
  /** Give up on a message after this many deliveries (it is logged and dropped). */
  maxDeliver?: number;
  /** Messages a member handles at once. */
  concurrency?: number;
}

export interface Subscription {
  /** Stops receiving; in-flight handlers finish first. */
  stop(): Promise<void>;
}

export interface EventStream {
  readonly kind: 'memory' | 'nats';
  publish(subject: string, data: unknown): Promise<void>;
  subscribe<T>(
    subject: string,
    group: string,
    handler: (msg: StreamMessage<T>) => Promise<void>,
    opts?: SubscribeOptions,
  ): Promise<Subscription>;
  close(): Promise<void>;
}

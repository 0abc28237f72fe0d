/**
 * The event stream: in-process in embedded mode, NATS JetStream when a NATS URL is configured.
 * Both give the same semantics (see event-stream.ts); code above never checks which it has.
 *
 * @example
 * const stream = await createEventStream({ natsUrl: config.natsUrl, streamName: 'WARD', log });
 * const sub = await stream.subscribe<LogEvent>('ward.logs.windows', 'sigma', async (msg) => detect(msg.data));
 * await stream.publish('ward.logs.windows', event);
 * await sub.stop();
 * await stream.close();
 */
import type { Logger } from '../log.ts';
import type { EventStream } from './event-stream.ts';
import { MemoryEventStream } from './memory.ts';
import { connectNatsEventStream } from './nats.ts';

export type { EventStream, StreamMessage, SubscribeOptions, Subscription } from './event-stream.ts';
export { MemoryEventStream } from './memory.ts';
export { NatsEventStream } from './nats.ts';

export interface EventStreamOptions {
  /** NATS server; unset means the in-process stream (one process only). */
  natsUrl?: string | undefined;
  /** JetStream stream name (NATS only). */
  streamName: string;
  log: Logger;
}

/** Opens the EventStream the configuration asks for. */
export async function createEventStream(opts: EventStreamOptions): Promise<EventStream> {
  if (opts.natsUrl)
    return connectNatsEventStream({
      natsUrl: opts.natsUrl,
      streamName: opts.streamName,
      log: opts.log,
    });
  return new MemoryEventStream({ log: opts.log });
}

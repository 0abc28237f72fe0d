import type { ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import type { Logger } from '../log.ts';
import type { StreamMessage, SubscribeOptions, Subscription } from './event-stream.ts';

/** A counting semaphore: at most `size` handlers of one member run at once. */
class Slots {
  #free: number;
  readonly #waiting: (() => void)[] = [];

  constructor(size: number) {
    this.#free = size;
  }

  async take(): Promise<void> {
    if (this.#free > 0) {
      this.#free--;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  give(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#free++;
  }
}

export interface ConsumeLoopOptions {
  messages: ConsumerMessages;
  handler: (msg: StreamMessage<never>) => Promise<void>;
  opts: Required<SubscribeOptions>;
  /** Maps the stored subject back to the one callers use. */
  toLogical(subject: string): string;
  log: Logger;
}

/**
 * Runs one group member: takes messages from a pull consumer, hands each to the handler with at
 * most `concurrency` at once, acks on success, naks with retryDelayMs on a throw, and terminates
 * a message whose last allowed delivery failed. With concurrency 1 a member handles messages in
 * stream order. The returned Subscription stops pulling, gives back buffered messages (nak, so
 * another member gets them at once) and waits for running handlers.
 */
export function runConsumeLoop({
  messages,
  handler,
  opts,
  toLogical,
  log,
}: ConsumeLoopOptions): Subscription {
  const slots = new Slots(opts.concurrency);
  const inflight = new Set<Promise<void>>();
  let stopping = false;

  const handle = async (m: JsMsg): Promise<void> => {
    const subject = toLogical(m.subject);
    let data: unknown;
    try {
      data = m.json();
    } catch (err) {
      log.error({ err, subject, seq: m.seq }, 'event is not JSON; dropped');
      m.term();
      return;
    }
    const deliveryCount = m.info.deliveryCount;
    try {
      await handler({ subject, data: data as never, seq: m.seq, deliveryCount });
      m.ack();
    } catch (err) {
      if (deliveryCount >= opts.maxDeliver) {
        log.error(
          { err, subject, seq: m.seq, deliveries: deliveryCount },
          'event dropped after maxDeliver deliveries',
        );
        m.term();
      } else {
        log.warn(
          { err, subject, seq: m.seq, deliveries: deliveryCount },
          'event handler failed; will redeliver',
        );
        m.nak(opts.retryDelayMs);
      }
    }
  };

  const loop = (async () => {
    try {
      for await (const m of messages) {
        if (stopping) {
          m.nak();
          continue;
        }
        await slots.take();
        if (stopping) {
          slots.give();
          m.nak();
          continue;
        }
        const run: Promise<void> = handle(m).finally(() => {
          inflight.delete(run);
          slots.give();
        });
        inflight.add(run);
      }
    } catch (err) {
      log.error({ err }, 'event consumer stopped with an error');
    }
  })();

  void (async () => {
    for await (const s of messages.status()) {
      if (
        s.type === 'consumer_deleted' ||
        s.type === 'consumer_not_found' ||
        s.type === 'stream_not_found'
      ) {
        log.warn({ status: s }, 'event consumer: the JetStream consumer or stream is missing');
      }
    }
  })().catch(() => undefined);

  let stopped: Promise<void> | undefined;
  return {
    stop() {
      stopped ??= (async () => {
        stopping = true;
        // Ends the iterator after the messages already buffered, which the loop hands back.
        const closed = messages.close();
        // The loop may wait for a slot; slots free up as running handlers finish.
        await loop;
        await Promise.allSettled([...inflight]);
        await closed;
      })();
      return stopped;
    },
  };
}

import { createHash } from 'node:crypto';
import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type ConsumerConfig,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { connect, nanos, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from '../log.ts';
import {
  SUBSCRIBE_DEFAULTS,
  type EventStream,
  type StreamMessage,
  type SubscribeOptions,
  type Subscription,
} from './event-stream.ts';
import { runConsumeLoop } from './nats-consumer.ts';
import {
  assertPublishSubject,
  assertSubscribeSubject,
  encodeEvent,
  SUBJECT_ROOT,
} from './subjects.ts';

// JSStreamNameExistErr in nats-server's errors.json; the client library names no constant for it.
const STREAM_NAME_IN_USE = 10058;

export interface NatsEventStreamOptions {
  natsUrl: string;
  /** JetStream stream; created when missing, used as it is when it exists. */
  streamName: string;
  log: Logger;
  /** Limits for a stream Ward creates: age in hours (default 168, a week) and bytes (default 10 GiB). */
  maxAgeHours?: number;
  maxBytes?: number;
}

/**
 * EventStream on NATS JetStream (cluster mode). Every event is stored in one file-backed stream
 * before publish() resolves. A consumer group is a durable pull consumer with explicit acks; its
 * members, in any number of processes, pull from it and so share its messages.
 *
 * Subjects: callers use `ward.…`; on the wire the first token is the stream name in lower case
 * (`ward.…` for the default stream WARD). JetStream refuses two streams with overlapping
 * subjects, so this is what lets two installations (or parallel test runs) share one NATS.
 */
export class NatsEventStream implements EventStream {
  readonly kind = 'nats' as const;
  readonly streamName: string;
  readonly #nc: NatsConnection;
  readonly #js: JetStreamClient;
  readonly #jsm: JetStreamManager;
  readonly #root: string;
  readonly #log: Logger;
  readonly #subscriptions = new Set<Subscription>();
  #closing: Promise<void> | undefined;

  constructor(nc: NatsConnection, jsm: JetStreamManager, streamName: string, log: Logger) {
    this.#nc = nc;
    this.#jsm = jsm;
    this.#js = jetstream(nc);
    this.streamName = streamName;
    this.#root = streamName.toLowerCase();
    this.#log = log;
  }

  async publish(subject: string, data: unknown): Promise<void> {
    if (this.#closing) throw new Error('event stream: publish after close()');
    assertPublishSubject(subject);
    await this.#js.publish(this.#toWire(subject), encodeEvent(subject, data));
  }

  async subscribe<T>(
    subject: string,
    group: string,
    handler: (msg: StreamMessage<T>) => Promise<void>,
    opts: SubscribeOptions = {},
  ): Promise<Subscription> {
    if (this.#closing) throw new Error('event stream: subscribe after close()');
    assertSubscribeSubject(subject);
    if (!group) throw new Error('event stream: a consumer group name is required');
    const o = { ...SUBSCRIBE_DEFAULTS, ...opts };
    const name = consumerName(group, subject);
    await this.#ensureConsumer(name, {
      durable_name: name,
      description: `ward group ${group} on ${subject}`,
      ack_policy: AckPolicy.Explicit,
      // A new group starts with what is published from now on; an existing one resumes.
      deliver_policy: DeliverPolicy.New,
      filter_subject: this.#toWire(subject),
      ack_wait: nanos(o.ackWaitMs),
      max_deliver: o.maxDeliver,
      max_ack_pending: 1000,
    });
    const consumer = await this.#js.consumers.get(this.streamName, name);
    // A small pull batch: buffered messages wait on the client while their ack wait runs, and a
    // big batch taken by one member would starve the others.
    const messages = await consumer.consume({ max_messages: Math.max(4, o.concurrency * 2) });
    const inner = runConsumeLoop({
      messages,
      handler: handler as (msg: StreamMessage<never>) => Promise<void>,
      opts: o,
      toLogical: (s) => this.#fromWire(s),
      log: this.#log.child({ group, subject }),
    });
    const subscription: Subscription = {
      stop: async () => {
        this.#subscriptions.delete(subscription);
        await inner.stop();
      },
    };
    this.#subscriptions.add(subscription);
    return subscription;
  }

  /** Removes the stream and everything in it (tests, uninstall). */
  async deleteStream(): Promise<void> {
    await this.#jsm.streams.delete(this.streamName);
  }

  close(): Promise<void> {
    this.#closing ??= (async () => {
      await Promise.all([...this.#subscriptions].map((s) => s.stop()));
      // Flushes outstanding acks and publishes before the connection goes.
      await this.#nc.drain();
    })();
    return this.#closing;
  }

  async #ensureConsumer(name: string, config: Partial<ConsumerConfig>): Promise<void> {
    try {
      const info = await this.#jsm.consumers.info(this.streamName, name);
      if (
        info.config.ack_wait !== config.ack_wait ||
        info.config.max_deliver !== config.max_deliver
      ) {
        await this.#jsm.consumers.update(this.streamName, name, {
          ack_wait: config.ack_wait,
          max_deliver: config.max_deliver,
        });
      }
      return;
    } catch (err) {
      if (!isApiError(err, JetStreamApiCodes.ConsumerNotFound)) throw err;
    }
    // Two members starting together both get here; the server answers an identical create with
    // the existing consumer.
    await this.#jsm.consumers.add(this.streamName, config);
  }

  #toWire(subject: string): string {
    return this.#root + subject.slice(SUBJECT_ROOT.length);
  }

  #fromWire(subject: string): string {
    return SUBJECT_ROOT + subject.slice(this.#root.length);
  }
}

/** Connects, makes sure the stream exists, and returns the EventStream. */
export async function connectNatsEventStream(
  opts: NatsEventStreamOptions,
): Promise<NatsEventStream> {
  const { natsUrl, streamName, log } = opts;
  if (!/^[A-Za-z0-9_-]+$/.test(streamName)) {
    throw new Error(
      `event stream: stream name "${streamName}" must be letters, digits, "_" or "-"`,
    );
  }
  let nc: NatsConnection;
  try {
    // Keep reconnecting for as long as the process runs: a NATS restart must not end a worker.
    nc = await connect({ servers: natsUrl, name: `ward-${streamName}`, maxReconnectAttempts: -1 });
  } catch (err) {
    throw new Error(
      `event stream: cannot connect to NATS at ${natsUrl}: ${(err as Error).message}`,
      { cause: err },
    );
  }
  try {
    const jsm = await jetstreamManager(nc);
    await ensureStream(jsm, opts);
    void logConnectionStatus(nc, log);
    return new NatsEventStream(nc, jsm, streamName, log);
  } catch (err) {
    await nc.close().catch(() => undefined);
    throw err;
  }
}

async function ensureStream(jsm: JetStreamManager, opts: NatsEventStreamOptions): Promise<void> {
  const { streamName } = opts;
  const subjects = `${streamName.toLowerCase()}.>`;
  try {
    const info = await jsm.streams.info(streamName);
    if (!info.config.subjects?.includes(subjects)) {
      throw new Error(
        `event stream: the NATS stream ${streamName} exists but does not capture "${subjects}" ` +
          `(it captures ${JSON.stringify(info.config.subjects)}); add that subject or choose another WARD_NATS_STREAM`,
      );
    }
    return;
  } catch (err) {
    if (!isApiError(err, JetStreamApiCodes.StreamNotFound)) throw err;
  }
  try {
    await jsm.streams.add({
      name: streamName,
      subjects: [subjects],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      discard: DiscardPolicy.Old,
      max_age: nanos((opts.maxAgeHours ?? 168) * 3_600_000),
      // No byte cap by default: JetStream reserves a stream's max_bytes against the server's
      // storage up front, so a generous cap makes stream creation fail on a small server.
      // Age bounds the stream; operators who want a cap pass maxBytes.
      max_bytes: opts.maxBytes ?? -1,
      num_replicas: 1,
    });
    opts.log.info({ stream: streamName, subjects }, 'created JetStream stream');
  } catch (err) {
    // Another process created it between our two calls.
    if (isApiError(err, STREAM_NAME_IN_USE)) return;
    throw new Error(
      `event stream: cannot create the NATS stream ${streamName}: ${(err as Error).message}. ` +
        'Create it yourself (subjects "' +
        subjects +
        '", file storage) with the limits your server allows.',
      { cause: err },
    );
  }
}

async function logConnectionStatus(nc: NatsConnection, log: Logger): Promise<void> {
  for await (const s of nc.status()) {
    if (s.type === 'disconnect') log.warn({ server: s.server }, 'NATS disconnected; reconnecting');
    else if (s.type === 'reconnect') log.info({ server: s.server }, 'NATS reconnected');
    else if (s.type === 'error') log.error({ err: s.error }, 'NATS error');
  }
}

function isApiError(err: unknown, code: number): boolean {
  return err instanceof JetStreamApiError && err.code === code;
}

/**
 * The durable consumer for one group on one subject. Named after the group, with a hash of
 * group and subject so that the same group on another subject is its own consumer and
 * sanitising the name can never merge two groups.
 */
export function consumerName(group: string, subject: string): string {
  const hash = createHash('sha256').update(`${group}\u0000${subject}`).digest('hex').slice(0, 10);
  return `${group.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 100)}-${hash}`;
}

import type { Logger } from '../log.ts';
import {
  SUBSCRIBE_DEFAULTS,
  type EventStream,
  type StreamMessage,
  type SubscribeOptions,
  type Subscription,
} from './event-stream.ts';
import {
  assertPublishSubject,
  assertSubscribeSubject,
  encodeEvent,
  subjectMatches,
} from './subjects.ts';

/** A message waiting in, or handed out by, one group. */
interface Entry {
  subject: string;
  json: string;
  seq: number;
  deliveries: number;
}

interface Member {
  handler: (msg: StreamMessage<never>) => Promise<void>;
  opts: Required<SubscribeOptions>;
  active: number;
  inflight: Set<Promise<void>>;
}

/** A consumer group: one queue, shared round-robin by its members. Outlives its members (durable). */
interface Group {
  pattern: string;
  queue: Entry[];
  members: Member[];
  next: number;
}

export interface MemoryEventStreamOptions {
  log: Logger;
  /** Messages one group may hold undelivered before the oldest are dropped. Default 100,000. */
  maxPendingPerGroup?: number;
}

/**
 * The in-process EventStream (embedded mode, one process). Same semantics as NATS JetStream:
 * per-group queues, at-least-once with redelivery after a throw (after retryDelayMs) or after
 * ackWaitMs without an answer, up to maxDeliver deliveries. Nothing survives a restart; that is
 * the trade-off of running without NATS.
 */
export class MemoryEventStream implements EventStream {
  readonly kind = 'memory' as const;
  readonly #log: Logger;
  readonly #maxPending: number;
  readonly #groups = new Map<string, Group>();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #subscriptions = new Set<Subscription>();
  #seq = 0;
  #closed = false;

  constructor(opts: MemoryEventStreamOptions) {
    this.#log = opts.log;
    this.#maxPending = opts.maxPendingPerGroup ?? 100_000;
  }

  async publish(subject: string, data: unknown): Promise<void> {
    if (this.#closed) throw new Error('event stream: publish after close()');
    assertPublishSubject(subject);
    const json = encodeEvent(subject, data);
    const seq = ++this.#seq;
    for (const group of this.#groups.values()) {
      if (!subjectMatches(group.pattern, subject)) continue;
      group.queue.push({ subject, json, seq, deliveries: 0 });
      if (group.queue.length > this.#maxPending) {
        const dropped = group.queue.shift()!;
        this.#log.warn(
          { subject: dropped.subject, seq: dropped.seq, pattern: group.pattern },
          'event dropped: group backlog full',
        );
      }
      this.#pump(group);
    }
  }

  async subscribe<T>(
    subject: string,
    group: string,
    handler: (msg: StreamMessage<T>) => Promise<void>,
    opts: SubscribeOptions = {},
  ): Promise<Subscription> {
    if (this.#closed) throw new Error('event stream: subscribe after close()');
    assertSubscribeSubject(subject);
    if (!group) throw new Error('event stream: a consumer group name is required');
    const key = `${group}\u0000${subject}`;
    let g = this.#groups.get(key);
    if (!g) {
      g = { pattern: subject, queue: [], members: [], next: 0 };
      this.#groups.set(key, g);
    }
    const member: Member = {
      handler: handler as Member['handler'],
      opts: { ...SUBSCRIBE_DEFAULTS, ...opts },
      active: 0,
      inflight: new Set(),
    };
    g.members.push(member);
    const joined = g;
    const subscription: Subscription = {
      stop: async () => {
        const i = joined.members.indexOf(member);
        if (i >= 0) joined.members.splice(i, 1);
        this.#subscriptions.delete(subscription);
        // Its queued messages stay with the group for the remaining (or a future) member.
        while (member.inflight.size > 0) await Promise.allSettled([...member.inflight]);
        this.#pump(joined);
      },
    };
    this.#subscriptions.add(subscription);
    this.#pump(g);
    return subscription;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#subscriptions].map((s) => s.stop()));
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
  }

  /** Hands queued messages to members with a free slot, round-robin. */
  #pump(group: Group): void {
    while (group.queue.length > 0 && !this.#closed) {
      const member = this.#nextFreeMember(group);
      if (!member) return;
      this.#deliver(group, member, group.queue.shift()!);
    }
  }

  #nextFreeMember(group: Group): Member | undefined {
    const n = group.members.length;
    for (let k = 0; k < n; k++) {
      const member = group.members[(group.next + k) % n]!;
      if (member.active < member.opts.concurrency) {
        group.next = (group.next + k + 1) % n;
        return member;
      }
    }
    return undefined;
  }

  #deliver(group: Group, member: Member, entry: Entry): void {
    entry.deliveries++;
    member.active++;
    // Settled once: by the handler's outcome or by the ack-wait timer, whichever comes first. A
    // handler that answers after its ack wait has already lost the message to a redelivery.
    let settled = false;
    const ackTimer = this.#later(member.opts.ackWaitMs, () => {
      settled = true;
      this.#log.warn(
        { subject: entry.subject, seq: entry.seq },
        'event handler exceeded ackWait; redelivering',
      );
      this.#retry(group, entry, member.opts, 0);
    });
    const run: Promise<void> = this.#callHandler(member, entry).then((failure) => {
      this.#cancel(ackTimer);
      member.active--;
      member.inflight.delete(run);
      if (!settled) {
        settled = true;
        if (failure) this.#retry(group, entry, member.opts, member.opts.retryDelayMs, failure);
      }
      this.#pump(group);
    });
    member.inflight.add(run);
  }

  /** Runs the handler outside publish()'s call stack; resolves with its error, or null. */
  async #callHandler(member: Member, entry: Entry): Promise<unknown> {
    await null;
    try {
      await member.handler({
        subject: entry.subject,
        data: JSON.parse(entry.json) as never,
        seq: entry.seq,
        deliveryCount: entry.deliveries,
      });
      return null;
    } catch (err) {
      return err ?? new Error('handler threw a nullish value');
    }
  }

  #retry(
    group: Group,
    entry: Entry,
    opts: Required<SubscribeOptions>,
    delayMs: number,
    err?: unknown,
  ): void {
    if (entry.deliveries >= opts.maxDeliver) {
      this.#log.error(
        { err, subject: entry.subject, seq: entry.seq, deliveries: entry.deliveries },
        'event dropped after maxDeliver deliveries',
      );
      return;
    }
    if (err)
      this.#log.warn(
        { err, subject: entry.subject, seq: entry.seq, deliveries: entry.deliveries },
        'event handler failed; will redeliver',
      );
    // Redeliveries go ahead of newer messages, as JetStream does with due redeliveries.
    this.#later(delayMs, () => {
      group.queue.unshift(entry);
      this.#pump(group);
    });
  }

  #later(ms: number, fn: () => void): NodeJS.Timeout {
    const t = setTimeout(() => {
      this.#timers.delete(t);
      fn();
    }, ms);
    this.#timers.add(t);
    return t;
  }

  #cancel(t: NodeJS.Timeout): void {
    clearTimeout(t);
    this.#timers.delete(t);
  }
}

import { afterEach, describe, expect, it } from 'vitest';
import type { EventStream, StreamMessage, Subscription } from './event-stream.ts';

export interface EventStreamHarness {
  /** A new, empty stream; the suite disposes of it after the test. */
  open(): Promise<EventStream>;
  /** Another handle on the same stream, as a second process would hold (in-process: the same one). */
  peer(stream: EventStream): Promise<EventStream>;
  /** Closes `stream` and removes what open() created. */
  dispose(stream: EventStream): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, check: () => boolean, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(10);
  }
}

/** The semantics both EventStream implementations must have (see event-stream.ts). */
export function describeEventStreamContract(name: string, harness: EventStreamHarness): void {
  describe(`EventStream contract: ${name}`, () => {
    const opened: EventStream[] = [];
    const peers: EventStream[] = [];
    const open = async () => {
      const s = await harness.open();
      opened.push(s);
      return s;
    };
    const peer = async (s: EventStream) => {
      const p = await harness.peer(s);
      if (p !== s) peers.push(p);
      return p;
    };

    afterEach(async () => {
      await Promise.all(peers.splice(0).map((p) => p.close()));
      await Promise.all(opened.splice(0).map((s) => harness.dispose(s)));
    });

    it('gives a group every message published after it subscribed, as JSON, in order', async () => {
      const stream = await open();
      await stream.publish('ward.test.events', { n: -1 });
      const got: StreamMessage<{ n: number; at?: string }>[] = [];
      await stream.subscribe<{ n: number; at?: string }>('ward.test.events', 'g', async (m) => {
        got.push(m);
      });
      for (let n = 0; n < 20; n++)
        await stream.publish('ward.test.events', n === 0 ? { n, at: new Date(0) } : { n });
      await waitFor('20 messages', () => got.length >= 20);
      await sleep(200);
      expect(got.map((m) => m.data.n)).toEqual([...Array(20).keys()]);
      // JSON on the way: a Date arrives as its ISO string.
      expect(got[0]!.data.at).toBe('1970-01-01T00:00:00.000Z');
      expect(got.every((m) => m.subject === 'ward.test.events' && m.deliveryCount === 1)).toBe(
        true,
      );
      const seqs = got.map((m) => m.seq);
      expect(seqs.every((s, i) => i === 0 || s > seqs[i - 1]!)).toBe(true);
    });

    it('gives each of two groups every message', async () => {
      const stream = await open();
      const a: number[] = [];
      const b: number[] = [];
      await stream.subscribe<number>(
        'ward.test.fanout',
        'alerts',
        async (m) => void a.push(m.data),
      );
      await stream.subscribe<number>(
        'ward.test.fanout',
        'archive',
        async (m) => void b.push(m.data),
      );
      for (let n = 0; n < 50; n++) await stream.publish('ward.test.fanout', n);
      await waitFor('both groups', () => a.length >= 50 && b.length >= 50);
      await sleep(200);
      expect(a).toEqual([...Array(50).keys()]);
      expect(b).toEqual([...Array(50).keys()]);
    });

    it('splits a group between two members: no message lost, none handled twice', async () => {
      const stream = await open();
      const other = await peer(stream);
      const byMember: number[][] = [[], []];
      const member = (i: 0 | 1) => async (m: StreamMessage<number>) => {
        byMember[i]!.push(m.data);
        await sleep(1);
      };
      await stream.subscribe('ward.test.work', 'workers', member(0), { concurrency: 2 });
      await other.subscribe('ward.test.work', 'workers', member(1), { concurrency: 2 });
      for (let n = 0; n < 500; n++) await stream.publish('ward.test.work', n);
      await waitFor('500 messages', () => byMember[0]!.length + byMember[1]!.length >= 500, 30_000);
      await sleep(300);
      const all = [...byMember[0]!, ...byMember[1]!].sort((x, y) => x - y);
      expect(all).toEqual([...Array(500).keys()]);
      expect(byMember[0]!.length).toBeGreaterThan(0);
      expect(byMember[1]!.length).toBeGreaterThan(0);
    });

    it('delivers a message again, with deliveryCount 2, after its handler threw', async () => {
      const stream = await open();
      const deliveries: { seq: number; count: number; data: string }[] = [];
      await stream.subscribe<string>(
        'ward.test.retry',
        'g',
        async (m) => {
          deliveries.push({ seq: m.seq, count: m.deliveryCount, data: m.data });
          if (m.deliveryCount === 1) throw new Error('first try fails');
        },
        { retryDelayMs: 100 },
      );
      await stream.publish('ward.test.retry', 'x');
      await waitFor('the redelivery', () => deliveries.length >= 2);
      await sleep(500);
      expect(deliveries).toHaveLength(2);
      expect(deliveries.map((d) => d.count)).toEqual([1, 2]);
      expect(deliveries[1]!.seq).toBe(deliveries[0]!.seq);
      expect(deliveries[1]!.data).toBe('x');
    });

    it('gives up on a message after maxDeliver failed deliveries and goes on with the next', async () => {
      const stream = await open();
      const seen: string[] = [];
      await stream.subscribe<string>(
        'ward.test.poison',
        'g',
        async (m) => {
          seen.push(`${m.data}#${m.deliveryCount}`);
          if (m.data === 'poison') throw new Error('always fails');
        },
        { maxDeliver: 3, retryDelayMs: 50 },
      );
      await stream.publish('ward.test.poison', 'poison');
      await stream.publish('ward.test.poison', 'fine');
      await waitFor('three tries and the next message', () => seen.length >= 4);
      await sleep(800);
      expect(seen.filter((s) => s.startsWith('poison'))).toEqual([
        'poison#1',
        'poison#2',
        'poison#3',
      ]);
      expect(seen).toContain('fine#1');
      expect(seen).toHaveLength(4);
    });

    it('hands what a stopping member has not handled to the remaining member', async () => {
      const stream = await open();
      const other = await peer(stream);
      const first: number[] = [];
      const second: number[] = [];
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const leaving: Subscription = await stream.subscribe<number>(
        'ward.test.handover',
        'g',
        async (m) => {
          first.push(m.data);
          if (first.length === 1) await gate;
        },
      );
      for (let n = 0; n < 20; n++) await stream.publish('ward.test.handover', n);
      await waitFor('the first member to hold a message', () => first.length === 1);
      await other.subscribe<number>(
        'ward.test.handover',
        'g',
        async (m) => void second.push(m.data),
      );
      const stopping = leaving.stop();
      // stop() waits for the running handler, which then completes normally.
      await sleep(100);
      release();
      await stopping;
      const handledByFirst = first.length;
      // Well within the 30 s ack wait: what the leaving member held comes back at once.
      await waitFor('all 20 messages', () => new Set([...first, ...second]).size === 20, 10_000);
      await sleep(300);
      expect(first.length).toBe(handledByFirst);
      expect(second).not.toContain(first[0]);
      expect([...new Set([...first, ...second])].sort((x, y) => x - y)).toEqual([
        ...Array(20).keys(),
      ]);
    });

    it('keeps the order of one subject for a member with concurrency 1', async () => {
      const stream = await open();
      const got: number[] = [];
      await stream.subscribe<number>('ward.test.order', 'g', async (m) => {
        // Uneven handler times must not reorder anything.
        await sleep(m.data % 3);
        got.push(m.data);
      });
      for (let n = 0; n < 100; n++) await stream.publish('ward.test.order', n);
      await waitFor('100 messages', () => got.length >= 100);
      expect(got).toEqual([...Array(100).keys()]);
    });

    it('runs up to `concurrency` handlers of a member at once, and no more', async () => {
      const stream = await open();
      let active = 0;
      let peak = 0;
      let done = 0;
      await stream.subscribe(
        'ward.test.parallel',
        'g',
        async () => {
          peak = Math.max(peak, ++active);
          await sleep(30);
          active--;
          done++;
        },
        { concurrency: 4 },
      );
      for (let n = 0; n < 16; n++) await stream.publish('ward.test.parallel', n);
      await waitFor('16 messages', () => done >= 16);
      expect(peak).toBe(4);
    });

    it('matches wildcard subscriptions and reports the concrete subject', async () => {
      const stream = await open();
      const got: string[] = [];
      await stream.subscribe('ward.logs.*', 'g', async (m) => void got.push(m.subject));
      const deep: string[] = [];
      await stream.subscribe('ward.>', 'all', async (m) => void deep.push(m.subject));
      await stream.publish('ward.logs.windows', {});
      await stream.publish('ward.mail.inbound', {});
      await stream.publish('ward.logs.linux', {});
      await stream.publish('ward.logs.linux.auth', {});
      await waitFor('the messages', () => got.length >= 2 && deep.length >= 4);
      await sleep(200);
      expect(got).toEqual(['ward.logs.windows', 'ward.logs.linux']);
      expect(deep).toEqual([
        'ward.logs.windows',
        'ward.mail.inbound',
        'ward.logs.linux',
        'ward.logs.linux.auth',
      ]);
    });

    it('rejects subjects outside ward. or with wildcards, and data that is not JSON', async () => {
      const stream = await open();
      await expect(stream.publish('other.thing', {})).rejects.toThrow(/invalid subject/);
      await expect(stream.publish('ward.logs.*', {})).rejects.toThrow(/invalid subject/);
      await expect(stream.publish('ward..x', {})).rejects.toThrow(/invalid subject/);
      await expect(stream.publish('ward.x', undefined)).rejects.toThrow(/JSON/);
      await expect(stream.publish('ward.x', { n: 1n })).rejects.toThrow(/JSON/);
      await expect(stream.subscribe('ward.>.x', 'g', async () => undefined)).rejects.toThrow(
        /invalid subject/,
      );
    });

    it('close() lets running handlers finish, then refuses to publish', async () => {
      const stream = await harness.open();
      let finished = false;
      let started = false;
      await stream.subscribe('ward.test.close', 'g', async () => {
        started = true;
        await sleep(300);
        finished = true;
      });
      await stream.publish('ward.test.close', 1);
      await waitFor('the handler to start', () => started);
      await stream.close();
      expect(finished).toBe(true);
      await expect(stream.publish('ward.test.close', 2)).rejects.toThrow();
      await harness.dispose(stream);
    });
  });
}

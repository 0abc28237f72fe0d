import { randomBytes } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { afterAll, describe, expect, it } from 'vitest';
import { hasNats, testNatsUrl } from '../../../test/services.ts';
import { createLogger } from '../log.ts';
import { describeEventStreamContract } from './event-stream.contract.ts';
import type { EventStream } from './event-stream.ts';
import { createEventStream } from './index.ts';
import { connectNatsEventStream, consumerName, NatsEventStream } from './nats.ts';

const log = createLogger('silent');
// Unique per run, so parallel runs and a real installation on the same NATS never meet.
const runId = `T${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
let counter = 0;
const created = new Set<string>();

const connectTo = (streamName: string) =>
  connectNatsEventStream({ natsUrl: testNatsUrl!, streamName, log });

/** Deletes the stream through a connection of its own (the stream's own may be closed). */
async function deleteStream(streamName: string): Promise<void> {
  const admin = await connectTo(streamName);
  await admin.deleteStream();
  await admin.close();
  created.delete(streamName);
}

describe.skipIf(!hasNats)('NATS JetStream event stream', () => {
  afterAll(async () => {
    for (const name of [...created]) await deleteStream(name).catch(() => undefined);
  });

  describeEventStreamContract('NATS JetStream', {
    open: async () => {
      const name = `${runId}_${++counter}`;
      created.add(name);
      return connectTo(name);
    },
    // A second connection, as a second process would have.
    peer: async (stream) => connectTo((stream as NatsEventStream).streamName),
    dispose: async (stream) => {
      await stream.close();
      await deleteStream((stream as NatsEventStream).streamName);
    },
  });

  it('creates a file-backed stream capturing the stream-name-rooted subjects, with limits', async () => {
    const name = `${runId}_cfg`;
    created.add(name);
    const stream: EventStream = await createEventStream({
      natsUrl: testNatsUrl,
      streamName: name,
      log,
    });
    try {
      expect(stream.kind).toBe('nats');
      await stream.subscribe('ward.logs.windows', 'sigma', async () => undefined, {
        ackWaitMs: 5000,
        maxDeliver: 4,
      });
      await stream.publish('ward.logs.windows', { id: 1 });
      const nc = await connect({ servers: testNatsUrl! });
      try {
        const jsm = await jetstreamManager(nc);
        const info = await jsm.streams.info(name);
        expect(info.config.subjects).toEqual([`${name.toLowerCase()}.>`]);
        expect(info.config.storage).toBe('file');
        expect(info.config.max_age).toBeGreaterThan(0);
        // Bounded by age; no byte reservation (see nats.ts).
        expect(info.config.max_bytes).toBe(-1);
        expect(info.state.messages).toBe(1);
        const consumer = await jsm.consumers.info(name, consumerName('sigma', 'ward.logs.windows'));
        expect(consumer.config.durable_name).toMatch(/^sigma-/);
        expect(consumer.config.ack_policy).toBe('explicit');
        expect(consumer.config.max_deliver).toBe(4);
        expect(consumer.config.ack_wait).toBe(5000 * 1_000_000);
        expect(consumer.config.filter_subject).toBe(`${name.toLowerCase()}.logs.windows`);
      } finally {
        await nc.close();
      }
    } finally {
      await stream.close();
      await deleteStream(name);
    }
  });

  it('a group resumes after all its members were gone: what was published meanwhile arrives', async () => {
    const name = `${runId}_durable`;
    created.add(name);
    const first = await connectTo(name);
    const sub = await first.subscribe('ward.test.durable', 'g', async () => undefined);
    await sub.stop();
    await first.publish('ward.test.durable', { while: 'away' });
    await first.close();
    const second = await connectTo(name);
    const got: unknown[] = [];
    await second.subscribe('ward.test.durable', 'g', async (m) => void got.push(m.data));
    const until = Date.now() + 10_000;
    while (got.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(got).toEqual([{ while: 'away' }]);
    await second.close();
    await deleteStream(name);
  });

  it('names the problem when NATS is unreachable', async () => {
    await expect(
      connectNatsEventStream({ natsUrl: 'nats://127.0.0.1:1', streamName: 'X', log }),
    ).rejects.toThrow(/cannot connect to NATS at nats:\/\/127.0.0.1:1/);
  });
});

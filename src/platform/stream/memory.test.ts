import { describe, expect, it } from 'vitest';
import { createLogger } from '../log.ts';
import { describeEventStreamContract } from './event-stream.contract.ts';
import { createEventStream } from './index.ts';
import { MemoryEventStream } from './memory.ts';

const log = createLogger('silent');

describeEventStreamContract('in-process', {
  open: async () => new MemoryEventStream({ log }),
  // One process: a second member of a group subscribes on the same stream object.
  peer: async (stream) => stream,
  dispose: (stream) => stream.close(),
});

describe('in-process event stream', () => {
  it('is what createEventStream returns without a NATS URL', async () => {
    const stream = await createEventStream({ natsUrl: undefined, streamName: 'WARD', log });
    expect(stream.kind).toBe('memory');
    await stream.close();
  });

  it('redelivers a message whose handler outlives ackWait', async () => {
    const stream = new MemoryEventStream({ log });
    const counts: number[] = [];
    await stream.subscribe(
      'ward.test.slow',
      'g',
      async (m) => {
        counts.push(m.deliveryCount);
        if (m.deliveryCount === 1) await new Promise((r) => setTimeout(r, 400));
      },
      { ackWaitMs: 100, concurrency: 2 },
    );
    await stream.publish('ward.test.slow', {});
    await new Promise((r) => setTimeout(r, 600));
    expect(counts).toEqual([1, 2]);
    await stream.close();
  });

  it('keeps a group backlog while it has no members and drops the oldest beyond the limit', async () => {
    const stream = new MemoryEventStream({ log, maxPendingPerGroup: 3 });
    const first = await stream.subscribe('ward.test.backlog', 'g', async () => undefined);
    await first.stop();
    for (let n = 0; n < 5; n++) await stream.publish('ward.test.backlog', n);
    const got: number[] = [];
    await stream.subscribe<number>('ward.test.backlog', 'g', async (m) => void got.push(m.data));
    await new Promise((r) => setTimeout(r, 50));
    expect(got).toEqual([2, 3, 4]);
    await stream.close();
  });
});

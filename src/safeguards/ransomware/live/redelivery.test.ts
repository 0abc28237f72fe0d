import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/pglite-template.ts';
import { AUDIT_MIGRATIONS, createAuditLog } from '../../../platform/audit/index.ts';
import { fixedClock } from '../../../platform/clock.ts';
import type { PgliteDatabase } from '../../../platform/db/index.ts';
import { createLogger } from '../../../platform/log.ts';
import { MemoryEventStream } from '../../../platform/stream/index.ts';
import { flattenJsonRecord } from '../events/index.ts';
import { createLiveDetection, type LiveDetection } from './index.ts';
import { RANSOMWARE_MIGRATIONS, shadowDelete } from './test-kit.ts';

// The stream delivers at least once. A batch handed to a worker again after its alerts were
// stored (the worker died before acking) must not count its matches twice.
describe('a redelivered event batch', () => {
  let db: PgliteDatabase;
  let live: LiveDetection;

  beforeAll(async () => {
    db = await createTestDatabase([AUDIT_MIGRATIONS, RANSOMWARE_MIGRATIONS]);
    const clock = fixedClock('2026-03-02T03:00:00Z');
    const log = createLogger('silent');
    live = createLiveDetection({
      db,
      stream: new MemoryEventStream({ log }),
      audit: createAuditLog(db, clock),
      clock,
      log,
      ruleDirs: [],
      groupMinutes: 60,
      ingestMaxEvents: 100,
    });
  });
  afterAll(async () => {
    await live.close();
    await db.close();
  });

  const counts = () =>
    db.query<{ count: number }>('SELECT count FROM rw_alerts ORDER BY first_seen');

  it('changes nothing the second time, while a new batch still counts', async () => {
    const events = [0, 1, 2].map((i) =>
      flattenJsonRecord(shadowDelete('WS-017', `2026-03-02T02:1${i}:00Z`)),
    );
    const batch = { batchId: '6f0e1c2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b', source: 'test', events };
    await live.detect(batch);
    expect(await counts()).toEqual([{ count: 3 }]);
    await live.detect(batch);
    expect(await counts()).toEqual([{ count: 3 }]);
    await live.detect({ ...batch, batchId: '7a1f2d3b-4c5e-4f60-9b1c-2d3e4f5a6b7c' });
    expect(await counts()).toEqual([{ count: 6 }]);
  });
});

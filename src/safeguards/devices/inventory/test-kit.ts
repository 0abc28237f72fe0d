/**
 * Test support for the devices safeguard (imported by *.test.ts only): a migrated PGlite with
 * the audit, core and devices tables, a core on a fixed clock, and deps as the app gives them.
 */
import { createCore, CORE_MIGRATIONS } from '../../../core/index.ts';
import { AUDIT_MIGRATIONS, createAuditLog } from '../../../platform/audit/index.ts';
import { fixedClock } from '../../../platform/clock.ts';
import type { MigrationSet, PgliteDatabase } from '../../../platform/db/index.ts';
import { createLogger } from '../../../platform/log.ts';
import type { EventStream } from '../../../platform/stream/index.ts';
import { createRecordingJobQueue, T0, TEST_SLA } from '../../../../test/core-test-kit.ts';
import { createTestDatabase } from '../../../../test/pglite-template.ts';
import type { DevicesDeps } from './device-deps.ts';

export { T0 };

const DEVICES_TEST_MIGRATIONS: MigrationSet = {
  module: 'devices',
  dir: new URL('../migrations/', import.meta.url),
};

const noStream: EventStream = {
  kind: 'memory',
  publish: async () => undefined,
  subscribe: async () => ({ stop: async () => undefined }),
  close: async () => undefined,
};

export interface DevicesTestKit extends DevicesDeps {
  db: PgliteDatabase;
  clock: ReturnType<typeof fixedClock>;
  close(): Promise<void>;
}

export async function createDevicesTestKit(at: string = T0): Promise<DevicesTestKit> {
  const db = await createTestDatabase([AUDIT_MIGRATIONS, CORE_MIGRATIONS, DEVICES_TEST_MIGRATIONS]);
  const clock = fixedClock(at);
  const audit = createAuditLog(db, clock);
  const log = createLogger('silent');
  const core = createCore({
    db,
    clock,
    audit,
    jobs: createRecordingJobQueue(),
    stream: noStream,
    log,
    sla: TEST_SLA,
  });
  return { db, clock, audit, core, log, close: () => db.close() };
}

/** An inventory CSV from rows of cells (header first); quotes cells that need it. */
export function csv(rows: ReadonlyArray<ReadonlyArray<string>>): string {
  const q = (c: string) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return rows.map((r) => r.map(q).join(',')).join('\n') + '\n';
}

/**
 * Test support for the credentials safeguard (imported by *.test.ts only): a migrated PGlite
 * with the audit, core and credentials tables, and a core on a fixed clock.
 */
import { createCore, CORE_MIGRATIONS, type Core } from '../../core/index.ts';
import { AUDIT_MIGRATIONS, createAuditLog, type AuditLog } from '../../platform/audit/index.ts';
import { fixedClock } from '../../platform/clock.ts';
import type { MigrationSet, PgliteDatabase } from '../../platform/db/index.ts';
import { createLogger } from '../../platform/log.ts';
import type { EventStream } from '../../platform/stream/index.ts';
import { createRecordingJobQueue, T0, TEST_SLA } from '../../../test/core-test-kit.ts';
import { createTestDatabase } from '../../../test/pglite-template.ts';

export { T0 };

const CREDENTIALS_TEST_MIGRATIONS: MigrationSet = {
  module: 'credentials',
  dir: new URL('./migrations/', import.meta.url),
};

const noStream: EventStream = {
  kind: 'memory',
  publish: async () => undefined,
  subscribe: async () => ({ stop: async () => undefined }),
  close: async () => undefined,
};

export interface CredentialsTestKit {
  db: PgliteDatabase;
  audit: AuditLog;
  clock: ReturnType<typeof fixedClock>;
  core: Core;
  close(): Promise<void>;
}

/** PGlite in memory with the audit, core and credentials tables; a core on a fixed clock. */
export async function createCredentialsTestKit(at: string = T0): Promise<CredentialsTestKit> {
  const db = await createTestDatabase([
    AUDIT_MIGRATIONS,
    CORE_MIGRATIONS,
    CREDENTIALS_TEST_MIGRATIONS,
  ]);
  const clock = fixedClock(at);
  const audit = createAuditLog(db, clock);
  const core = createCore({
    db,
    clock,
    audit,
    jobs: createRecordingJobQueue(),
    stream: noStream,
    log: createLogger('silent'),
    sla: TEST_SLA,
  });
  return { db, audit, clock, core, close: () => db.close() };
}

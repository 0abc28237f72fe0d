/**
 * Test support for the core (imported by *.test.ts only): a migrated PGlite with the audit log,
 * a core on a fixed clock, and factories for scanned hosts. Kept here rather than in test/
 * because it knows the core's internals (the ImportContext).
 */
import { AUDIT_MIGRATIONS, createAuditLog, type AuditLog } from '../src/platform/audit/index.ts';
import { fixedClock } from '../src/platform/clock.ts';
import type { PgliteDatabase } from '../src/platform/db/index.ts';
import type { Job, JobQueue } from '../src/platform/jobs/index.ts';
import { createLogger } from '../src/platform/log.ts';
import type { EventStream } from '../src/platform/stream/index.ts';
import { createTestDatabase } from './pglite-template.ts';
import { CORE_MIGRATIONS, createCore, type Core } from '../src/core/index.ts';
import { createImportProgressBoard } from '../src/core/imports/import-progress.ts';
import type { ImportContext } from '../src/core/imports/import-scan.ts';
import type { ScanHost, ScanHostResult, ScanIssue } from '../src/core/scans/scan-types.ts';

export const TEST_SLA = { critical: 15, high: 30, medium: 90, low: 180 };
export const T0 = '2026-03-02T09:00:00.000Z';

/** A JobQueue that records what was sent and runs nothing (tests call the worker themselves). */
export interface RecordingJobQueue extends JobQueue {
  sent: { name: string; data: object }[];
  handlers: Map<string, (job: Job<object>) => Promise<void>>;
}

export function createRecordingJobQueue(): RecordingJobQueue {
  const sent: { name: string; data: object }[] = [];
  const handlers = new Map<string, (job: Job<object>) => Promise<void>>();
  return {
    sent,
    handlers,
    createQueue: async () => undefined,
    send: async (name, data) => {
      sent.push({ name, data });
      return `job-${sent.length}`;
    },
    work: async (name, handler) => {
      handlers.set(name, handler as (job: Job<object>) => Promise<void>);
    },
    schedule: async () => undefined,
    getState: async () => null,
    stop: async () => undefined,
  };
}

const noStream: EventStream = {
  kind: 'memory',
  publish: async () => undefined,
  subscribe: async () => ({ stop: async () => undefined }),
  close: async () => undefined,
};

export interface CoreTestKit {
  db: PgliteDatabase;
  audit: AuditLog;
  clock: ReturnType<typeof fixedClock>;
  jobs: RecordingJobQueue;
  ctx: ImportContext;
  core: Core;
  close(): Promise<void>;
}

/** PGlite in memory with the audit and core tables, a core on a fixed clock (default T0). */
export async function createCoreTestKit(at: string = T0): Promise<CoreTestKit> {
  const db = await createTestDatabase([AUDIT_MIGRATIONS, CORE_MIGRATIONS]);
  const clock = fixedClock(at);
  const audit = createAuditLog(db, clock);
  const jobs = createRecordingJobQueue();
  const log = createLogger('silent');
  const core = createCore({ db, clock, audit, jobs, stream: noStream, log, sla: TEST_SLA });
  const ctx: ImportContext = {
    db,
    clock,
    audit,
    sla: TEST_SLA,
    log,
    progress: createImportProgressBoard(),
    events: noStream,
  };
  return { db, audit, clock, jobs, ctx, core, close: () => db.close() };
}

export function scanHost(h: Partial<ScanHost> = {}): ScanHost {
  return { ip: null, mac: null, hostnames: [], fqdn: null, os: null, extra: {}, ...h };
}

export function scanIssue(i: Partial<ScanIssue> & { toolId: string }): ScanIssue {
  return {
    title: `Check ${i.toolId}`,
    description: `What check ${i.toolId} found.`,
    solution: 'Upgrade.',
    severity: 'medium',
    cvssScore: null,
    cvssVector: null,
    cves: [],
    cwes: [],
    port: 443,
    protocol: 'tcp',
    service: null,
    evidence: null,
    ...i,
  };
}

/** A host with issues, for importScanResults. */
export function scanned(
  host: Partial<ScanHost>,
  issues: (Partial<ScanIssue> & { toolId: string })[],
): ScanHostResult {
  return { host: scanHost(host), issues: issues.map(scanIssue) };
}

/** Row counts of every core table, to show that a failed import stored nothing. */
export async function countCoreRows(db: PgliteDatabase): Promise<Record<string, number>> {
  const tables = [
    'assets',
    'findings',
    'finding_events',
    'finding_texts',
    'finding_comments',
    'finding_snapshots',
    'import_chunks',
  ];
  const out: Record<string, number> = {};
  for (const t of tables)
    out[t] = Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`))[0]!.n);
  return out;
}

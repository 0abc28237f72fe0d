import type {
  Asset,
  AssetInput,
  FindingDetail,
  FindingQuery,
  FindingSummary,
  FindingUpdate,
  ImportRun,
  Page,
  Posture,
} from '../api-types.ts';
import type { AuditLog } from '../platform/audit/index.ts';
import type { Clock } from '../platform/clock.ts';
import type { Database, MigrationSet } from '../platform/db/index.ts';
import type { JobQueue } from '../platform/jobs/index.ts';
import type { Logger } from '../platform/log.ts';
import type { WardModule } from '../platform/module.ts';
import type { EventStream } from '../platform/stream/index.ts';
import {
  createAsset,
  getAsset,
  updateAsset,
  findOrCreateAssets,
  listAssets,
  type AssetQuery,
} from './assets/asset-store.ts';
import { recordFindings, type RecordedFinding } from './findings/finding-batch.ts';
import { updateFindingsStatus, type BulkStatus } from './findings/finding-bulk-status.ts';
import { createFinding, type FindingInput } from './findings/finding-create.ts';
import { getFinding } from './findings/finding-detail.ts';
import { listFindings } from './findings/finding-list.ts';
import { updateFinding } from './findings/finding-update.ts';
import { reopenExpiredAcceptances } from './findings/risk-expiry.ts';
import type { SlaPolicy } from './findings/sla.ts';
import {
  IMPORT_QUEUE,
  importScanFile,
  importScanResults,
  runQueuedImport,
  type ImportJobData,
} from './imports/import-files.ts';
import { createImportProgressBoard } from './imports/import-progress.ts';
import type { RequestedFormat } from './imports/import-runs.ts';
import type { ImportContext, ImportProgress } from './imports/import-scan.ts';
import { loadPosture } from './posture/posture.ts';
import { recordSnapshot, refreshSnapshots, type SnapshotCounts } from './posture/snapshots.ts';
import { registerAssetRoutes } from './routes/asset-routes.ts';
import { registerFindingRoutes } from './routes/finding-routes.ts';
import { registerImportRoutes } from './routes/import-routes.ts';
import { registerPostureRoutes } from './routes/posture-routes.ts';
import type { ScanFormat, ScanHostResult } from './scans/scan-types.ts';

export type { AssetQuery } from './assets/asset-store.ts';
export type { FindingInput } from './findings/finding-create.ts';
export type { RecordedFinding } from './findings/finding-batch.ts';
export type { BulkStatus } from './findings/finding-bulk-status.ts';
export type { SlaPolicy } from './findings/sla.ts';
export type { ImportProgress } from './imports/import-scan.ts';
export type { SnapshotCounts } from './posture/snapshots.ts';
export type { ScanFormat, ScanHost, ScanHostResult, ScanIssue } from './scans/scan-types.ts';
export { ImportFailedError } from './imports/import-files.ts';
export { FINDINGS_IMPORTED } from './imports/import-scan.ts';

/** The core's tables; also what tests migrate a database with. */
export const CORE_MIGRATIONS: MigrationSet = {
  module: 'core',
  dir: new URL('./migrations/', import.meta.url),
};

const EXPIRY_QUEUE = 'findings.expire-acceptances';

export interface CoreDeps {
  db: Database;
  clock: Clock;
  audit: AuditLog;
  jobs: JobQueue;
  stream: EventStream;
  log: Logger;
  /** Remediation deadlines in days from first seen. */
  sla: SlaPolicy;
}

/** The shared domain (assets, findings, posture) and the scanner import, as app.ts wires it. */
export interface Core {
  module: WardModule;
  /**
   * Imports a Nmap or Nessus file from disk in this process. Rejects with ImportFailedError
   * (message: `line N, <Element>: ...`) when the file is bad; nothing of it is stored then.
   */
  importScanFile(
    path: string,
    opts: {
      format?: RequestedFormat;
      actor: string;
      fileName?: string;
      onProgress?: (p: ImportProgress) => void;
    },
  ): Promise<ImportRun>;
  /**
   * Imports hosts a safeguard scanned itself (already parsed), exactly as a file would be:
   * same asset matching, de-duplication and scope closing.
   */
  importScanResults(input: {
    name: string;
    format: ScanFormat;
    hosts: Iterable<ScanHostResult>;
    actor: string;
  }): Promise<ImportRun>;
  listFindings(q: FindingQuery): Promise<Page<FindingSummary>>;
  getFinding(id: string): Promise<FindingDetail | null>;
  updateFinding(id: string, update: FindingUpdate, actor: string): Promise<FindingDetail>;
  /** Records a manual or analyzer finding; with tool + toolId, recording it again returns the existing one. */
  createFinding(input: FindingInput, actor: string): Promise<FindingDetail>;
  /**
   * createFinding for a batch, in one transaction with one audit entry: same validation (all
   * before any write), same dedup identity; a fixed finding reported again reopens. Results in
   * input order.
   */
  recordFindings(inputs: readonly FindingInput[], actor: string): Promise<RecordedFinding[]>;
  /**
   * Marks the open and in-progress ones of these findings fixed (others keep their status), in
   * one transaction with one audit entry; returns the ids that changed.
   */
  updateFindingsStatus(
    ids: readonly string[],
    status: BulkStatus,
    actor: string,
    opts?: { note?: string },
  ): Promise<string[]>;
  createAsset(input: AssetInput, actor: string): Promise<Asset>;
  getAsset(id: string): Promise<Asset | null>;
  /** Changes an asset's fields (identifiers included, so scanner imports keep matching). Audited. */
  updateAsset(id: string, patch: Partial<AssetInput>, actor: string): Promise<Asset>;
  /**
   * The asset of each input: an existing one of the same type and name (case aside) or a new
   * one, in one transaction with one audit entry. Results in input order.
   */
  findOrCreateAssets(
    inputs: readonly AssetInput[],
    actor: string,
  ): Promise<Array<{ id: string; created: boolean }>>;
  listAssets(q: AssetQuery): Promise<Page<Asset>>;
  posture(): Promise<Posture>;
  /** Rewrites today's trend snapshot from the current findings. */
  refreshSnapshots(): Promise<void>;
  /** Writes one day's trend snapshot (`YYYY-MM-DD`): the given counts, or the current ones. */
  recordSnapshot(day: string, counts?: SnapshotCounts): Promise<void>;
  /** Reopens accepted risks whose acceptedUntil has passed; returns how many. */
  reopenExpiredAcceptances(): Promise<number>;
}

export function createCore(deps: CoreDeps): Core {
  const progress = createImportProgressBoard();
  const ctx: ImportContext = {
    db: deps.db,
    audit: deps.audit,
    clock: deps.clock,
    sla: deps.sla,
    log: deps.log,
    progress,
    events: deps.stream,
  };
  const reopenExpired = () =>
    deps.db.transaction((tx) => reopenExpiredAcceptances(tx, deps.audit, deps.clock.now()));

  const module: WardModule = {
    name: 'core',
    migrations: CORE_MIGRATIONS,
    registerRoutes(http) {
      registerPostureRoutes(http, ctx);
      registerAssetRoutes(http, ctx);
      registerImportRoutes(http, { ctx, jobs: deps.jobs, progress });
      registerFindingRoutes(http, ctx);
    },
    async startWorkers() {
      await deps.jobs.createQueue(IMPORT_QUEUE);
      // One at a time: imports serialise on a database lock anyway, and each one is CPU-bound.
      await deps.jobs.work<ImportJobData>(
        IMPORT_QUEUE,
        async (job) => void (await runQueuedImport(ctx, job.data.importId)),
        {
          concurrency: 1,
        },
      );
      await deps.jobs.createQueue(EXPIRY_QUEUE);
      await deps.jobs.schedule(EXPIRY_QUEUE, '7 * * * *');
      await deps.jobs.work(EXPIRY_QUEUE, async () => {
        const n = await reopenExpired();
        if (n > 0) deps.log.info({ findings: n }, 'risk acceptances expired; findings reopened');
      });
    },
  };

  return {
    module,
    importScanFile: (path, opts) => importScanFile(ctx, path, opts),
    importScanResults: (input) => importScanResults(ctx, input),
    listFindings: (q) => listFindings(deps.db, q, deps.clock.now()),
    getFinding: (id) => getFinding(deps.db, id, deps.clock.now()),
    updateFinding: (id, update, actor) => updateFinding(ctx, { id, update, actor }),
    createFinding: async (input, actor) => (await createFinding(ctx, input, actor)).finding,
    recordFindings: (inputs, actor) => recordFindings(ctx, inputs, actor),
    updateFindingsStatus: (ids, status, actor, opts) =>
      updateFindingsStatus(ctx, { ids, status, actor, note: opts?.note }),
    createAsset: (input, actor) => createAsset(ctx, input, actor),
    getAsset: (id) => getAsset(deps.db, id),
    updateAsset: (id, patch, actor) => updateAsset(ctx, id, patch, actor),
    findOrCreateAssets: (inputs, actor) => findOrCreateAssets(ctx, inputs, actor),
    listAssets: (q) => listAssets(deps.db, q),
    posture: () => loadPosture(deps.db, deps.clock.now()),
    refreshSnapshots: () => refreshSnapshots(deps.db, deps.clock.now()),
    recordSnapshot: (day, counts) => recordSnapshot(deps.db, day, counts, deps.clock.now()),
    reopenExpiredAcceptances: reopenExpired,
  };
}

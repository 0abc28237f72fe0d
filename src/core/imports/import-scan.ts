import type { ImportRun } from '../../api-types.ts';
import type { Queryable } from '../../platform/db/index.ts';
import type { EventStream } from '../../platform/stream/index.ts';
import type { Logger } from '../../platform/log.ts';
import { resolveHostAssets } from '../assets/host-matching.ts';
import type { CoreContext } from '../context.ts';
import { slaJson } from '../findings/sla.ts';
import { reopenExpiredAcceptances } from '../findings/risk-expiry.ts';
import { refreshSnapshots } from '../posture/snapshots.ts';
import { ScanParseError, type ScanHostResult } from '../scans/scan-types.ts';
import { deleteImportChunks } from './import-chunks.ts';
import type { ImportProgressBoard } from './import-progress.ts';
import {
  claimImportRun,
  completeImportRun,
  getImportRun,
  markImportFailed,
  saveImportProgress,
  toImportRun,
} from './import-runs.ts';
import { openScanSource, type ScanSource } from './scan-source.ts';
import { maintainAfterImport } from './table-maintenance.ts';
import {
  closeUnreportedFindings,
  toScannerFindingRow,
  upsertScannerFindings,
  type ScannerFindingRow,
} from './scanner-findings.ts';

export interface ImportProgress {
  /** 0..1 of the file's bytes read. */
  fraction: number;
  hosts: number;
  findings: number;
}

export interface ImportContext extends CoreContext {
  log: Logger;
  progress: ImportProgressBoard;
  /** Where `ward.findings.imported` goes: other modules react to imports without core knowing them. */
  events: Pick<EventStream, 'publish'>;
}

/** Published after every successful import, with the run's counts. */
export const FINDINGS_IMPORTED = 'ward.findings.imported';

export interface ImportScanInput {
  importId: string;
  source: ScanSource;
  actor: string;
  onProgress?: (p: ImportProgress) => void;
}

// Hosts and findings per database round trip: big enough that 50,000 findings take a few dozen
// statements, small enough that one statement's JSON stays a few MB.
const BATCH_HOSTS = 100;
const BATCH_FINDINGS = 2_000;
const PROGRESS_EVERY_MS = 250;
// Imports run one at a time across all processes: concurrent ones could both create an asset
// for the same new host, or upsert overlapping findings in different orders and deadlock.
const IMPORT_LOCK = 0x494d5054; // "IMPT"

/**
 * Imports one scan file as one transaction: assets matched or created, findings upserted by
 * dedup key, findings the scan no longer reports on the hosts it covered closed as fixed, the
 * import row completed, today's snapshot refreshed, one audit entry. If anything fails (a
 * ScanParseError anywhere in the file), nothing of it is stored and the import row says why.
 *
 * Returns the run (state done or failed). A run that is not `queued` is returned as it is
 * without running again: jobs are delivered at least once.
 */
export async function importScan(ctx: ImportContext, input: ImportScanInput): Promise<ImportRun> {
  const startedAt = ctx.clock.now();
  const claimed = await claimImportRun(ctx.db, input.importId, startedAt);
  if (!claimed) {
    const current = await getImportRun(ctx.db, input.importId);
    if (!current) throw new Error(`import ${input.importId} does not exist`);
    return toImportRun(current);
  }
  const live = toImportRun(claimed);
  ctx.progress.set(live);
  try {
    // Its own transaction: an audit entry here would otherwise hold the audit log's lock for
    // the whole import.
    await ctx.db.transaction((tx) => reopenExpiredAcceptances(tx, ctx.audit, startedAt));
    const run = await ctx.db.transaction((tx) => runImport(tx, ctx, input, live, startedAt));
    await maintainAfterImport(ctx.db).catch((err: unknown) =>
      ctx.log.warn({ err }, 'table maintenance after import failed'),
    );
    ctx.log.info(
      {
        importId: run.id,
        format: run.format,
        hosts: run.hosts,
        new: run.findingsNew,
        seen: run.findingsSeen,
        fixed: run.findingsFixed,
      },
      'scan imported',
    );
    // After the commit, so a consumer always finds the findings. A crash between the two loses
    // the event (no outbox yet); consumers that must not miss one can re-read the imports table.
    await ctx.events
      .publish(FINDINGS_IMPORTED, {
        importId: run.id,
        format: run.format,
        fileName: run.fileName,
        hosts: run.hosts,
        findingsNew: run.findingsNew,
        findingsSeen: run.findingsSeen,
        findingsFixed: run.findingsFixed,
        finishedAt: run.finishedAt,
      })
      .catch((err: unknown) =>
        ctx.log.warn({ err, importId: run.id }, 'could not publish the import event'),
      );
    return run;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (!(err instanceof ScanParseError))
      ctx.log.error({ err, importId: input.importId }, 'scan import failed');
    const failed = await markImportFailed(ctx.db, input.importId, message, ctx.clock.now());
    await deleteImportChunks(ctx.db, input.importId);
    return failed ? toImportRun(failed) : { ...live, state: 'failed', error: message };
  } finally {
    ctx.progress.delete(input.importId);
  }
}

async function runImport(
  tx: Queryable,
  ctx: ImportContext,
  input: ImportScanInput,
  live: ImportRun,
  now: Date,
): Promise<ImportRun> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
  const scan = await openScanSource(tx, input.source);
  const tool = scan.format;
  const base = {
    tool,
    importId: input.importId,
    actor: input.actor,
    now,
    slaJson: slaJson(ctx.sla),
    texts: new Map<string, number>(),
  };
  const touchedAssets = new Set<string>();
  const reported = new Set<string>();
  const totals = { hosts: 0, created: 0, seen: 0 };
  let batch: ScanHostResult[] = [];
  let batchFindings = 0;
  let lastReport = 0;

  const flush = async () => {
    if (batch.length === 0) return;
    const hosts = batch;
    batch = [];
    batchFindings = 0;
    const assets = await resolveHostAssets(
      tx,
      hosts.map((h) => h.host),
      now,
    );
    const rows: ScannerFindingRow[] = [];
    hosts.forEach((h, i) => {
      const assetId = assets.ids[i];
      if (!assetId) return;
      touchedAssets.add(assetId);
      for (const issue of h.issues) {
        const row = toScannerFindingRow(tool, assetId, issue);
        // A host listed twice, or an issue repeated: the first report counts once.
        if (reported.has(row.dedup_key)) continue;
        reported.add(row.dedup_key);
        rows.push(row);
      }
    });
    for (let i = 0; i < rows.length; i += BATCH_FINDINGS) {
      const counts = await upsertScannerFindings(tx, rows.slice(i, i + BATCH_FINDINGS), {
        ...base,
        newAssets: assets.created,
      });
      totals.created += counts.created;
      totals.seen += counts.seen;
    }
  };

  const report = async (force: boolean) => {
    const at = Date.now();
    if (!force && at - lastReport < PROGRESS_EVERY_MS) return;
    lastReport = at;
    const fraction = scan.fraction();
    Object.assign(live, {
      progress: fraction,
      hosts: totals.hosts,
      findingsNew: totals.created,
      findingsSeen: totals.seen,
    });
    ctx.progress.set(live);
    input.onProgress?.({ fraction, hosts: totals.hosts, findings: totals.created + totals.seen });
    // On PostgreSQL another connection can write the row now, visible to API processes on other
    // machines. On PGlite the only connection is this transaction's: the board above serves.
    if (ctx.db.kind === 'postgres') await saveImportProgress(ctx.db, input.importId, live);
  };

  await scan.read(async (host) => {
    batch.push(host);
    batchFindings += host.issues.length;
    totals.hosts++;
    if (batch.length >= BATCH_HOSTS || batchFindings >= BATCH_FINDINGS) await flush();
    await report(false);
  });
  await flush();
  const fixed = await closeUnreportedFindings(tx, { ...base, assetIds: [...touchedAssets] });
  const done = await completeImportRun(
    tx,
    input.importId,
    {
      format: scan.format,
      sha256: scan.digest()?.sha256 ?? null,
      sizeBytes: scan.digest()?.bytes ?? null,
      hosts: totals.hosts,
      findingsNew: totals.created,
      findingsSeen: totals.seen,
      findingsFixed: fixed,
    },
    ctx.clock.now(),
  );
  await deleteImportChunks(tx, input.importId);
  await refreshSnapshots(tx, now);
  await ctx.audit.append(
    {
      actor: input.actor,
      action: 'findings.import',
      target: input.importId,
      detail: {
        file: done.fileName,
        format: done.format,
        hosts: done.hosts,
        new: done.findingsNew,
        seen: done.findingsSeen,
        fixed,
      },
    },
    tx,
  );
  input.onProgress?.({ fraction: 1, hosts: totals.hosts, findings: totals.created + totals.seen });
  return toImportRun(done);
}

import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { ImportRun } from '../../api-types.ts';
import type { ScanFormat, ScanHostResult } from '../scans/scan-types.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { invalidInput } from '../errors.ts';
import { deleteImportChunks, readImportChunks, storeImportChunks } from './import-chunks.ts';
import {
  createImportRun,
  describeUpload,
  getImportRun,
  markImportFailed,
  toImportRun,
  type RequestedFormat,
} from './import-runs.ts';
import { importScan, type ImportContext, type ImportProgress } from './import-scan.ts';

/** The pg-boss queue of uploaded scans waiting for a worker. */
export const IMPORT_QUEUE = 'findings.import';

export interface ImportJobData {
  importId: string;
}

/** An import that ended in `failed`; the message is the run's error (with line and element for bad files). */
export class ImportFailedError extends Error {
  override name = 'ImportFailedError';
  readonly run: ImportRun;

  constructor(run: ImportRun) {
    super(run.error ?? 'import failed');
    this.run = run;
  }
}

/**
 * Imports a file from disk in this process (the CLI and the demo seeder). The file is streamed,
 * never held whole. Resolves with the finished run; rejects with ImportFailedError when the file
 * is bad (nothing of it is stored) and with a plain Error when it cannot be read at all.
 */
export async function importScanFile(
  ctx: ImportContext,
  path: string,
  opts: {
    format?: RequestedFormat;
    actor: string;
    fileName?: string;
    onProgress?: (p: ImportProgress) => void;
  },
): Promise<ImportRun> {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new Error('not a regular file');
    size = stat.size;
  } catch (err) {
    throw new Error(`cannot read ${path}: ${(err as Error).message}`, { cause: err });
  }
  const created = await createImportRun(
    ctx.db,
    {
      fileName: opts.fileName ?? basename(path),
      requestedFormat: opts.format ?? 'auto',
      createdBy: opts.actor,
      sizeBytes: size,
    },
    ctx.clock.now(),
  );
  const run = await importScan(ctx, {
    importId: created.id,
    source: {
      kind: 'bytes',
      open: () => createReadStream(path, { highWaterMark: 256 * 1024 }),
      totalBytes: size,
      requestedFormat: opts.format ?? 'auto',
    },
    actor: opts.actor,
    onProgress: opts.onProgress,
  });
  if (run.state === 'failed') throw new ImportFailedError(run);
  return run;
}

/**
 * The upload path, first half: streams the file into the database (1 MiB chunks, no full
 * buffering) under a new run. The run stays queued without a job until queueStoredScan, so a
 * form field that follows the file can still change it; discardUpload undoes it.
 */
export async function storeUploadedScan(
  ctx: Pick<ImportContext, 'db' | 'clock'>,
  input: {
    fileName: string;
    actor: string;
    file: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  },
): Promise<{ importId: string; bytes: number }> {
  const run = await createImportRun(
    ctx.db,
    { fileName: input.fileName, requestedFormat: 'auto', createdBy: input.actor },
    ctx.clock.now(),
  );
  try {
    const { bytes } = await storeImportChunks(ctx.db, run.id, input.file);
    if (bytes === 0) throw invalidInput('file', 'the uploaded file is empty');
    return { importId: run.id, bytes };
  } catch (err) {
    // An upload cut short (client gone, size limit) or empty is no import at all.
    await discardUpload(ctx.db, run.id);
    throw err;
  }
}

export async function discardUpload(db: ImportContext['db'], importId: string): Promise<void> {
  await db.query('DELETE FROM imports WHERE id = $1', [importId]);
}

/** The upload path, second half: records the format and hands the run to a worker. */
export async function queueStoredScan(
  ctx: Pick<ImportContext, 'db' | 'clock'>,
  jobs: JobQueue,
  upload: { importId: string; bytes: number; requestedFormat: RequestedFormat },
): Promise<ImportRun> {
  const described = await describeUpload(ctx.db, upload.importId, {
    sizeBytes: upload.bytes,
    requestedFormat: upload.requestedFormat,
  });
  try {
    await jobs.createQueue(IMPORT_QUEUE);
    await jobs.send<ImportJobData>(
      IMPORT_QUEUE,
      { importId: upload.importId },
      { singletonKey: upload.importId },
    );
  } catch (err) {
    await markImportFailed(
      ctx.db,
      upload.importId,
      `could not queue the import: ${(err as Error).message}`,
      ctx.clock.now(),
    );
    await deleteImportChunks(ctx.db, upload.importId);
    throw err;
  }
  return toImportRun(described);
}

/**
 * Imports hosts that are already parsed (a scan a safeguard ran itself, tests) exactly as a
 * file would be: same matching, de-duplication and scope closing. `name` labels the run.
 */
export async function importScanResults(
  ctx: ImportContext,
  input: { name: string; format: ScanFormat; hosts: Iterable<ScanHostResult>; actor: string },
): Promise<ImportRun> {
  const created = await createImportRun(
    ctx.db,
    { fileName: input.name, requestedFormat: input.format, createdBy: input.actor },
    ctx.clock.now(),
  );
  const run = await importScan(ctx, {
    importId: created.id,
    source: { kind: 'hosts', format: input.format, hosts: input.hosts },
    actor: input.actor,
  });
  if (run.state === 'failed') throw new ImportFailedError(run);
  return run;
}

/**
 * The worker's side: runs a queued upload from its stored chunks. A second delivery of the
 * same job finds the run no longer queued and does nothing (importScan's claim).
 */
export async function runQueuedImport(
  ctx: ImportContext,
  importId: string,
): Promise<ImportRun | null> {
  const stored = await getImportRun(ctx.db, importId);
  if (!stored) {
    ctx.log.warn({ importId }, 'import job for an import that no longer exists');
    return null;
  }
  return importScan(ctx, {
    importId,
    source: {
      kind: 'bytes',
      open: (q) => readImportChunks(q, importId),
      totalBytes: stored.sizeBytes,
      requestedFormat: stored.requestedFormat,
    },
    actor: stored.createdBy,
  });
}

import { hostname } from 'node:os';
import type { ImportFormat, ImportRun, ImportState, Page } from '../../api-types.ts';
import { type Queryable, isUuid, toIso, toIsoOrNull, toNumber } from '../../platform/db/index.ts';

/** What the uploader asked for: a format, or `auto` to detect it from the file. */
export type RequestedFormat = 'auto' | ImportFormat;
export const REQUESTED_FORMATS: readonly RequestedFormat[] = ['auto', 'nmap', 'nessus'];

const COLUMNS = `id, file_name, requested_format, format, state, progress, hosts, findings_new, findings_seen, findings_fixed,
  error, created_by, created_at, finished_at, size_bytes`;

interface ImportRow {
  id: string;
  file_name: string;
  requested_format: RequestedFormat;
  format: ImportFormat | null;
  state: ImportState;
  progress: number | string;
  hosts: number | string;
  findings_new: number | string;
  findings_seen: number | string;
  findings_fixed: number | string;
  error: string | null;
  created_by: string;
  created_at: Date | string;
  finished_at: Date | string | null;
  size_bytes: number | string | null;
}

/** An ImportRun plus what the worker needs to run it. */
export interface StoredImport extends ImportRun {
  requestedFormat: RequestedFormat;
  sizeBytes: number | null;
}

function toStoredImport(r: ImportRow): StoredImport {
  return {
    id: r.id,
    fileName: r.file_name,
    format: r.format,
    state: r.state,
    progress: toNumber(r.progress),
    hosts: toNumber(r.hosts),
    findingsNew: toNumber(r.findings_new),
    findingsSeen: toNumber(r.findings_seen),
    findingsFixed: toNumber(r.findings_fixed),
    error: r.error,
    createdAt: toIso(r.created_at),
    finishedAt: toIsoOrNull(r.finished_at),
    createdBy: r.created_by,
    requestedFormat: r.requested_format,
    sizeBytes: r.size_bytes == null ? null : toNumber(r.size_bytes),
  };
}

/** The API shape (drops what only the worker needs). */
export function toImportRun(s: StoredImport): ImportRun {
  const { requestedFormat: _requested, sizeBytes: _size, ...run } = s;
  return run;
}

/** A queued import; its file is attached separately (chunks, or a path for the CLI). */
export async function createImportRun(
  db: Queryable,
  input: {
    fileName: string;
    requestedFormat: RequestedFormat;
    createdBy: string;
    sizeBytes?: number | null;
  },
  now: Date,
): Promise<StoredImport> {
  const [row] = await db.query<ImportRow>(
    `INSERT INTO imports (file_name, requested_format, created_by, size_bytes, created_at)
     VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
    [
      input.fileName.slice(0, 500) || 'upload',
      input.requestedFormat,
      input.createdBy,
      input.sizeBytes ?? null,
      now,
    ],
  );
  return toStoredImport(row!);
}

/** Records what the upload turned out to be, once its chunks are stored. */
export async function describeUpload(
  db: Queryable,
  id: string,
  upload: { sizeBytes: number; requestedFormat: RequestedFormat },
): Promise<StoredImport> {
  const [row] = await db.query<ImportRow>(
    `UPDATE imports SET size_bytes = $2, requested_format = $3 WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, upload.sizeBytes, upload.requestedFormat],
  );
  if (!row) throw new Error(`import ${id} vanished during its upload`);
  return toStoredImport(row);
}

export async function getImportRun(db: Queryable, id: string): Promise<StoredImport | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.query<ImportRow>(`SELECT ${COLUMNS} FROM imports WHERE id = $1`, [id]);
  return row ? toStoredImport(row) : null;
}

export async function listImportRuns(
  db: Queryable,
  page: { limit: number; offset: number },
): Promise<Page<ImportRun>> {
  const [count] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM imports');
  const rows = await db.query<ImportRow>(
    `SELECT ${COLUMNS} FROM imports ORDER BY created_at DESC, id DESC LIMIT $1 OFFSET $2`,
    [page.limit, page.offset],
  );
  return {
    items: rows.map((r) => toImportRun(toStoredImport(r))),
    total: toNumber(count?.n),
    limit: page.limit,
    offset: page.offset,
  };
}

// A run left in `running` this long was abandoned by a worker that died: its transaction rolled
// back with it, so running it again is safe. Far above any real import (50,000 findings take
// seconds), so a live run is never taken over.
const ABANDONED_AFTER = '1 hour';

/**
 * Moves a queued import to running and returns it, or returns null when another attempt has it
 * or had it. Jobs are delivered at least once; this single UPDATE is what makes a second
 * delivery a no-op.
 */
export async function claimImportRun(
  db: Queryable,
  id: string,
  now: Date,
): Promise<StoredImport | null> {
  const [row] = await db.query<ImportRow>(
    `UPDATE imports SET state = 'running', started_at = $2, progress = 0, attempts = attempts + 1, worker = $3
     WHERE id = $1 AND (state = 'queued' OR (state = 'running' AND started_at < $2::timestamptz - interval '${ABANDONED_AFTER}'))
     RETURNING ${COLUMNS}`,
    [id, now, WORKER_ID],
  );
  return row ? toStoredImport(row) : null;
}

/** This process, as recorded on the imports it runs. */
const WORKER_ID = `${hostname()}:${process.pid}`;

export async function markImportFailed(
  db: Queryable,
  id: string,
  error: string,
  now: Date,
): Promise<StoredImport | null> {
  const [row] = await db.query<ImportRow>(
    `UPDATE imports SET state = 'failed', error = $2, finished_at = $3 WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, error.slice(0, 2000), now],
  );
  return row ? toStoredImport(row) : null;
}

/** Progress written outside the import's transaction (PostgreSQL only; see import-scan.ts). */
export async function saveImportProgress(
  db: Queryable,
  id: string,
  p: { progress: number; hosts: number; findingsNew: number; findingsSeen: number },
): Promise<void> {
  await db.query(
    'UPDATE imports SET progress = $2, hosts = $3, findings_new = $4, findings_seen = $5 WHERE id = $1',
    [id, p.progress, p.hosts, p.findingsNew, p.findingsSeen],
  );
}

/** The result, written in the import's transaction so it commits with the findings. */
export async function completeImportRun(
  tx: Queryable,
  id: string,
  r: {
    format: ImportFormat;
    sha256: string | null;
    sizeBytes: number | null;
    hosts: number;
    findingsNew: number;
    findingsSeen: number;
    findingsFixed: number;
  },
  now: Date,
): Promise<StoredImport> {
  const [row] = await tx.query<ImportRow>(
    `UPDATE imports SET state = 'done', progress = 1, format = $2, sha256 = $3, size_bytes = coalesce($4, size_bytes), hosts = $5,
       findings_new = $6, findings_seen = $7, findings_fixed = $8, finished_at = $9, error = NULL,
       reimport_of = (SELECT p.id FROM imports p WHERE p.sha256 = $3 AND p.state = 'done' AND p.id <> $1
                      ORDER BY p.finished_at DESC LIMIT 1)
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [
      id,
      r.format,
      r.sha256,
      r.sizeBytes,
      r.hosts,
      r.findingsNew,
      r.findingsSeen,
      r.findingsFixed,
      now,
    ],
  );
  if (!row) throw new Error(`import ${id} vanished while it ran`);
  return toStoredImport(row);
}

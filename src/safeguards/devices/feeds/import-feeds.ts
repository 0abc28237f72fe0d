import { basename } from 'node:path';
import type { Database } from '../../../platform/db/index.ts';
import { parseCsafDocument } from './csaf-document.ts';
import { detectFeed, listFeedFiles, type DetectedFile } from './detect.ts';
import { readEpssCsv, type EpssMeta } from './epss-csv.ts';
import { feedItems, FeedFileError, joinPath, readJsonDocument } from './feed-items.ts';
import { upsertEpss, upsertKev, upsertNvdCves, type UpsertCounts } from './feed-store.ts';
import { storeCsafAdvisory } from './csaf-store.ts';
import { parseKevEntry } from './kev-record.ts';
import { parseNvdCve } from './nvd-record.ts';
import {
  RecordError,
  type FeedFileSummary,
  type FeedImportSummary,
  type FeedSkippedFile,
  type ImportFeedsOptions,
} from './types.ts';

const MAX_ERRORS = 20;
/** NVD records carry configurations (often tens of kB), so fewer per statement than KEV/EPSS. */
const NVD_BATCH = 500;
const ROW_BATCH = 5_000;
const STREAM_ABOVE = 64 * 1024 * 1024;

/**
 * Imports feed files and directories of them (recursively) into the vulnerability tables. Each
 * file's kind is recognised by its content. A file named explicitly that is no known feed is an
 * error before anything imports; such a file inside a directory is listed in skippedFiles. Bad
 * records are counted and reported with their JSON path or line while the rest import.
 */
export async function importFeeds(
  db: Database,
  paths: string[],
  opts: ImportFeedsOptions & { streamAboveBytes?: number } = {},
): Promise<FeedImportSummary> {
  const now = opts.now ?? new Date();
  const files: DetectedFile[] = [];
  const skippedFiles: FeedSkippedFile[] = [];
  for (const f of await listFeedFiles(paths)) {
    const d = await detectFeed(f.path);
    if ('reason' in d) {
      if (f.explicit) throw new Error(`${f.path}: ${d.reason}`);
      skippedFiles.push({ file: f.path, reason: d.reason });
    } else files.push(d);
  }
  const summary: FeedImportSummary = {
    files: [],
    skippedFiles,
    totals: { records: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0 },
  };
  for (const file of files) {
    const s = await importFile(
      db,
      file,
      now,
      opts.onProgress,
      opts.streamAboveBytes ?? STREAM_ABOVE,
    );
    await db.query(
      `INSERT INTO vuln_feed_imports (kind, file_name, records, inserted, updated, unchanged,
         rejected, errors, imported_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)`,
      [
        s.kind,
        s.file,
        s.records,
        s.inserted,
        s.updated,
        s.unchanged,
        s.rejected,
        JSON.stringify(s.errors),
        now,
      ],
    );
    summary.files.push(s);
    for (const k of ['records', 'inserted', 'updated', 'unchanged', 'rejected'] as const) {
      summary.totals[k] += s[k];
    }
  }
  return summary;
}

async function importFile(
  db: Database,
  file: DetectedFile,
  now: Date,
  onProgress: ImportFeedsOptions['onProgress'],
  streamAbove: number,
): Promise<FeedFileSummary> {
  const s: FeedFileSummary = {
    file: file.path,
    kind: file.kind,
    records: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    errors: [],
  };
  const reject = (at: string, reason: string) => {
    s.rejected++;
    if (s.errors.length < MAX_ERRORS) s.errors.push({ at, reason });
  };
  const add = (c: UpsertCounts) => {
    s.inserted += c.inserted;
    s.updated += c.updated;
    s.unchanged += c.unchanged;
    onProgress?.({ file: file.path, kind: file.kind, records: s.records });
  };
  try {
    if (file.kind === 'epss') await importEpss(db, file, now, s, reject, add);
    else if (file.kind === 'csaf') await importCsaf(db, file, now, s, reject, add);
    else await importRecords(db, file, now, s, reject, add, streamAbove);
  } catch (err) {
    if (!(err instanceof FeedFileError)) throw err;
    s.records = Math.max(s.records, 1);
    reject('', err.message);
  }
  return s;
}

type Reject = (at: string, reason: string) => void;
type Add = (c: UpsertCounts) => void;

async function importRecords(
  db: Database,
  file: DetectedFile,
  now: Date,
  s: FeedFileSummary,
  reject: Reject,
  add: Add,
  streamAbove: number,
): Promise<void> {
  const header: Record<string, string | number> = {};
  const nvd = file.kind === 'nvd';
  let batch: unknown[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    if (nvd) add(await upsertNvdCves(db, rows as Parameters<typeof upsertNvdCves>[1], now));
    else {
      const version = header['catalogVersion'];
      add(
        await upsertKev(
          db,
          rows as Parameters<typeof upsertKev>[1],
          version ? String(version) : null,
          now,
        ),
      );
    }
  };
  for await (const item of feedItems(file, header, streamAbove)) {
    s.records++;
    if ('error' in item) {
      reject(item.at, item.error);
      continue;
    }
    try {
      batch.push(nvd ? parseNvdCve(item.value) : parseKevEntry(item.value));
    } catch (err) {
      if (!(err instanceof RecordError)) throw err;
      reject(joinPath(item.at, err.at), err.message);
      continue;
    }
    if (batch.length >= (nvd ? NVD_BATCH : ROW_BATCH)) await flush();
  }
  await flush();
}

async function importEpss(
  db: Database,
  file: DetectedFile,
  now: Date,
  s: FeedFileSummary,
  reject: Reject,
  add: Add,
): Promise<void> {
  let meta: EpssMeta = { modelVersion: null, scoreDate: null };
  let batch: Parameters<typeof upsertEpss>[1] = [];
  const flush = async () => {
    if (batch.length > 0) add(await upsertEpss(db, batch, meta, now));
    batch = [];
  };
  try {
    for await (const line of readEpssCsv(file.path, file.gzip)) {
      if (line.kind === 'meta') {
        meta = line.meta;
        continue;
      }
      s.records++;
      if (line.kind === 'bad') reject(`line ${line.line}: ${line.error.at}`, line.error.message);
      else batch.push(line.row);
      if (batch.length >= ROW_BATCH) await flush();
    }
  } catch (err) {
    if (err instanceof Error && err.message.startsWith(file.path)) {
      throw new FeedFileError(err.message.slice(file.path.length + 2));
    }
    throw err;
  }
  await flush();
}

async function importCsaf(
  db: Database,
  file: DetectedFile,
  now: Date,
  s: FeedFileSummary,
  reject: Reject,
  add: Add,
): Promise<void> {
  // One advisory per file (CSAF 2.0 §7.1.19 file naming), parsed whole.
  const doc = await readJsonDocument(file);
  s.records++;
  let adv;
  try {
    adv = parseCsafDocument(doc);
  } catch (err) {
    if (!(err instanceof RecordError)) throw err;
    reject(err.at, err.message);
    return;
  }
  const parsed = adv;
  add(await db.transaction((tx) => storeCsafAdvisory(tx, parsed, doc, basename(file.path), now)));
}

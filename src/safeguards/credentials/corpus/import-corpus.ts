import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { CorpusKind } from '../../../api-types.ts';
import { buildKind } from './build-kind.ts';
import { IndexFile } from './corpus-index.ts';
import { detectInput } from './detect-input.ts';
import { CorpusInputError } from './hibp-text-source.ts';
import {
  checkpointMismatch,
  identify,
  identifyIfPresent,
  readCheckpoint,
  removeCheckpoint,
  writeCheckpoint,
  type FinishedKind,
  type ImportCheckpoint,
  type ImportKey,
} from './import-checkpoint.ts';
import { discard, finishedPath, missingFiles, partitionDirFor, syncDir } from './import-files.ts';
import { acquireImportLock } from './import-lock.ts';
import { ImportPacer, type CorpusImportProgress } from './import-pacer.ts';
import { indexFileName } from './index-format.ts';
import { hashLists } from './list-hasher.ts';

export interface ImportCorpusOptions {
  /** The corpus directory; created if missing. */
  dir: string;
  /** Pwned Passwords downloads (SHA-1 or NTLM, detected) and plain password lists, mixed. */
  files: string[];
  /** Fingerprints only (<= 12 bytes per hash): lookups work, the range API does not. */
  compact?: boolean;
  /** Start from empty instead of merging with the current index of each kind. */
  replace?: boolean;
  onProgress?: (p: CorpusImportProgress) => void;
  /** Stops at the next slice; the checkpoint lets the same import resume. */
  signal?: AbortSignal;
  /** Where hashed password lists are partitioned (default: the corpus directory). */
  tempDir?: string;
  /** How often the checkpoint is saved (default 2,000 ms). */
  checkpointMs?: number;
  /** Least time between onProgress calls (default 250 ms). */
  progressMs?: number;
}

export interface CorpusImportIndexResult {
  kind: CorpusKind;
  compact: boolean;
  entries: number;
  /** Size of the index file. */
  bytes: number;
  bytesPerEntry: number;
  /** Input lines for this kind over the whole import, an interrupted run's included. */
  lines: number;
  /** Lines read by this run: fewer than `lines` when it resumed. */
  linesThisRun: number;
  /** Time spent on this kind (lists are hashed once for both kinds and counted in neither). */
  seconds: number;
  /** This kind continued from an interrupted run. */
  resumed: boolean;
  /** The previous index of this kind was merged in. */
  merged: boolean;
}

export interface CorpusImportResult {
  indexes: CorpusImportIndexResult[];
  resumed: boolean;
  /** Why an interrupted import could not be continued (it started over), if that happened. */
  restartReason: string | null;
  /** Things the operator should know, e.g. a file name that was merged in before. */
  warnings: string[];
  /** Wall time of this run. */
  seconds: number;
}

interface Input {
  path: string;
  name: string;
  size: number;
  format: ReturnType<typeof detectInput>;
}

const KINDS: CorpusKind[] = ['sha1', 'ntlm'];

/**
 * Imports Pwned Passwords files and password lists into `<dir>/sha1.idx` and `<dir>/ntlm.idx`
 * (format: index-format.ts, docs/adr/0007). Each kind's sources (the current index, the text
 * files, the hashed lists) are merged bucket range by bucket range into a new file that replaces
 * the old one by rename only when every kind is done, so readers never see a partial index and a
 * bad input leaves the old ones in place.
 */
export async function importCorpus(opts: ImportCorpusOptions): Promise<CorpusImportResult> {
  if (opts.files.length === 0) throw new Error('corpus import: no files given');
  mkdirSync(opts.dir, { recursive: true });
  const release = acquireImportLock(opts.dir);
  try {
    return await runImport(opts);
  } catch (err) {
    // Bad input will not get better by resuming; do not leave gigabytes of partial files.
    if (err instanceof CorpusInputError) discard(opts.dir, partitionDirFor(opts));
    throw err;
  } finally {
    release();
  }
}

async function runImport(opts: ImportCorpusOptions): Promise<CorpusImportResult> {
  const started = performance.now();
  const { dir } = opts;
  const compact = opts.compact ?? false;
  const replace = opts.replace ?? false;
  const inputs = opts.files.map(readInput);
  const lists = inputs.filter((i) => i.format.type === 'list');
  const textsOf = (kind: CorpusKind) =>
    inputs.filter((i) => i.format.type === 'hibp' && i.format.kind === kind);
  const kinds = KINDS.filter((k) => lists.length > 0 || textsOf(k).length > 0);

  const existing = new Map<CorpusKind, IndexFile>();
  try {
    for (const kind of kinds) {
      const file = replace ? null : openExisting(dir, kind, compact);
      if (file) existing.set(kind, file);
    }
    const key: ImportKey = {
      files: inputs.map((i) => identify(i.path)),
      compact,
      replace,
      existing: {
        sha1: existing.has('sha1') ? identifyIfPresent(join(dir, indexFileName('sha1'))) : null,
        ntlm: existing.has('ntlm') ? identifyIfPresent(join(dir, indexFileName('ntlm'))) : null,
      },
    };
    const partitionDir = lists.length > 0 ? partitionDirFor(opts) : null;
    let previous = readCheckpoint(dir);
    let restartReason: string | null = null;
    if (previous) {
      const why =
        checkpointMismatch(previous, key) ?? missingFiles(dir, previous, kinds, partitionDir);
      if (why) {
        restartReason = `${why}; started over`;
        if (previous.partitionDir && previous.partitionDir !== partitionDir) {
          rmSync(previous.partitionDir, { recursive: true, force: true });
        }
        previous = null;
      }
    }
    if (!previous) discard(dir, partitionDir);
    const checkpoint: Omit<ImportCheckpoint, 'version'> = {
      key,
      partitionDir,
      lists: previous?.lists ?? null,
      finished: previous?.finished ?? [],
      current: previous?.current ?? null,
    };
    const save = () => writeCheckpoint(dir, checkpoint);
    save();
    const pacer = new ImportPacer({
      signal: opts.signal,
      onProgress: opts.onProgress,
      checkpointMs: opts.checkpointMs ?? 2000,
      progressMs: opts.progressMs ?? 250,
    });

    let listLines = { total: 0, thisRun: 0 };
    if (partitionDir) {
      const before = checkpoint.lists;
      const state = before?.done
        ? before
        : await hashLists({
            lists,
            dir: partitionDir,
            resume: before ?? undefined,
            pacer,
            onSave: (s) => {
              checkpoint.lists = s;
              save();
            },
          });
      checkpoint.lists = state;
      save();
      listLines = { total: state.lines, thisRun: state.lines - (before?.lines ?? 0) };
    }

    const results: CorpusImportIndexResult[] = [];
    const warnings = kinds.flatMap((kind) => alreadyImported(existing.get(kind), inputs, kind));
    for (const kind of kinds) {
      const done = checkpoint.finished.find((f) => f.kind === kind);
      const resume = checkpoint.current?.kind === kind ? checkpoint.current : null;
      const finished =
        done ??
        (await buildKind({
          dir,
          kind,
          compact,
          texts: textsOf(kind),
          existing: existing.get(kind) ?? null,
          partitionDir,
          listLines,
          sources: sourceNames(existing.get(kind), inputs, kind),
          resume,
          pacer,
          onSave: (progress) => {
            checkpoint.current = progress;
            save();
          },
        }));
      if (!done) {
        checkpoint.finished.push(finished);
        checkpoint.current = null;
        save();
      }
      const resumed = Boolean(done || resume || (checkpoint.lists && previous?.lists));
      results.push(describe(finished, compact, resumed, existing.has(kind)));
    }

    for (const file of existing.values()) file.close();
    existing.clear();
    for (const kind of kinds) {
      const from = finishedPath(dir, kind);
      // Missing only when a crash hit between these renames; it was renamed already.
      if (existsSync(from)) renameSync(from, join(dir, indexFileName(kind)));
    }
    syncDir(dir);
    removeCheckpoint(dir);
    if (partitionDir) rmSync(partitionDir, { recursive: true, force: true });
    return {
      indexes: results,
      resumed: previous !== null,
      restartReason,
      warnings,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    for (const file of existing.values()) file.close();
  }
}

function readInput(path: string): Input {
  if (!existsSync(path)) throw new CorpusInputError(`${path}: no such file`);
  const { size } = identify(path);
  return { path: resolve(path), name: path, size, format: detectInput(path) };
}

function openExisting(dir: string, kind: CorpusKind, compact: boolean): IndexFile | null {
  const path = join(dir, indexFileName(kind));
  if (!existsSync(path)) return null;
  let file: IndexFile;
  try {
    file = new IndexFile(path);
  } catch (err) {
    throw new Error(`${(err as Error).message}; or import with --replace to rebuild it`, {
      cause: err,
    });
  }
  if (file.compact && !compact) {
    file.close();
    throw new Error(
      `${indexFileName(kind)} was imported with --compact and holds fingerprints only: add to it with --compact, or rebuild it in full with --replace`,
    );
  }
  return file;
}

function sourceNames(existing: IndexFile | undefined, inputs: Input[], kind: CorpusKind): string[] {
  const mine = inputs
    .filter((i) => i.format.type === 'list' || i.format.kind === kind)
    .map((i) => basename(i.path));
  return [...new Set([...(existing?.sources ?? []), ...mine])];
}

/** A file of the same name merged in before: its counts were added again (a new HIBP release?). */
function alreadyImported(
  existing: IndexFile | undefined,
  inputs: Input[],
  kind: CorpusKind,
): string[] {
  if (!existing) return [];
  return inputs
    .filter(
      (i) =>
        (i.format.type === 'list' || i.format.kind === kind) &&
        existing.sources.includes(basename(i.path)),
    )
    .map(
      (i) =>
        `${basename(i.path)} was imported into ${indexFileName(kind)} before, and its counts were added again; ` +
        'to load a new Pwned Passwords release instead of adding to the old one, import with --replace',
    );
}

function describe(
  f: FinishedKind,
  compact: boolean,
  resumed: boolean,
  merged: boolean,
): CorpusImportIndexResult {
  return {
    kind: f.kind,
    compact,
    entries: f.entries,
    bytes: f.bytes,
    bytesPerEntry: f.entries > 0 ? f.bytes / f.entries : 0,
    lines: f.lines,
    linesThisRun: f.linesThisRun,
    seconds: f.seconds,
    resumed,
    merged,
  };
}

import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CorpusKind } from '../../../api-types.ts';
import type { SourcePosition } from './entry-source.ts';
import type { ListHashState } from './list-hasher.ts';

const CHECKPOINT_FILE = 'import-checkpoint.json';
const CHECKPOINT_VERSION = 1;

/** What a file was when the import started; a resume needs the same. */
export interface FileIdentity {
  path: string;
  size: number;
  mtimeMs: number;
}

/** The inputs and options that make two runs the same import. */
export interface ImportKey {
  files: FileIdentity[];
  compact: boolean;
  replace: boolean;
  /** The index each kind merges into (null: none, or replace). */
  existing: Record<CorpusKind, FileIdentity | null>;
}

/** One index that the interrupted run finished (as `<kind>.idx.new`, renamed at the end). */
export interface FinishedKind {
  kind: CorpusKind;
  entries: number;
  bytes: number;
  lines: number;
  linesThisRun: number;
  seconds: number;
}

/** The index being written when the run stopped. */
export interface KindProgress {
  kind: CorpusKind;
  /** Buckets below this one are complete in `<kind>.idx.partial`. */
  doneBucket: number;
  bytesWritten: number;
  entries: number;
  /** Text inputs of this kind, in the order of ImportKey.files. */
  positions: SourcePosition[];
  seconds: number;
}

export interface ImportCheckpoint {
  version: number;
  key: ImportKey;
  partitionDir: string | null;
  lists: ListHashState | null;
  finished: FinishedKind[];
  current: KindProgress | null;
}

export function checkpointPath(dir: string): string {
  return join(dir, CHECKPOINT_FILE);
}

export function identify(path: string): FileIdentity {
  const s = statSync(path);
  return { path, size: s.size, mtimeMs: s.mtimeMs };
}

export function identifyIfPresent(path: string): FileIdentity | null {
  return existsSync(path) ? identify(path) : null;
}

export function readCheckpoint(dir: string): ImportCheckpoint | null {
  const path = checkpointPath(dir);
  if (!existsSync(path)) return null;
  try {
    const cp = JSON.parse(readFileSync(path, 'utf8')) as ImportCheckpoint;
    return cp.version === CHECKPOINT_VERSION ? cp : null;
  } catch {
    // A checkpoint torn by a crash is worth nothing; the import starts over.
    return null;
  }
}

/** Written to a temporary name and renamed, so a crash leaves the old or the new one. */
export function writeCheckpoint(dir: string, cp: Omit<ImportCheckpoint, 'version'>): void {
  const path = checkpointPath(dir);
  writeFileSync(`${path}.tmp`, JSON.stringify({ version: CHECKPOINT_VERSION, ...cp }));
  renameSync(`${path}.tmp`, path);
}

export function removeCheckpoint(dir: string): void {
  rmSync(checkpointPath(dir), { force: true });
}

/** Why `cp` cannot be continued with `key`, or null when it can. */
export function checkpointMismatch(cp: ImportCheckpoint, key: ImportKey): string | null {
  if (cp.key.compact !== key.compact || cp.key.replace !== key.replace) {
    return 'the options differ from the interrupted import';
  }
  if (cp.key.files.length !== key.files.length)
    return 'the files differ from the interrupted import';
  for (let i = 0; i < key.files.length; i++) {
    const was = cp.key.files[i]!;
    const now = key.files[i]!;
    if (was.path !== now.path) return 'the files differ from the interrupted import';
    if (was.size !== now.size || was.mtimeMs !== now.mtimeMs) {
      return `${now.path} changed since the interrupted import`;
    }
  }
  const finished = new Set(cp.finished.map((f) => f.kind));
  for (const kind of ['sha1', 'ntlm'] as const) {
    // A finished kind's index may be ours already; only the others must be as they were.
    if (finished.has(kind)) continue;
    const was = cp.key.existing[kind];
    const now = key.existing[kind];
    if (JSON.stringify(was) !== JSON.stringify(now)) {
      return `the ${kind} index changed since the interrupted import`;
    }
  }
  return null;
}

import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import type { CorpusKind } from '../../../api-types.ts';
import { removeCheckpoint, type ImportCheckpoint, type KindProgress } from './import-checkpoint.ts';
import { BUCKETS, indexFileName } from './index-format.ts';
import { PARTITIONS, partitionPath } from './list-hasher.ts';

/*
 * Where an import keeps its work in progress, next to the indexes in the corpus directory:
 *   <kind>.idx.partial        the index being written (data so far)
 *   <kind>.idx.partial.fence  its bucket lengths up to the checkpoint (uint32 each)
 *   <kind>.idx.new            a finished index, renamed to <kind>.idx once all kinds are done
 *   import-checkpoint.json    how to resume (import-checkpoint.ts)
 *   import.lock               the running import's pid (import-lock.ts)
 * and the hashed password lists in a folder under the temp directory (list-hasher.ts).
 */

const KINDS: CorpusKind[] = ['sha1', 'ntlm'];

export function partialPath(dir: string, kind: CorpusKind): string {
  return join(dir, `${indexFileName(kind)}.partial`);
}

/** A finished index waiting for the other kinds before all are renamed into place. */
export function finishedPath(dir: string, kind: CorpusKind): string {
  return join(dir, `${indexFileName(kind)}.new`);
}

export function fencePath(dir: string, kind: CorpusKind): string {
  return `${partialPath(dir, kind)}.fence`;
}

export function writeFence(path: string, lengths: Uint32Array, buckets: number): void {
  const bytes = Buffer.from(lengths.buffer, lengths.byteOffset, buckets * 4);
  writeFileSync(`${path}.tmp`, bytes);
  renameSync(`${path}.tmp`, path);
}

export function readFence(path: string, buckets: number): Uint32Array {
  const lengths = new Uint32Array(BUCKETS);
  const raw = readFileSync(path);
  if (raw.length < buckets * 4) throw new Error(`${path}: shorter than the checkpoint says`);
  // Copied out: a Buffer's byteOffset need not be a multiple of 4.
  lengths.set(new Uint32Array(new Uint8Array(raw.subarray(0, buckets * 4)).buffer));
  return lengths;
}

/** True when the partial files a checkpoint points at are still there and long enough. */
export function partialFilesPresent(dir: string, progress: KindProgress): boolean {
  const partial = partialPath(dir, progress.kind);
  const fence = fencePath(dir, progress.kind);
  return (
    existsSync(partial) &&
    statSync(partial).size >= progress.bytesWritten &&
    existsSync(fence) &&
    statSync(fence).size >= progress.doneBucket * 4
  );
}

export function removePartialFiles(dir: string): void {
  for (const kind of ['sha1', 'ntlm'] as const) {
    for (const path of [partialPath(dir, kind), fencePath(dir, kind), finishedPath(dir, kind)]) {
      rmSync(path, { force: true });
      rmSync(`${path}.tmp`, { force: true });
    }
  }
}

/** What `previous` needs on disk that is gone, or null. */
export function missingFiles(
  dir: string,
  previous: ImportCheckpoint,
  kinds: CorpusKind[],
  partitionDir: string | null,
): string | null {
  if (previous.partitionDir !== partitionDir) return 'the temporary folder differs';
  // With every kind finished, a missing .new file was renamed into place before the crash.
  const renaming = previous.finished.length === kinds.length;
  for (const f of previous.finished) {
    if (!renaming && !existsSync(finishedPath(dir, f.kind))) return `${f.kind}.idx.new is gone`;
  }
  if (previous.current && !partialFilesPresent(dir, previous.current)) {
    return `${previous.current.kind}.idx.partial is gone or short`;
  }
  if (previous.lists && partitionDir) {
    for (const kind of KINDS) {
      for (let p = 0; p < PARTITIONS; p++) {
        if (!existsSync(partitionPath(partitionDir, kind, p))) {
          return `the hashed lists in ${partitionDir} are gone`;
        }
      }
    }
  }
  return null;
}

export function discard(dir: string, partitionDir: string | null): void {
  removePartialFiles(dir);
  removeCheckpoint(dir);
  if (partitionDir) rmSync(partitionDir, { recursive: true, force: true });
}

/** Per corpus directory, so two corpora may share a temp folder. */
export function partitionDirFor(opts: { dir: string; tempDir?: string | undefined }): string {
  return join(opts.tempDir ?? opts.dir, `.ward-corpus-lists-${shortHash(resolve(opts.dir))}`);
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

/** Makes the renames durable (a directory fsync; not supported on Windows, where it is moot). */
export function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // EISDIR/EPERM on platforms without directory fsync.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

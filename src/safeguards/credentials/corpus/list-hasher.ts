import { hash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { CorpusKind } from '../../../api-types.ts';
import { ntlmHash } from '../hashing/ntlm.ts';
import { CorpusInputError } from './hibp-text-source.ts';
import type { ImportPacer } from './import-pacer.ts';

/**
 * Plain password lists are not sorted, so they go through an external sort: every line is
 * hashed both ways and appended to one of 256 partition files by its first byte; later each
 * partition (1/256 of the hashes) is sorted in memory on its own (list-source.ts).
 */
export const PARTITIONS = 256;
const PARTITION_BUFFER = 32 << 10;
const READ_BYTES = 1 << 20;
const LINES_PER_TICK = 4096;
const LF = 10;
const CR = 13;

/** How far the hashing got, for the checkpoint: lists before `list` are done. */
export interface ListHashState {
  list: number;
  offset: number;
  line: number;
  /** Non-empty lines hashed so far, over all lists. */
  lines: number;
  /** Bytes in each partition file, per kind. */
  sizes: Record<CorpusKind, number[]>;
  done: boolean;
}

export function partitionPath(dir: string, kind: CorpusKind, partition: number): string {
  return join(dir, `${kind}-${partition.toString(16).padStart(2, '0')}.part`);
}

class PartitionWriter {
  readonly sizes: number[];
  private readonly dir: string;
  private readonly kind: CorpusKind;
  private readonly hashBytes: number;
  private readonly buffers: Uint8Array;
  private readonly fill: Uint32Array;

  constructor(dir: string, kind: CorpusKind, hashBytes: number, sizes: number[] | undefined) {
    this.dir = dir;
    this.kind = kind;
    this.hashBytes = hashBytes;
    this.buffers = new Uint8Array(PARTITIONS * PARTITION_BUFFER);
    this.fill = new Uint32Array(PARTITIONS);
    this.sizes = sizes ? [...sizes] : new Array<number>(PARTITIONS).fill(0);
    for (let p = 0; p < PARTITIONS; p++) {
      const path = partitionPath(dir, kind, p);
      if (sizes) truncateSync(path, this.sizes[p]);
      else closeSync(openSync(path, 'w'));
    }
  }

  add(digest: Uint8Array): void {
    const p = digest[0]!;
    let at = this.fill[p]!;
    if (at + this.hashBytes > PARTITION_BUFFER) {
      this.flushOne(p);
      at = 0;
    }
    this.buffers.set(digest, p * PARTITION_BUFFER + at);
    this.fill[p] = at + this.hashBytes;
  }

  flush(): void {
    for (let p = 0; p < PARTITIONS; p++) this.flushOne(p);
  }

  private flushOne(p: number): void {
    const length = this.fill[p]!;
    if (length === 0) return;
    const fd = openSync(partitionPath(this.dir, this.kind, p), 'a');
    try {
      const start = p * PARTITION_BUFFER;
      let done = 0;
      while (done < length) done += writeSync(fd, this.buffers, start + done, length - done);
    } finally {
      closeSync(fd);
    }
    this.sizes[p] = this.sizes[p]! + length;
    this.fill[p] = 0;
  }
}

/**
 * Hashes every line of the lists (SHA-1 of the UTF-8 bytes, NT hash of the UTF-16LE text) into
 * partition files under `dir`, continuing from `resume`. Returns the final state.
 */
export async function hashLists(opts: {
  lists: Array<{ path: string; name: string; size: number }>;
  dir: string;
  resume?: ListHashState | undefined;
  pacer: ImportPacer;
  /** Called with the state whenever the pacer saves a checkpoint. */
  onSave: (state: ListHashState) => void;
}): Promise<ListHashState> {
  const { lists, dir, pacer } = opts;
  mkdirSync(dir, { recursive: true });
  const sha1 = new PartitionWriter(dir, 'sha1', 20, opts.resume?.sizes.sha1);
  const ntlm = new PartitionWriter(dir, 'ntlm', 16, opts.resume?.sizes.ntlm);
  const state: ListHashState = opts.resume
    ? { ...opts.resume, sizes: { sha1: sha1.sizes, ntlm: ntlm.sizes } }
    : {
        list: 0,
        offset: 0,
        line: 0,
        lines: 0,
        sizes: { sha1: sha1.sizes, ntlm: ntlm.sizes },
        done: false,
      };
  const bytesTotal = lists.reduce((sum, l) => sum + l.size, 0);
  let bytesBefore = 0;
  for (let i = 0; i < state.list; i++) bytesBefore += lists[i]!.size;
  pacer.save = () => {
    sha1.flush();
    ntlm.flush();
    opts.onSave({ ...state, sizes: { sha1: [...sha1.sizes], ntlm: [...ntlm.sizes] } });
  };
  const buf = Buffer.allocUnsafe(READ_BYTES);
  for (; state.list < lists.length; state.list++, state.offset = 0, state.line = 0) {
    const list = lists[state.list]!;
    pacer.progress = () => ({
      phase: 'hash-lists',
      file: list.name,
      bytesRead: bytesBefore + state.offset,
      bytesTotal,
      lines: state.lines,
      entriesWritten: 0,
    });
    const fd = openSync(list.path, 'r');
    try {
      let bufStart = state.offset;
      let end = 0;
      let pos = 0;
      let eof = false;
      let sinceTick = 0;
      for (;;) {
        let nl = buf.indexOf(LF, pos);
        if (nl < 0 || nl >= end) nl = -1;
        if (nl < 0 && !eof) {
          // Keep the partial line, read more behind it.
          buf.copyWithin(0, pos, end);
          bufStart += pos;
          end -= pos;
          pos = 0;
          if (end === buf.length) {
            throw new CorpusInputError(
              `${list.name}: line ${state.line + 1}: longer than ${READ_BYTES} bytes; is this a password list?`,
            );
          }
          const n = readSync(fd, buf, end, buf.length - end, bufStart + end);
          if (n === 0) eof = true;
          end += n;
          continue;
        }
        if (pos >= end) break;
        const lineEnd = nl < 0 ? end : nl;
        let textEnd = lineEnd;
        if (textEnd > pos && buf[textEnd - 1] === CR) textEnd--;
        let textStart = pos;
        if (bufStart + pos === 0 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
          textStart = Math.min(3, textEnd);
        }
        pos = nl < 0 ? end : nl + 1;
        state.line++;
        if (textEnd > textStart) {
          const bytes = buf.subarray(textStart, textEnd);
          sha1.add(hash('sha1', bytes, 'buffer'));
          ntlm.add(ntlmHash(bytes.toString('utf8')));
          state.lines++;
        }
        if (++sinceTick === LINES_PER_TICK) {
          sinceTick = 0;
          state.offset = bufStart + pos;
          await pacer.tick();
        }
      }
      state.offset = bufStart + end;
    } finally {
      closeSync(fd);
    }
    bytesBefore += list.size;
  }
  sha1.flush();
  ntlm.flush();
  state.done = true;
  return { ...state, sizes: { sha1: [...sha1.sizes], ntlm: [...ntlm.sizes] } };
}

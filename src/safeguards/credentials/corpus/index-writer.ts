import { closeSync, fdatasyncSync, fsyncSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import type { CorpusKind } from '../../../api-types.ts';
import {
  BUCKETS,
  FORMAT_VERSION,
  KEY_START,
  MAGIC,
  bucketOf,
  hashBytesOf,
  keyBytesOf,
  writeVarint,
  type IndexMeta,
} from './index-format.ts';

const BUFFER_BYTES = 4 << 20;
/**
 * Counts saturate here so that count * 16 + nibble stays an exact float64 integer (2^53). The
 * largest real count is about 4.2 * 10^7; only absurd merged inputs could get near.
 */
export const MAX_COUNT = 2 ** 48;
/** Longest entry: a varint of up to 2^53 * 16 (8 bytes) plus 17 key bytes, rounded up. */
const MAX_ENTRY_BYTES = 32;

/** Where an interrupted write stopped: enough to append to the partial file. */
export interface WriterState {
  /** File bytes that hold finished buckets (magic included). */
  bytesWritten: number;
  entries: number;
  /** Byte length of every bucket written so far (later ones 0). */
  bucketLengths: Uint32Array;
}

/**
 * Streams sorted entries into an index file (layout in index-format.ts). Equal keys in a row are
 * summed, so merged sources and compact fingerprints that coincide become one entry. The caller
 * adds entries in ascending order and calls endBatch() at bucket boundaries it may resume from.
 */
export class IndexWriter {
  readonly kind: CorpusKind;
  readonly compact: boolean;
  readonly keyBytes: number;
  entries: number;
  bytesWritten: number;
  readonly bucketLengths: Uint32Array;
  private readonly compareBytes: number;
  private readonly fd: number;
  private readonly buf = Buffer.allocUnsafe(BUFFER_BYTES);
  private bufPos = 0;
  private readonly pending: Uint8Array;
  private pendingCount = 0;
  private hasPending = false;

  /** Starts `path` afresh, or appends to it after `resume` (truncating anything past it). */
  constructor(path: string, kind: CorpusKind, compact: boolean, resume?: WriterState) {
    this.kind = kind;
    this.compact = compact;
    this.keyBytes = keyBytesOf(kind, compact);
    this.compareBytes = KEY_START + this.keyBytes;
    this.pending = new Uint8Array(hashBytesOf(kind));
    this.bucketLengths = new Uint32Array(BUCKETS);
    if (resume) {
      this.fd = openSync(path, 'r+');
      ftruncateSync(this.fd, resume.bytesWritten);
      this.bytesWritten = resume.bytesWritten;
      this.entries = resume.entries;
      this.bucketLengths.set(resume.bucketLengths);
    } else {
      this.fd = openSync(path, 'w');
      writeSync(this.fd, MAGIC, 0, MAGIC.length, 0);
      this.bytesWritten = MAGIC.length;
      this.entries = 0;
    }
  }

  /** Adds the hash at keys[offset] seen `count` times; keys must not decrease. */
  add(keys: Uint8Array, offset: number, count: number): void {
    const p = this.pending;
    const n = this.compareBytes;
    if (this.hasPending) {
      let i = 0;
      while (i < n && p[i] === keys[offset + i]) i++;
      if (i === n) {
        this.pendingCount += count;
        return;
      }
      if (p[i]! > keys[offset + i]!) {
        throw new Error(`${this.kind} index writer: entries arrived out of order`);
      }
      this.emitPending();
    }
    for (let i = 0; i < n; i++) p[i] = keys[offset + i]!;
    this.pendingCount = count;
    this.hasPending = true;
  }

  /** Writes the held entry; call when no later entry can be equal (a bucket boundary). */
  endBatch(): void {
    if (this.hasPending) this.emitPending();
    this.hasPending = false;
  }

  /** Everything added so far is on disk (and, with `durable`, survives a power cut). */
  flush(durable: boolean): WriterState {
    this.endBatch();
    this.flushBuffer();
    if (durable) fdatasyncSync(this.fd);
    return {
      bytesWritten: this.bytesWritten,
      entries: this.entries,
      bucketLengths: this.bucketLengths,
    };
  }

  /** Appends fence, metadata and trailer, syncs and closes; returns the metadata written. */
  finish(info: { sources: string[]; importedAt: string }): IndexMeta {
    this.endBatch();
    this.flushBuffer();
    const dataOffset = MAGIC.length;
    const fenceOffset = this.bytesWritten;
    for (let b = 0; b < BUCKETS; b++) {
      if (this.bufPos + 8 > this.buf.length) this.flushBuffer();
      this.bufPos = writeVarint(this.buf, this.bufPos, this.bucketLengths[b]!);
    }
    this.flushBuffer();
    const meta: IndexMeta = {
      format: 'ward-pwned-passwords-index',
      version: FORMAT_VERSION,
      kind: this.kind,
      compact: this.compact,
      hashBytes: hashBytesOf(this.kind),
      keyBytes: this.keyBytes,
      entries: this.entries,
      dataOffset,
      dataBytes: fenceOffset - dataOffset,
      fenceOffset,
      fenceBytes: this.bytesWritten - fenceOffset,
      sources: info.sources,
      importedAt: info.importedAt,
    };
    const json = Buffer.from(JSON.stringify(meta), 'utf8');
    const tail = Buffer.alloc(json.length + 4 + MAGIC.length);
    json.copy(tail, 0);
    tail.writeUInt32LE(json.length, json.length);
    MAGIC.copy(tail, json.length + 4);
    this.writeAt(tail, tail.length);
    fsyncSync(this.fd);
    closeSync(this.fd);
    return meta;
  }

  /** Closes without finishing (the partial file stays for a resume). */
  close(): void {
    closeSync(this.fd);
  }

  private emitPending(): void {
    const count = Math.min(this.pendingCount, MAX_COUNT);
    if (count === 0) return;
    if (this.bufPos + MAX_ENTRY_BYTES > this.buf.length) this.flushBuffer();
    const p = this.pending;
    const buf = this.buf;
    const start = this.bufPos;
    let pos = writeVarint(buf, start, count * 16 + (p[2]! & 15));
    const k = this.keyBytes;
    for (let i = 0; i < k; i++) buf[pos + i] = p[KEY_START + i]!;
    pos += k;
    const bucket = bucketOf(p, 0);
    this.bucketLengths[bucket] = this.bucketLengths[bucket]! + pos - start;
    this.bufPos = pos;
    this.entries++;
  }

  private flushBuffer(): void {
    if (this.bufPos === 0) return;
    this.writeAt(this.buf, this.bufPos);
    this.bufPos = 0;
  }

  private writeAt(buf: Buffer, length: number): void {
    let done = 0;
    while (done < length) {
      done += writeSync(this.fd, buf, done, length - done, this.bytesWritten + done);
    }
    this.bytesWritten += length;
  }
}

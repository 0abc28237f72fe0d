import { basename } from 'node:path';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { CorpusKind } from '../../../api-types.ts';
import {
  BUCKETS,
  FORMAT_VERSION,
  HEX_DIGIT,
  HEX_PAIR,
  KEY_START,
  MAGIC,
  bucketOf,
  type IndexMeta,
} from './index-format.ts';

/** One row of a range response: the hash minus its 5-hex prefix, and its count. */
export interface RangeRow {
  suffix: string;
  count: number;
}

/** One opened index (SHA-1 or NTLM). Lookups read one bucket with one positioned read. */
export interface CorpusIndex {
  readonly kind: CorpusKind;
  readonly entries: number;
  readonly compact: boolean;
  /** Size of the index file. */
  readonly bytes: number;
  readonly importedAt: string;
  readonly sources: readonly string[];
  /** Times this digest (20 bytes SHA-1, 16 bytes NT hash) was seen; 0 when absent. */
  count(digest: Uint8Array): number;
  /** The hashes starting with a 5-hex prefix, ascending, as api.pwnedpasswords.com lists them. */
  range(prefix: string): RangeRow[];
}

const PREFIX = /^[0-9A-Fa-f]{5}$/;

/**
 * An index file opened for reading: the metadata and the fence (bucket offsets, 8 MiB as
 * float64 because offsets pass 4 GiB) stay in memory, buckets are read on demand.
 */
export class IndexFile implements CorpusIndex {
  readonly path: string;
  readonly meta: IndexMeta;
  readonly bytes: number;
  /** Byte offset of every bucket in the file, plus the end of the data. */
  readonly fence: Float64Array;
  private readonly fd: number;
  private buf = Buffer.allocUnsafe(64 << 10);
  private closed = false;

  constructor(path: string) {
    this.path = path;
    this.fd = openSync(path, 'r');
    try {
      this.bytes = fstatSync(this.fd).size;
      this.meta = this.readMeta();
      this.fence = this.readFence();
    } catch (err) {
      closeSync(this.fd);
      throw err;
    }
  }

  get kind(): CorpusKind {
    return this.meta.kind;
  }
  get entries(): number {
    return this.meta.entries;
  }
  get compact(): boolean {
    return this.meta.compact;
  }
  get importedAt(): string {
    return this.meta.importedAt;
  }
  get sources(): readonly string[] {
    return this.meta.sources;
  }

  count(digest: Uint8Array): number {
    const { hashBytes, keyBytes } = this.meta;
    if (digest.length !== hashBytes) {
      throw new Error(
        `${this.meta.kind} corpus lookup: expected a ${hashBytes}-byte digest, got ${digest.length} bytes`,
      );
    }
    const bucket = bucketOf(digest, 0);
    const start = this.fence[bucket]!;
    const length = this.fence[bucket + 1]! - start;
    if (length === 0) return 0;
    const buf = this.read(start, length);
    const nibble = digest[2]! & 15;
    let p = 0;
    while (p < length) {
      let v = buf[p++]!;
      if (v >= 128) {
        let shift = 128;
        v -= 128;
        let b: number;
        do {
          b = buf[p++]!;
          v += (b & 127) * shift;
          shift *= 128;
        } while (b >= 128);
      }
      const entryNibble = v % 16;
      if (entryNibble < nibble) {
        p += keyBytes;
        continue;
      }
      if (entryNibble > nibble) return 0;
      let i = 0;
      while (i < keyBytes && buf[p + i] === digest[KEY_START + i]) i++;
      if (i === keyBytes) return (v - entryNibble) / 16;
      if (buf[p + i]! > digest[KEY_START + i]!) return 0;
      p += keyBytes;
    }
    return 0;
  }

  range(prefix: string): RangeRow[] {
    if (!PREFIX.test(prefix)) {
      throw new Error(`range: the prefix must be 5 hex digits, got ${JSON.stringify(prefix)}`);
    }
    if (this.meta.compact) {
      throw new Error(
        `${basename(this.path)}: this corpus was imported with --compact (fingerprints only); re-import without it to serve the range API`,
      );
    }
    const bucket = Number.parseInt(prefix, 16);
    const rows: RangeRow[] = [];
    this.forEachEntry(bucket, (buf, keyAt, nibble, count) => {
      let suffix = HEX_DIGIT[nibble]!;
      for (let i = 0; i < this.meta.keyBytes; i++) suffix += HEX_PAIR[buf[keyAt + i]!]!;
      rows.push({ suffix, count });
    });
    return rows;
  }

  /** Calls `visit` for each entry of one bucket with where its key bytes sit in `buf`. */
  forEachEntry(
    bucket: number,
    visit: (buf: Buffer, keyAt: number, nibble: number, count: number) => void,
  ): void {
    const start = this.fence[bucket]!;
    const length = this.fence[bucket + 1]! - start;
    if (length === 0) return;
    const buf = this.read(start, length);
    decodeEntries(buf, 0, length, this.meta.keyBytes, visit);
  }

  private copy(position: number, length: number): Buffer {
    return Buffer.from(this.read(position, length).subarray(0, length));
  }

  /** `length` bytes at file offset `position`, at the start of a buffer the next read reuses. */
  read(position: number, length: number): Buffer {
    if (this.closed)
      throw new Error(`${this.path}: the index was closed (a newer import replaced it)`);
    if (this.buf.length < length)
      this.buf = Buffer.allocUnsafe(Math.max(length, this.buf.length * 2));
    let done = 0;
    while (done < length) {
      const n = readSync(this.fd, this.buf, done, length - done, position + done);
      if (n === 0) throw new Error(`${this.path}: the file ends early (truncated index)`);
      done += n;
    }
    return this.buf;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }

  private readMeta(): IndexMeta {
    const name = basename(this.path);
    const bad = (why: string) =>
      new Error(`${name}: not a Ward corpus index (${why}); re-import it`);
    const trailer = MAGIC.length + 4;
    if (this.bytes < MAGIC.length + trailer) throw bad('file too short');
    const head = this.copy(0, MAGIC.length);
    if (!head.equals(MAGIC)) throw bad('bad magic at the start');
    const tail = this.copy(this.bytes - trailer, trailer);
    if (!tail.subarray(4).equals(MAGIC)) throw bad('bad magic at the end: an unfinished write?');
    const metaLength = tail.readUInt32LE(0);
    if (metaLength > this.bytes - trailer - MAGIC.length) throw bad('metadata length out of range');
    const json = this.copy(this.bytes - trailer - metaLength, metaLength).toString('utf8');
    let meta: IndexMeta;
    try {
      meta = JSON.parse(json) as IndexMeta;
    } catch {
      throw bad('metadata is not JSON');
    }
    if (meta.format !== 'ward-pwned-passwords-index') throw bad('unknown format');
    if (meta.version !== FORMAT_VERSION) {
      throw new Error(
        `${name}: index format version ${meta.version}, this Ward reads version ${FORMAT_VERSION}; re-import the corpus`,
      );
    }
    return meta;
  }

  private readFence(): Float64Array {
    const { fenceOffset, fenceBytes, dataOffset, dataBytes } = this.meta;
    const raw = this.copy(fenceOffset, fenceBytes);
    const fence = new Float64Array(BUCKETS + 1);
    let offset = dataOffset;
    let p = 0;
    for (let b = 0; b < BUCKETS; b++) {
      fence[b] = offset;
      let v = 0;
      let shift = 1;
      let byte: number;
      do {
        byte = raw[p++]!;
        v += (byte & 127) * shift;
        shift *= 128;
      } while (byte >= 128);
      offset += v;
    }
    fence[BUCKETS] = offset;
    if (p !== fenceBytes || offset !== dataOffset + dataBytes) {
      throw new Error(
        `${basename(this.path)}: the bucket table does not match the data; re-import`,
      );
    }
    return fence;
  }
}

/** Decodes the entries in buf[start, end): varint(count * 16 + nibble), then the key bytes. */
export function decodeEntries(
  buf: Buffer,
  start: number,
  end: number,
  keyBytes: number,
  visit: (buf: Buffer, keyAt: number, nibble: number, count: number) => void,
): void {
  let p = start;
  while (p < end) {
    let v = buf[p++]!;
    if (v >= 128) {
      let shift = 128;
      v -= 128;
      let b: number;
      do {
        b = buf[p++]!;
        v += (b & 127) * shift;
        shift *= 128;
      } while (b >= 128);
    }
    const nibble = v % 16;
    visit(buf, p, nibble, (v - nibble) / 16);
    p += keyBytes;
  }
}

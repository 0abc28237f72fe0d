import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { CorpusKind } from '../../../api-types.ts';
import type { EntryBatch } from './entry-batch.ts';
import type { EntrySource, SourcePosition } from './entry-source.ts';
import { HEX_VALUE, hashBytesOf } from './index-format.ts';

const READ_BYTES = 4 << 20;
/** Room for the longest valid line (40 hex, colon, 14 digits, CRLF) with margin. */
const MAX_LINE = 128;
const LF = 10;
const CR = 13;
const COLON = 58;

/** A problem in an input file, reported with the file and line it sits on. */
export class CorpusInputError extends Error {
  override name = 'CorpusInputError';
}

/**
 * Streams a Pwned Passwords download (`HASH:COUNT`, sorted by hash, CRLF or LF) straight into
 * entry batches: hex goes through a lookup table over the raw bytes, never through a string
 * per line. Lines with count 0 are the range API's padding rows and are skipped.
 */
export class HibpTextSource implements EntrySource {
  readonly bytesTotal: number;
  private readonly name: string;
  private readonly kind: CorpusKind;
  private readonly hashBytes: number;
  private readonly fd: number;
  private readonly buf = Buffer.allocUnsafe(READ_BYTES);
  /** File offset of buf[0]. */
  private bufStart: number;
  private pos = 0;
  private end = 0;
  private eof = false;
  private line: number;
  private lines: number;
  private readonly prev: Uint8Array;
  private hasPrev = false;

  /** `name` is how errors refer to the file (the path as the user gave it). */
  constructor(path: string, name: string, kind: CorpusKind, from?: SourcePosition) {
    this.name = name;
    this.kind = kind;
    this.hashBytes = hashBytesOf(kind);
    this.prev = new Uint8Array(this.hashBytes);
    this.fd = openSync(path, 'r');
    this.bytesTotal = fstatSync(this.fd).size;
    this.bufStart = from?.offset ?? 0;
    this.line = from?.line ?? 0;
    this.lines = from?.lines ?? 0;
    this.refill();
    // A UTF-8 byte order mark from an editor; the downloader writes none.
    if (
      this.bufStart === 0 &&
      this.buf[0] === 0xef &&
      this.buf[1] === 0xbb &&
      this.buf[2] === 0xbf
    ) {
      this.pos = 3;
    }
  }

  position(): SourcePosition {
    return { offset: this.bufStart + this.pos, line: this.line, lines: this.lines };
  }

  bytesRead(): number {
    return this.bufStart + this.pos;
  }

  close(): void {
    closeSync(this.fd);
  }

  fill(endBucket: number, batch: EntryBatch): void {
    const buf = this.buf;
    const h = this.hashBytes;
    const hexLength = 2 * h;
    let pos = this.pos;
    let end = this.end;
    const first = batch.length;
    let n = first;
    let capacity = batch.counts.length;
    let keys = batch.keys;
    let counts = batch.counts;
    for (;;) {
      if (end - pos < MAX_LINE && !this.eof) {
        this.pos = pos;
        this.refill();
        pos = this.pos;
        end = this.end;
      }
      if (pos >= end) break;
      const c0 = buf[pos]!;
      if (c0 === LF) {
        pos++;
        this.line++;
        continue;
      }
      if (c0 === CR && pos + 1 < end && buf[pos + 1] === LF) {
        pos += 2;
        this.line++;
        continue;
      }
      if (end - pos < hexLength + 2) this.fail('expected HASH:COUNT');
      const d0 = HEX_VALUE[c0]!;
      const d1 = HEX_VALUE[buf[pos + 1]!]!;
      const d2 = HEX_VALUE[buf[pos + 2]!]!;
      const d3 = HEX_VALUE[buf[pos + 3]!]!;
      const d4 = HEX_VALUE[buf[pos + 4]!]!;
      if ((d0 | d1 | d2 | d3 | d4) < 0) this.fail('expected HASH:COUNT');
      const bucket = (d0 << 16) | (d1 << 12) | (d2 << 8) | (d3 << 4) | d4;
      if (bucket >= endBucket) break;
      if (n === capacity) {
        batch.length = n;
        batch.reserve(1);
        keys = batch.keys;
        counts = batch.counts;
        capacity = counts.length;
      }
      const o = n * h;
      let bad = 0;
      for (let j = 0, q = pos; j < h; j++, q += 2) {
        const hi = HEX_VALUE[buf[q]!]!;
        const lo = HEX_VALUE[buf[q + 1]!]!;
        bad |= hi | lo;
        keys[o + j] = (hi << 4) | lo;
      }
      let q = pos + hexLength;
      if (bad < 0 || buf[q] !== COLON) this.fail(`expected HASH:COUNT`);
      q++;
      let count = 0;
      const digitsStart = q;
      while (q < end) {
        const d = buf[q]! - 48;
        if (d < 0 || d > 9) break;
        count = count * 10 + d;
        q++;
      }
      const digits = q - digitsStart;
      if (digits === 0 || digits > 14) {
        this.fail('expected HASH:COUNT (the count must be 1 to 14 digits)');
      }
      if (q < end) {
        const c = buf[q]!;
        if (c === LF) q++;
        else if (c === CR && q + 1 < end && buf[q + 1] === LF) q += 2;
        // A lone CR can only be the last byte of the file (MAX_LINE bytes are buffered otherwise).
        else if (c === CR && q + 1 === end) q++;
        else this.fail('expected HASH:COUNT');
      }
      // Sorted input is what lets the import stream; a disorder means a damaged or edited file.
      const prevKeys = n > first ? keys : this.prev;
      const prevAt = n > first ? o - h : 0;
      if (n > first || this.hasPrev) {
        let j = 0;
        while (j < h && prevKeys[prevAt + j] === keys[o + j]) j++;
        if (j < h && prevKeys[prevAt + j]! > keys[o + j]!) this.failUnsorted(keys, o);
      }
      this.line++;
      this.lines++;
      pos = q;
      if (count === 0) continue;
      counts[n] = count;
      n++;
    }
    this.pos = pos;
    if (n > first) {
      this.prev.set(keys.subarray((n - 1) * h, n * h));
      this.hasPrev = true;
    }
    batch.length = n;
  }

  private refill(): void {
    const buf = this.buf;
    const keep = this.end - this.pos;
    if (keep > 0 && this.pos > 0) buf.copyWithin(0, this.pos, this.end);
    this.bufStart += this.pos;
    this.pos = 0;
    this.end = keep;
    while (this.end < buf.length) {
      const n = readSync(this.fd, buf, this.end, buf.length - this.end, this.bufStart + this.end);
      if (n === 0) {
        this.eof = true;
        break;
      }
      this.end += n;
    }
  }

  private fail(what: string): never {
    const hex = this.kind === 'sha1' ? '40-hex SHA-1' : '32-hex NTLM';
    throw new CorpusInputError(
      `${this.name}: line ${this.line + 1}: ${what} (a ${hex} hash, a colon, a count)`,
    );
  }

  private failUnsorted(keys: Uint8Array, at: number): never {
    const shown = Buffer.from(keys.subarray(at, at + 5))
      .toString('hex')
      .toUpperCase();
    throw new CorpusInputError(
      `${this.name}: line ${this.line + 1}: not sorted: hash ${shown}... sorts before the line above it. ` +
        'Pwned Passwords files are sorted by hash and the import relies on it; re-download the file or sort it',
    );
  }
}

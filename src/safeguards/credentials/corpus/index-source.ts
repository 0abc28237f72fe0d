import type { IndexFile } from './corpus-index.ts';
import type { EntryBatch } from './entry-batch.ts';
import type { EntrySource, SourcePosition } from './entry-source.ts';
import { KEY_START } from './index-format.ts';

/**
 * The current index as a merge input, so that an import adds to what is there. Entries come
 * back as hashes with the bucket bits restored; a compact index yields its fingerprints with
 * the missing bytes zero, which sorts them first among hashes that share the fingerprint.
 */
export class IndexSource implements EntrySource {
  readonly bytesTotal: number;
  private readonly file: IndexFile;
  private bucket: number;

  constructor(file: IndexFile, startBucket: number) {
    this.file = file;
    this.bucket = startBucket;
    this.bytesTotal = file.meta.dataBytes;
  }

  position(): SourcePosition {
    return { offset: this.bytesRead(), line: 0, lines: 0 };
  }

  bytesRead(): number {
    return this.file.fence[this.bucket]! - this.file.meta.dataOffset;
  }

  close(): void {
    // The file belongs to the caller, which also serves lookups from it.
  }

  fill(endBucket: number, batch: EntryBatch): void {
    const fence = this.file.fence;
    const start = fence[this.bucket]!;
    const length = fence[endBucket]! - start;
    if (length > 0) {
      const buf = this.file.read(start, length);
      const { hashBytes, keyBytes } = this.file.meta;
      const tailFrom = KEY_START + keyBytes;
      for (let b = this.bucket; b < endBucket; b++) {
        const bucketEnd = fence[b + 1]! - start;
        let p = fence[b]! - start;
        const b0 = b >> 12;
        const b1 = (b >> 4) & 255;
        const b2 = (b & 15) << 4;
        while (p < bucketEnd) {
          let v = buf[p++]!;
          if (v >= 128) {
            let shift = 128;
            v -= 128;
            let x: number;
            do {
              x = buf[p++]!;
              v += (x & 127) * shift;
              shift *= 128;
            } while (x >= 128);
          }
          const nibble = v % 16;
          if (batch.length === batch.counts.length) batch.reserve(1);
          const keys = batch.keys;
          const o = batch.length * hashBytes;
          keys[o] = b0;
          keys[o + 1] = b1;
          keys[o + 2] = b2 | nibble;
          for (let i = 0; i < keyBytes; i++) keys[o + KEY_START + i] = buf[p + i]!;
          for (let i = tailFrom; i < hashBytes; i++) keys[o + i] = 0;
          p += keyBytes;
          batch.counts[batch.length++] = (v - nibble) / 16;
        }
      }
    }
    this.bucket = endBucket;
  }
}

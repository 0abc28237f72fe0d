/**
 * A growable run of sorted (hash, count) entries from one source, for the buckets of one merge
 * step. Hashes sit back to back in `keys` (hashBytes each) so that parsing and merging touch
 * typed arrays only, never one object per entry.
 */
export class EntryBatch {
  readonly hashBytes: number;
  keys: Uint8Array;
  counts: Float64Array;
  length = 0;

  constructor(hashBytes: number, capacity = 4096) {
    this.hashBytes = hashBytes;
    this.keys = new Uint8Array(capacity * hashBytes);
    this.counts = new Float64Array(capacity);
  }

  clear(): void {
    this.length = 0;
  }

  /** Makes room for `extra` more entries. */
  reserve(extra: number): void {
    const need = this.length + extra;
    if (need <= this.counts.length) return;
    let capacity = this.counts.length * 2;
    while (capacity < need) capacity *= 2;
    const keys = new Uint8Array(capacity * this.hashBytes);
    keys.set(this.keys.subarray(0, this.length * this.hashBytes));
    const counts = new Float64Array(capacity);
    counts.set(this.counts.subarray(0, this.length));
    this.keys = keys;
    this.counts = counts;
  }

  push(keys: Uint8Array, offset: number, count: number): void {
    if (this.length === this.counts.length) this.reserve(1);
    const h = this.hashBytes;
    const out = this.keys;
    const o = this.length * h;
    for (let i = 0; i < h; i++) out[o + i] = keys[offset + i]!;
    this.counts[this.length++] = count;
  }
}

/** Byte-wise comparison of two hashes of `length` bytes: negative, 0 or positive. */
export function compareKeys(
  a: Uint8Array,
  aOffset: number,
  b: Uint8Array,
  bOffset: number,
  length: number,
): number {
  for (let i = 0; i < length; i++) {
    const d = a[aOffset + i]! - b[bOffset + i]!;
    if (d !== 0) return d;
  }
  return 0;
}

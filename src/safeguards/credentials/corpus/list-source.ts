import { readFileSync, statSync } from 'node:fs';
import type { CorpusKind } from '../../../api-types.ts';
import { compareKeys, EntryBatch } from './entry-batch.ts';
import type { EntrySource, SourcePosition } from './entry-source.ts';
import { BUCKETS, bucketOf, hashBytesOf } from './index-format.ts';
import { PARTITIONS, partitionPath } from './list-hasher.ts';

const BUCKETS_PER_PARTITION = BUCKETS / PARTITIONS;

/**
 * The hashed password lists of one kind as a sorted source: partition files are loaded one at a
 * time as the merge reaches their buckets, sorted, and duplicates summed (a password listed
 * three times counts 3).
 */
export class ListSource implements EntrySource {
  readonly bytesTotal: number;
  private readonly dir: string;
  private readonly kind: CorpusKind;
  private readonly hashBytes: number;
  private readonly partitionBytes: number[];
  private bucket: number;
  private loaded = -1;
  private sorted: EntryBatch;
  private next = 0;

  constructor(dir: string, kind: CorpusKind, startBucket: number) {
    this.dir = dir;
    this.kind = kind;
    this.hashBytes = hashBytesOf(kind);
    this.bucket = startBucket;
    this.sorted = new EntryBatch(this.hashBytes, 1);
    this.partitionBytes = Array.from(
      { length: PARTITIONS },
      (_, p) => statSync(partitionPath(dir, kind, p)).size,
    );
    this.bytesTotal = this.partitionBytes.reduce((a, b) => a + b, 0);
  }

  position(): SourcePosition {
    return { offset: this.bytesRead(), line: 0, lines: 0 };
  }

  bytesRead(): number {
    let sum = 0;
    const done = Math.floor(this.bucket / BUCKETS_PER_PARTITION);
    for (let p = 0; p < done; p++) sum += this.partitionBytes[p]!;
    return sum;
  }

  close(): void {
    this.sorted = new EntryBatch(this.hashBytes, 1);
  }

  fill(endBucket: number, batch: EntryBatch): void {
    const h = this.hashBytes;
    while (this.bucket < endBucket) {
      const partition = Math.floor(this.bucket / BUCKETS_PER_PARTITION);
      if (this.loaded !== partition) this.load(partition);
      const limit = Math.min(endBucket, (partition + 1) * BUCKETS_PER_PARTITION);
      const { keys, counts, length } = this.sorted;
      let i = this.next;
      while (i < length && bucketOf(keys, i * h) < this.bucket) i++;
      while (i < length && bucketOf(keys, i * h) < limit) {
        batch.push(keys, i * h, counts[i]!);
        i++;
      }
      this.next = i;
      this.bucket = limit;
    }
  }

  private load(partition: number): void {
    this.sorted = new EntryBatch(this.hashBytes, 1);
    const raw = readFileSync(partitionPath(this.dir, this.kind, partition));
    this.sorted = sortHashes(raw, this.hashBytes);
    this.loaded = partition;
    this.next = 0;
  }
}

/**
 * Sorts `raw` (hashes back to back) and sums duplicates. A comparator sort over millions of
 * byte strings is slow in JavaScript, so each hash becomes one float64 holding its leading bits
 * (after the partition byte, which all share) above its own index, and the built-in numeric
 * sort orders those; only runs with equal leading bits are then compared byte by byte.
 */
export function sortHashes(raw: Uint8Array, hashBytes: number): EntryBatch {
  const n = Math.floor(raw.length / hashBytes);
  const out = new EntryBatch(hashBytes, Math.max(1, n));
  if (n === 0) return out;
  const indexBits = Math.max(1, Math.ceil(Math.log2(n)));
  const keyBits = 53 - indexBits;
  const indexScale = 2 ** indexBits;
  const order = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * hashBytes;
    const hi = ((raw[o + 1]! << 24) | (raw[o + 2]! << 16) | (raw[o + 3]! << 8) | raw[o + 4]!) >>> 0;
    let lead: number;
    if (keyBits <= 32) {
      lead = Math.floor(hi / 2 ** (32 - keyBits));
    } else {
      const lo = (raw[o + 5]! << 16) | (raw[o + 6]! << 8) | raw[o + 7]!;
      lead = hi * 2 ** (keyBits - 32) + Math.floor(lo / 2 ** (56 - keyBits));
    }
    order[i] = lead * indexScale + i;
  }
  order.sort();
  // Append hash i, or add 1 to the last entry when it is the same hash (a repeated password).
  const append = (i: number) => {
    const o = i * hashBytes;
    const last = out.length - 1;
    if (last >= 0 && compareKeys(out.keys, last * hashBytes, raw, o, hashBytes) === 0) {
      out.counts[last] = out.counts[last]! + 1;
    } else {
      out.push(raw, o, 1);
    }
  };
  const run: number[] = [];
  for (let k = 0; k < n;) {
    const lead = Math.floor(order[k]! / indexScale);
    let end = k + 1;
    while (end < n && Math.floor(order[end]! / indexScale) === lead) end++;
    if (end === k + 1) {
      append(order[k]! - lead * indexScale);
    } else {
      // Equal leading bits: the same password, or (rarely) different hashes to order by bytes.
      run.length = 0;
      for (let r = k; r < end; r++) run.push(order[r]! - lead * indexScale);
      run.sort((a, b) => compareKeys(raw, a * hashBytes, raw, b * hashBytes, hashBytes));
      for (const i of run) append(i);
    }
    k = end;
  }
  return out;
}

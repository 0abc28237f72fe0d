import { compareKeys, type EntryBatch } from './entry-batch.ts';
import type { IndexWriter } from './index-writer.ts';

/**
 * K-way merge of one bucket range from every source into the writer, which sums equal hashes
 * (a password in both the HIBP file and the local list counts both). k is small (the files of
 * one import plus the current index), so picking the least head by a scan beats a heap.
 */
export function mergeBatches(batches: EntryBatch[], writer: IndexWriter): void {
  const only = batches.length === 1 ? batches[0] : undefined;
  if (only) {
    const h = only.hashBytes;
    const { keys, counts } = only;
    for (let i = 0, n = only.length; i < n; i++) writer.add(keys, i * h, counts[i]!);
    return;
  }
  if (batches.length === 2) {
    mergeTwo(batches[0]!, batches[1]!, writer);
    return;
  }
  const heads = new Array<number>(batches.length).fill(0);
  for (;;) {
    let best: EntryBatch | undefined;
    let bestSource = -1;
    for (let s = 0; s < batches.length; s++) {
      const batch = batches[s]!;
      const at = heads[s]!;
      if (at >= batch.length) continue;
      const h = batch.hashBytes;
      if (!best || compareKeys(batch.keys, at * h, best.keys, heads[bestSource]! * h, h) < 0) {
        best = batch;
        bestSource = s;
      }
    }
    if (!best) return;
    const at = heads[bestSource]!;
    writer.add(best.keys, at * best.hashBytes, best.counts[at]!);
    heads[bestSource] = at + 1;
  }
}

/** The common case (one download merged into the current index), without the general loop. */
function mergeTwo(a: EntryBatch, b: EntryBatch, writer: IndexWriter): void {
  const h = a.hashBytes;
  const ka = a.keys;
  const kb = b.keys;
  const na = a.length;
  const nb = b.length;
  let i = 0;
  let j = 0;
  while (i < na && j < nb) {
    const oa = i * h;
    const ob = j * h;
    let d = 0;
    for (let x = 0; x < h && d === 0; x++) d = ka[oa + x]! - kb[ob + x]!;
    if (d <= 0) writer.add(ka, oa, a.counts[i++]!);
    else writer.add(kb, ob, b.counts[j++]!);
  }
  for (; i < na; i++) writer.add(ka, i * h, a.counts[i]!);
  for (; j < nb; j++) writer.add(kb, j * h, b.counts[j]!);
}

import { hash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { CorpusKind } from '../../../api-types.ts';
import { ntlmHash } from '../hashing/ntlm.ts';
import { compareKeys } from './entry-batch.ts';
import { BUCKETS, HEX_DIGIT, hashBytesOf, indexFileName } from './index-format.ts';
import { IndexWriter } from './index-writer.ts';

/** A password to plant in a generated corpus with its real hash. */
export interface PlantedPassword {
  password: string;
  count: number;
}

export interface SyntheticOptions {
  kind: CorpusKind;
  seed: number;
  passwords?: PlantedPassword[];
}

/**
 * Writes a sorted Pwned Passwords file of `lines` lines for tests and benchmarks: random hashes
 * (the same for the same seed) with the planted passwords' real hashes in their sorted places,
 * and counts spread like the real ones (most 1 to 10, a long tail into the millions).
 */
export function writeHibpFile(
  path: string,
  opts: SyntheticOptions & { lines: number; crlf?: boolean },
): { lines: number; bytes: number } {
  const h = hashBytesOf(opts.kind);
  const eol = opts.crlf ? '\r\n' : '\n';
  const out = Buffer.allocUnsafe(4 << 20);
  const hexCodes = Buffer.from(HEX_DIGIT, 'latin1');
  const digits = new Uint8Array(20);
  let pos = 0;
  let written = 0;
  const fd = openSync(path, 'w');
  const flush = () => {
    let done = 0;
    while (done < pos) done += writeSync(fd, out, done, pos - done);
    written += pos;
    pos = 0;
  };
  try {
    let lines = 0;
    generateEntries(opts.kind, opts.lines, opts.seed, opts.passwords ?? [], (key, count) => {
      if (pos + 128 > out.length) flush();
      for (let i = 0; i < h; i++) {
        const b = key[i]!;
        out[pos++] = hexCodes[b >> 4]!;
        out[pos++] = hexCodes[b & 15]!;
      }
      out[pos++] = 58;
      let n = 0;
      let c = count;
      do {
        digits[n++] = 48 + (c % 10);
        c = Math.floor(c / 10);
      } while (c > 0);
      while (n > 0) out[pos++] = digits[--n]!;
      if (eol.length === 2) out[pos++] = 13;
      out[pos++] = 10;
      lines++;
    });
    flush();
    return { lines, bytes: written };
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes `<dir>/<kind>.idx` straight from generated entries, without a text file, so a bench can
 * build a corpus of 10^8 hashes in seconds. Same entries as writeHibpFile for the same options.
 */
export function buildSyntheticIndex(
  dir: string,
  opts: SyntheticOptions & { entries: number; compact?: boolean },
): { entries: number; bytes: number } {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, indexFileName(opts.kind));
  const partial = `${path}.synthetic`;
  const writer = new IndexWriter(partial, opts.kind, opts.compact ?? false);
  try {
    generateEntries(opts.kind, opts.entries, opts.seed, opts.passwords ?? [], (key, count) =>
      writer.add(key, 0, count),
    );
  } catch (err) {
    writer.close();
    throw err;
  }
  const meta = writer.finish({
    sources: [`synthetic (seed ${opts.seed})`],
    importedAt: new Date().toISOString(),
  });
  renameSync(partial, path);
  return { entries: meta.entries, bytes: statSync(path).size };
}

/**
 * Calls `visit` with `total` entries in ascending hash order (the key buffer is reused). Each
 * bucket gets its share of random hashes: 52 random bits after the bucket are drawn, sorted
 * with the native numeric sort, and the remaining bytes filled at random.
 */
function generateEntries(
  kind: CorpusKind,
  total: number,
  seed: number,
  planted: PlantedPassword[],
  visit: (key: Uint8Array, count: number) => void,
): void {
  const h = hashBytesOf(kind);
  const random = createRandom(seed);
  const plants = plantedKeys(kind, planted);
  const randomTotal = Math.max(0, total - plants.length);
  const key = new Uint8Array(h);
  let scratch = new Float64Array(64);
  let plant = 0;
  for (let b = 0; b < BUCKETS; b++) {
    const n =
      Math.floor(((b + 1) * randomTotal) / BUCKETS) - Math.floor((b * randomTotal) / BUCKETS);
    if (n > scratch.length) scratch = new Float64Array(n * 2);
    const values = scratch.subarray(0, n);
    for (let i = 0; i < n; i++) values[i] = (random() >>> 12) * 2 ** 32 + random();
    values.sort();
    for (let i = 1; i < n; i++) {
      if (values[i]! <= values[i - 1]!) values[i] = values[i - 1]! + 1;
    }
    key[0] = b >> 12;
    key[1] = (b >> 4) & 255;
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      const high = Math.floor(v / 2 ** 24);
      const low = v - high * 2 ** 24;
      key[2] = ((b & 15) << 4) | Math.min(15, Math.floor(high / 2 ** 24));
      key[3] = (high >> 16) & 255;
      key[4] = (high >> 8) & 255;
      key[5] = high & 255;
      key[6] = low >> 16;
      key[7] = (low >> 8) & 255;
      key[8] = low & 255;
      for (let j = 9; j < h; j += 4) {
        const r = random();
        key[j] = r;
        if (j + 1 < h) key[j + 1] = r >>> 8;
        if (j + 2 < h) key[j + 2] = r >>> 16;
        if (j + 3 < h) key[j + 3] = r >>> 24;
      }
      while (plant < plants.length && compareKeys(plants[plant]!.key, 0, key, 0, h) < 0) {
        visit(plants[plant]!.key, plants[plant]!.count);
        plant++;
      }
      visit(key, realisticCount(random()));
    }
    // Planted hashes of this bucket that sort after every random one.
    while (plant < plants.length && bucketOfKey(plants[plant]!.key) <= b) {
      visit(plants[plant]!.key, plants[plant]!.count);
      plant++;
    }
  }
}

function bucketOfKey(key: Uint8Array): number {
  return (key[0]! << 12) | (key[1]! << 4) | (key[2]! >> 4);
}

function plantedKeys(
  kind: CorpusKind,
  planted: PlantedPassword[],
): Array<{ key: Uint8Array; count: number }> {
  const h = hashBytesOf(kind);
  const keys = planted.map((p) => ({
    key:
      kind === 'sha1' ? new Uint8Array(hash('sha1', p.password, 'buffer')) : ntlmHash(p.password),
    count: p.count,
  }));
  keys.sort((a, b) => compareKeys(a.key, 0, b.key, 0, h));
  const merged: typeof keys = [];
  for (const k of keys) {
    const last = merged.at(-1);
    if (last && compareKeys(last.key, 0, k.key, 0, h) === 0) last.count += k.count;
    else merged.push({ ...k });
  }
  return merged;
}

/**
 * Pareto-like counts: P(count >= k) = k^-1.1, capped at 50 million (the real maximum is about
 * 42 million, for "123456"). About 90% of counts are 1 to 7, as in the real files.
 */
function realisticCount(r: number): number {
  const u = (r + 1) / 2 ** 32;
  return Math.min(50_000_000, Math.floor(u ** -0.9));
}

/** sfc32 seeded through splitmix32: fast, deterministic 32-bit random numbers. */
function createRandom(seed: number): () => number {
  let s = seed >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
}

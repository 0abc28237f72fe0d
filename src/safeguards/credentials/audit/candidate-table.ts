// Inverting unsalted hashes by lookup: every candidate (each word in each of its variants) is
// hashed once, and the first 32 bits of its digest go into an open-addressing table with the
// candidate's id. An account is then one probe plus a full-digest check of the few hits, which
// is what makes a 100,000-account NTDS dump take seconds. The default 89,000-word list gives
// about 4.2 million candidates: 2^23 slots of 8 bytes, 67 MB per algorithm, built in about 1.3 s
// for NTLM (pure-JS MD4) and 3 to 5 s for MD5/SHA-* (node:crypto, one call per candidate).
import { hash } from 'node:crypto';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { md4Utf16le } from '../hashing/md4.ts';
import { FORM_COUNT, applyForm, formsFor, suffixesFor } from './candidate-variants.ts';
import type { UnsaltedKind } from './types.ts';
import type { WordIndex } from './word-index.ts';

export interface CandidateTable {
  kind: UnsaltedKind;
  /** Candidates hashed into the table. */
  size: number;
  buildMs: number;
  /** The candidate whose digest is `digest`, if any. */
  find(digest: Uint8Array): string | undefined;
}

const EMPTY = 0xffffffff;
const YIELD_EVERY = 1 << 16;

/** Computes the digest of `text` under `kind` into `out` (which must be large enough). */
export function digestInto(kind: UnsaltedKind, text: string, out: Uint8Array): Uint8Array {
  if (kind === 'ntlm') {
    md4Utf16le(text, out, 0);
    return out.subarray(0, 16);
  }
  const digest = hash(kind, text, 'buffer');
  out.set(digest);
  return out.subarray(0, digest.length);
}

export const DIGEST_SIZE: Record<UnsaltedKind, number> = {
  ntlm: 16,
  md5: 16,
  sha1: 20,
  sha256: 32,
  sha512: 64,
};

const key32 = (d: Uint8Array) => (d[0]! | (d[1]! << 8) | (d[2]! << 16) | (d[3]! << 24)) >>> 0;

function tierOf(index: WordIndex, word: number): 'full' | 'common' | 'rest' {
  const rank = word - index.contextCount;
  if (rank < index.tiers.full) return 'full';
  return rank < index.tiers.full + index.tiers.common ? 'common' : 'rest';
}

/** Rebuilds the text of candidate `id`. */
export function candidateText(index: WordIndex, id: number): string | undefined {
  const perWord = FORM_COUNT * index.suffixes.length;
  const word = Math.floor(id / perWord);
  const variant = id % perWord;
  const form = Math.floor(variant / index.suffixes.length);
  const base = applyForm(index.words[word]!, index.listed[word]!, form);
  return base === undefined ? undefined : base + index.suffixes[variant % index.suffixes.length]!;
}

/** Every candidate of the index as [id, text], word by word. */
export function* candidateIds(index: WordIndex): Generator<[number, string]> {
  const perWord = FORM_COUNT * index.suffixes.length;
  for (let word = 0; word < index.words.length; word++) {
    const lower = index.words[word]!;
    const listed = index.listed[word]!;
    const tier = word < index.contextCount ? 'full' : tierOf(index, word);
    const suffixes = suffixesFor(tier, index.suffixes);
    for (const form of formsFor(tier, lower)) {
      const base = applyForm(lower, listed, form);
      if (base === undefined) continue;
      for (const suffix of suffixes) {
        yield [
          word * perWord + form * index.suffixes.length + suffix,
          base + index.suffixes[suffix]!,
        ];
      }
    }
  }
}

/** The table for `kind`, built on first use and kept with the index. */
export function candidateTable(index: WordIndex, kind: UnsaltedKind): Promise<CandidateTable> {
  let table = index.tables.get(kind);
  if (!table) {
    table = buildCandidateTable(index, kind);
    index.tables.set(kind, table);
  }
  return table;
}

async function buildCandidateTable(index: WordIndex, kind: UnsaltedKind): Promise<CandidateTable> {
  const started = performance.now();
  const scratch = new Uint8Array(64);
  let keys = new Uint32Array(1 << 20);
  let ids = new Uint32Array(1 << 20);
  let count = 0;
  for (const [id, text] of candidateIds(index)) {
    if (count === keys.length) {
      keys = grow(keys);
      ids = grow(ids);
    }
    keys[count] = key32(digestInto(kind, text, scratch));
    ids[count] = id;
    count++;
    if (count % YIELD_EVERY === 0) await yieldToLoop();
  }
  let capacity = 1 << 16;
  while (capacity < count * 1.6) capacity *= 2;
  const mask = capacity - 1;
  const slotKeys = new Uint32Array(capacity);
  const slotIds = new Uint32Array(capacity).fill(EMPTY);
  for (let i = 0; i < count; i++) {
    const key = keys[i]!;
    // The digest's first bits are uniform, so the key itself is a fine slot hash.
    let slot = key & mask;
    while (slotIds[slot] !== EMPTY) slot = (slot + 1) & mask;
    slotKeys[slot] = key;
    slotIds[slot] = ids[i]!;
  }
  const buildMs = performance.now() - started;

  const check = new Uint8Array(64);
  const find = (digest: Uint8Array): string | undefined => {
    const key = key32(digest);
    for (let slot = key & mask; slotIds[slot] !== EMPTY; slot = (slot + 1) & mask) {
      if (slotKeys[slot] !== key) continue;
      const text = candidateText(index, slotIds[slot]!);
      if (text !== undefined && sameBytes(digestInto(kind, text, check), digest)) return text;
    }
    return undefined;
  };
  return { kind, size: count, buildMs, find };
}

function grow(array: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> {
  const bigger = new Uint32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

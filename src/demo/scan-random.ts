// Deterministic randomness for the scan-file generators: the same seed always writes the same
// file, so tests can assert exact contents and demo data is reproducible.

/** A uniform number in [0, 1). */
export type Random = () => number;

/**
 * mulberry32 (Tommy Ettinger's 32-bit generator, public domain): tiny and fast, good enough
 * for test data. Not for anything security-relevant.
 */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Mixes several integers into one 32-bit seed (a murmur3-style finaliser per value), so each
 * host and finding gets its own stream: filtering hosts or dropping findings never shifts the
 * random choices made for the others.
 */
export function mixSeed(...values: number[]): number {
  let h = 0x9e3779b9;
  for (const v of values) {
    h = Math.imul(h ^ (v >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** A number in [0, 1) fixed by the values, for one-off decisions. */
export function unitHash(...values: number[]): number {
  return mixSeed(...values) / 4294967296;
}

/** An integer from min to max inclusive. */
export function intBetween(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function pick<T>(random: Random, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick from an empty list');
  return items[Math.floor(random() * items.length)] as T;
}

/** Picks by weight from [item, weight] pairs. */
export function pickWeighted<T>(random: Random, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let roll = random() * total;
  for (const [item, weight] of items) {
    roll -= weight;
    if (roll < 0) return item;
  }
  return (items.at(-1) as readonly [T, number])[0];
}

/**
 * Up to `count` distinct items, likelier ones first (Efraimidis and Spirakis, "Weighted random
 * sampling with a reservoir", 2006: key = u^(1/w), keep the largest keys).
 */
export function sampleWeighted<T>(
  random: Random,
  items: readonly T[],
  weight: (item: T) => number,
  count: number,
): T[] {
  return items
    .map((item) => ({ item, key: Math.pow(random(), 1 / weight(item)) }))
    .sort((a, b) => b.key - a.key)
    .slice(0, count)
    .map((entry) => entry.item);
}

/** Two hex digits. */
export function hexByte(random: Random): string {
  return Math.floor(random() * 256)
    .toString(16)
    .padStart(2, '0');
}

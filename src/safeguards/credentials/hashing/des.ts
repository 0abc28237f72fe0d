// DES (FIPS 46-3) in plain TypeScript, only for reading hashes others stored: LM hashes and
// traditional crypt(3). Node's OpenSSL 3 keeps single DES ("des-ecb") in the legacy provider, and
// crypt(3) needs the salt to perturb the E expansion, which no library cipher exposes anyway.
// Blocks are two 32-bit halves, bit 1 of the standard being the most significant bit.

const IP = [
  58, 50, 42, 34, 26, 18, 10, 2, 60, 52, 44, 36, 28, 20, 12, 4, 62, 54, 46, 38, 30, 22, 14, 6, 64,
  56, 48, 40, 32, 24, 16, 8, 57, 49, 41, 33, 25, 17, 9, 1, 59, 51, 43, 35, 27, 19, 11, 3, 61, 53,
  45, 37, 29, 21, 13, 5, 63, 55, 47, 39, 31, 23, 15, 7,
];
const P = [
  16, 7, 20, 21, 29, 12, 28, 17, 1, 15, 23, 26, 5, 18, 31, 10, 2, 8, 24, 14, 32, 27, 3, 9, 19, 13,
  30, 6, 22, 11, 4, 25,
];
const PC1 = [
  57, 49, 41, 33, 25, 17, 9, 1, 58, 50, 42, 34, 26, 18, 10, 2, 59, 51, 43, 35, 27, 19, 11, 3, 60,
  52, 44, 36, 63, 55, 47, 39, 31, 23, 15, 7, 62, 54, 46, 38, 30, 22, 14, 6, 61, 53, 45, 37, 29, 21,
  13, 5, 28, 20, 12, 4,
];
const PC2 = [
  14, 17, 11, 24, 1, 5, 3, 28, 15, 6, 21, 10, 23, 19, 12, 4, 26, 8, 16, 7, 27, 20, 13, 2, 41, 52,
  31, 37, 47, 55, 30, 40, 51, 45, 33, 48, 44, 49, 39, 56, 34, 53, 46, 42, 50, 36, 29, 32,
];
const SHIFTS = [1, 1, 2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 1];
const S = [
  [
    14, 4, 13, 1, 2, 15, 11, 8, 3, 10, 6, 12, 5, 9, 0, 7, 0, 15, 7, 4, 14, 2, 13, 1, 10, 6, 12, 11,
    9, 5, 3, 8, 4, 1, 14, 8, 13, 6, 2, 11, 15, 12, 9, 7, 3, 10, 5, 0, 15, 12, 8, 2, 4, 9, 1, 7, 5,
    11, 3, 14, 10, 0, 6, 13,
  ],
  [
    15, 1, 8, 14, 6, 11, 3, 4, 9, 7, 2, 13, 12, 0, 5, 10, 3, 13, 4, 7, 15, 2, 8, 14, 12, 0, 1, 10,
    6, 9, 11, 5, 0, 14, 7, 11, 10, 4, 13, 1, 5, 8, 12, 6, 9, 3, 2, 15, 13, 8, 10, 1, 3, 15, 4, 2,
    11, 6, 7, 12, 0, 5, 14, 9,
  ],
  [
    10, 0, 9, 14, 6, 3, 15, 5, 1, 13, 12, 7, 11, 4, 2, 8, 13, 7, 0, 9, 3, 4, 6, 10, 2, 8, 5, 14, 12,
    11, 15, 1, 13, 6, 4, 9, 8, 15, 3, 0, 11, 1, 2, 12, 5, 10, 14, 7, 1, 10, 13, 0, 6, 9, 8, 7, 4,
    15, 14, 3, 11, 5, 2, 12,
  ],
  [
    7, 13, 14, 3, 0, 6, 9, 10, 1, 2, 8, 5, 11, 12, 4, 15, 13, 8, 11, 5, 6, 15, 0, 3, 4, 7, 2, 12, 1,
    10, 14, 9, 10, 6, 9, 0, 12, 11, 7, 13, 15, 1, 3, 14, 5, 2, 8, 4, 3, 15, 0, 6, 10, 1, 13, 8, 9,
    4, 5, 11, 12, 7, 2, 14,
  ],
  [
    2, 12, 4, 1, 7, 10, 11, 6, 8, 5, 3, 15, 13, 0, 14, 9, 14, 11, 2, 12, 4, 7, 13, 1, 5, 0, 15, 10,
    3, 9, 8, 6, 4, 2, 1, 11, 10, 13, 7, 8, 15, 9, 12, 5, 6, 3, 0, 14, 11, 8, 12, 7, 1, 14, 2, 13, 6,
    15, 0, 9, 10, 4, 5, 3,
  ],
  [
    12, 1, 10, 15, 9, 2, 6, 8, 0, 13, 3, 4, 14, 7, 5, 11, 10, 15, 4, 2, 7, 12, 9, 5, 6, 1, 13, 14,
    0, 11, 3, 8, 9, 14, 15, 5, 2, 8, 12, 3, 7, 0, 4, 10, 1, 13, 11, 6, 4, 3, 2, 12, 9, 5, 15, 10,
    11, 14, 1, 7, 6, 0, 8, 13,
  ],
  [
    4, 11, 2, 14, 15, 0, 8, 13, 3, 12, 9, 7, 5, 10, 6, 1, 13, 0, 11, 7, 4, 9, 1, 10, 14, 3, 5, 12,
    2, 15, 8, 6, 1, 4, 11, 13, 12, 3, 7, 14, 10, 15, 6, 8, 0, 5, 9, 2, 6, 11, 13, 8, 1, 4, 10, 7, 9,
    5, 0, 15, 14, 2, 3, 12,
  ],
  [
    13, 2, 8, 4, 6, 15, 11, 1, 10, 9, 3, 14, 5, 0, 12, 7, 1, 15, 13, 8, 10, 3, 7, 4, 12, 5, 6, 11,
    0, 14, 9, 2, 7, 11, 4, 1, 9, 12, 14, 2, 0, 6, 10, 13, 15, 3, 5, 8, 2, 1, 14, 7, 4, 10, 8, 13,
    15, 12, 9, 0, 3, 5, 6, 11,
  ],
];

/** Bit `n` (1-based, 1 = most significant) of the 64-bit value hi:lo. */
const bit64 = (hi: number, lo: number, n: number) =>
  n <= 32 ? (hi >>> (32 - n)) & 1 : (lo >>> (64 - n)) & 1;

function permute64(hi: number, lo: number, table: readonly number[]): [number, number] {
  let outHi = 0;
  let outLo = 0;
  for (let i = 0; i < 32; i++) outHi = (outHi << 1) | bit64(hi, lo, table[i]!);
  for (let i = 32; i < 64; i++) outLo = (outLo << 1) | bit64(hi, lo, table[i]!);
  return [outHi >>> 0, outLo >>> 0];
}

const FP = (() => {
  const inverse = new Array<number>(64);
  IP.forEach((from, to) => (inverse[from - 1] = to + 1));
  return inverse;
})();

// SP[box][input]: the S-box output for a 6-bit input, already moved through the P permutation.
const SP = S.map((box, index) =>
  Array.from({ length: 64 }, (_, input) => {
    const row = ((input >> 4) & 2) | (input & 1);
    const col = (input >> 1) & 0xf;
    const value = box[row * 16 + col]! << (28 - 4 * index);
    let out = 0;
    for (let i = 0; i < 32; i++) out = (out << 1) | ((value >>> (32 - P[i]!)) & 1);
    return out >>> 0;
  }),
);

/** The 16 round keys of an 8-byte DES key, each as eight 6-bit groups. */
export function desKeySchedule(key: Uint8Array): Uint8Array[] {
  const hi = ((key[0]! << 24) | (key[1]! << 16) | (key[2]! << 8) | key[3]!) >>> 0;
  const lo = ((key[4]! << 24) | (key[5]! << 16) | (key[6]! << 8) | key[7]!) >>> 0;
  const cd = PC1.map((n) => bit64(hi, lo, n));
  let c = cd.slice(0, 28);
  let d = cd.slice(28);
  const keys: Uint8Array[] = [];
  for (const shift of SHIFTS) {
    c = [...c.slice(shift), ...c.slice(0, shift)];
    d = [...d.slice(shift), ...d.slice(0, shift)];
    const joined = [...c, ...d];
    const groups = new Uint8Array(8);
    for (let i = 0; i < 48; i++) {
      groups[Math.floor(i / 6)] = (groups[Math.floor(i / 6)]! << 1) | joined[PC2[i]! - 1]!;
    }
    keys.push(groups);
  }
  return keys;
}

const rotl = (x: number, s: number) => ((x << s) | (x >>> (32 - s))) >>> 0;

/**
 * Encrypts the block hi:lo. `saltSwap` (crypt(3) only) is a 12-bit mask over the 6-bit inputs of
 * S-boxes 1 and 2 (low and high six bits, in the group's own bit order): a set bit swaps that
 * E-output bit with the same bit of S-box 5 or 6's input.
 */
export function desEncryptBlock(
  keys: readonly Uint8Array[],
  hi: number,
  lo: number,
  saltSwap = 0,
): [number, number] {
  let [l, r] = permute64(hi, lo, IP);
  const swap0 = saltSwap & 0x3f;
  const swap1 = (saltSwap >> 6) & 0x3f;
  for (let round = 0; round < 16; round++) {
    const k = keys[round]!;
    // E expansion: group i is bits 4i-1..4i+4 of R (1-based, wrapping round), i.e. R rotated.
    let g0 = (rotl(r, 31) >>> 26) & 0x3f;
    let g1 = (rotl(r, 3) >>> 26) & 0x3f;
    let g4 = (rotl(r, 15) >>> 26) & 0x3f;
    let g5 = (rotl(r, 19) >>> 26) & 0x3f;
    if (saltSwap) {
      const t0 = (g0 ^ g4) & swap0;
      g0 ^= t0;
      g4 ^= t0;
      const t1 = (g1 ^ g5) & swap1;
      g1 ^= t1;
      g5 ^= t1;
    }
    const f =
      SP[0]![g0 ^ k[0]!]! ^
      SP[1]![g1 ^ k[1]!]! ^
      SP[2]![((rotl(r, 7) >>> 26) & 0x3f) ^ k[2]!]! ^
      SP[3]![((rotl(r, 11) >>> 26) & 0x3f) ^ k[3]!]! ^
      SP[4]![g4 ^ k[4]!]! ^
      SP[5]![g5 ^ k[5]!]! ^
      SP[6]![((rotl(r, 23) >>> 26) & 0x3f) ^ k[6]!]! ^
      SP[7]![((rotl(r, 27) >>> 26) & 0x3f) ^ k[7]!]!;
    [l, r] = [r, (l ^ f) >>> 0];
  }
  // The last round is not swapped: the preoutput block is R16 L16.
  return permute64(r, l, FP);
}

/** DES-ECB encryption of one 8-byte block under an 8-byte key (parity bits ignored). */
export function desEncrypt(key: Uint8Array, block: Uint8Array): Uint8Array {
  const hi = ((block[0]! << 24) | (block[1]! << 16) | (block[2]! << 8) | block[3]!) >>> 0;
  const lo = ((block[4]! << 24) | (block[5]! << 16) | (block[6]! << 8) | block[7]!) >>> 0;
  const [outHi, outLo] = desEncryptBlock(desKeySchedule(key), hi, lo);
  const out = new Uint8Array(8);
  new DataView(out.buffer).setUint32(0, outHi);
  new DataView(out.buffer).setUint32(4, outLo);
  return out;
}

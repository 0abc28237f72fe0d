// MD4 (RFC 1320) in plain TypeScript. Windows stores NT hashes as MD4(UTF-16LE(password)), and
// Node's bundled OpenSSL 3 only offers MD4 through the legacy provider (createHash('md4') throws
// ERR_OSSL_EVP_UNSUPPORTED unless the user starts Node with --openssl-legacy-provider). MD4 is
// broken as a cryptographic hash; Ward only computes it to compare against hashes others stored.
//
// The rounds are unrolled and the block buffer reused: the credential audit hashes a few million
// dictionary candidates per word list, and the straightforward loop with array destructuring was
// about five times slower.

const ROUND2 = 0x5a827999;
const ROUND3 = 0x6ed9eba1;

// One 16-word block and the chaining state, reused across calls (single-threaded, no re-entrancy).
const X = new Int32Array(16);
const STATE = new Int32Array(4);

function compress(x: Int32Array, state: Int32Array): void {
  let a = state[0]!;
  let b = state[1]!;
  let c = state[2]!;
  let d = state[3]!;
  let t: number;
  // Round 1 (section 3.4): F(b,c,d) = (b & c) | (~b & d), shifts 3 7 11 19.
  t = (a + ((b & c) | (~b & d)) + x[0]!) | 0;
  a = (t << 3) | (t >>> 29);
  t = (d + ((a & b) | (~a & c)) + x[1]!) | 0;
  d = (t << 7) | (t >>> 25);
  t = (c + ((d & a) | (~d & b)) + x[2]!) | 0;
  c = (t << 11) | (t >>> 21);
  t = (b + ((c & d) | (~c & a)) + x[3]!) | 0;
  b = (t << 19) | (t >>> 13);
  t = (a + ((b & c) | (~b & d)) + x[4]!) | 0;
  a = (t << 3) | (t >>> 29);
  t = (d + ((a & b) | (~a & c)) + x[5]!) | 0;
  d = (t << 7) | (t >>> 25);
  t = (c + ((d & a) | (~d & b)) + x[6]!) | 0;
  c = (t << 11) | (t >>> 21);
  t = (b + ((c & d) | (~c & a)) + x[7]!) | 0;
  b = (t << 19) | (t >>> 13);
  t = (a + ((b & c) | (~b & d)) + x[8]!) | 0;
  a = (t << 3) | (t >>> 29);
  t = (d + ((a & b) | (~a & c)) + x[9]!) | 0;
  d = (t << 7) | (t >>> 25);
  t = (c + ((d & a) | (~d & b)) + x[10]!) | 0;
  c = (t << 11) | (t >>> 21);
  t = (b + ((c & d) | (~c & a)) + x[11]!) | 0;
  b = (t << 19) | (t >>> 13);
  t = (a + ((b & c) | (~b & d)) + x[12]!) | 0;
  a = (t << 3) | (t >>> 29);
  t = (d + ((a & b) | (~a & c)) + x[13]!) | 0;
  d = (t << 7) | (t >>> 25);
  t = (c + ((d & a) | (~d & b)) + x[14]!) | 0;
  c = (t << 11) | (t >>> 21);
  t = (b + ((c & d) | (~c & a)) + x[15]!) | 0;
  b = (t << 19) | (t >>> 13);
  // Round 2: G = majority(b,c,d), word order 0 4 8 12 1 5 9 13 ..., shifts 3 5 9 13.
  t = (a + ((b & c) | (b & d) | (c & d)) + x[0]! + ROUND2) | 0;
  a = (t << 3) | (t >>> 29);
  t = (d + ((a & b) | (a & c) | (b & c)) + x[4]! + ROUND2) | 0;
  d = (t << 5) | (t >>> 27);
  t = (c + ((d & a) | (d & b) | (a & b)) + x[8]! + ROUND2) | 0;
  c = (t << 9) | (t >>> 23);
  t = (b + ((c & d) | (c & a) | (d & a)) + x[12]! + ROUND2) | 0;
  b = (t << 13) | (t >>> 19);
  t = (a + ((b & c) | (b & d) | (c & d)) + x[1]! + ROUND2) | 0;
  a = (t << 3) | (t >>> 29);
  t = (d + ((a & b) | (a & c) | (b & c)) + x[5]! + ROUND2) | 0;
  d = (t << 5) | (t >>> 27);
  t = (c + ((d & a) | (d & b) | (a & b)) + x[9]! + ROUND2) | 0;
  c = (t << 9) | (t >>> 23);
  t = (b + ((c & d) | (c & a) | (d & a)) + x[13]! + ROUND2) | 0;
  b = (t << 13) | (t >>> 19);
  t = (a + ((b & c) | (b & d) | (c & d)) + x[2]! + ROUND2) | 0;
  a = (t << 3) | (t >>> 29);
  t = (d + ((a & b) | (a & c) | (b & c)) + x[6]! + ROUND2) | 0;
  d = (t << 5) | (t >>> 27);
  t = (c + ((d & a) | (d & b) | (a & b)) + x[10]! + ROUND2) | 0;
  c = (t << 9) | (t >>> 23);
  t = (b + ((c & d) | (c & a) | (d & a)) + x[14]! + ROUND2) | 0;
  b = (t << 13) | (t >>> 19);
  t = (a + ((b & c) | (b & d) | (c & d)) + x[3]! + ROUND2) | 0;
  a = (t << 3) | (t >>> 29);
  t = (d + ((a & b) | (a & c) | (b & c)) + x[7]! + ROUND2) | 0;
  d = (t << 5) | (t >>> 27);
  t = (c + ((d & a) | (d & b) | (a & b)) + x[11]! + ROUND2) | 0;
  c = (t << 9) | (t >>> 23);
  t = (b + ((c & d) | (c & a) | (d & a)) + x[15]! + ROUND2) | 0;
  b = (t << 13) | (t >>> 19);
  // Round 3: H = b ^ c ^ d, word order 0 8 4 12 2 10 6 14 ..., shifts 3 9 11 15.
  t = (a + (b ^ c ^ d) + x[0]! + ROUND3) | 0;
  a = (t << 3) | (t >>> 29);
  t = (d + (a ^ b ^ c) + x[8]! + ROUND3) | 0;
  d = (t << 9) | (t >>> 23);
  t = (c + (d ^ a ^ b) + x[4]! + ROUND3) | 0;
  c = (t << 11) | (t >>> 21);
  t = (b + (c ^ d ^ a) + x[12]! + ROUND3) | 0;
  b = (t << 15) | (t >>> 17);
  t = (a + (b ^ c ^ d) + x[2]! + ROUND3) | 0;
  a = (t << 3) | (t >>> 29);
  t = (d + (a ^ b ^ c) + x[10]! + ROUND3) | 0;
  d = (t << 9) | (t >>> 23);
  t = (c + (d ^ a ^ b) + x[6]! + ROUND3) | 0;
  c = (t << 11) | (t >>> 21);
  t = (b + (c ^ d ^ a) + x[14]! + ROUND3) | 0;
  b = (t << 15) | (t >>> 17);
  t = (a + (b ^ c ^ d) + x[1]! + ROUND3) | 0;
  a = (t << 3) | (t >>> 29);
  t = (d + (a ^ b ^ c) + x[9]! + ROUND3) | 0;
  d = (t << 9) | (t >>> 23);
  t = (c + (d ^ a ^ b) + x[5]! + ROUND3) | 0;
  c = (t << 11) | (t >>> 21);
  t = (b + (c ^ d ^ a) + x[13]! + ROUND3) | 0;
  b = (t << 15) | (t >>> 17);
  t = (a + (b ^ c ^ d) + x[3]! + ROUND3) | 0;
  a = (t << 3) | (t >>> 29);
  t = (d + (a ^ b ^ c) + x[11]! + ROUND3) | 0;
  d = (t << 9) | (t >>> 23);
  t = (c + (d ^ a ^ b) + x[7]! + ROUND3) | 0;
  c = (t << 11) | (t >>> 21);
  t = (b + (c ^ d ^ a) + x[15]! + ROUND3) | 0;
  b = (t << 15) | (t >>> 17);
  state[0] = (state[0]! + a) | 0;
  state[1] = (state[1]! + b) | 0;
  state[2] = (state[2]! + c) | 0;
  state[3] = (state[3]! + d) | 0;
}

function resetState(): void {
  STATE[0] = 0x67452301;
  STATE[1] = 0xefcdab89 | 0;
  STATE[2] = 0x98badcfe | 0;
  STATE[3] = 0x10325476;
}

function writeState(out: Uint8Array, offset: number): void {
  for (let i = 0; i < 4; i++) {
    const w = STATE[i]!;
    out[offset + i * 4] = w & 0xff;
    out[offset + i * 4 + 1] = (w >>> 8) & 0xff;
    out[offset + i * 4 + 2] = (w >>> 16) & 0xff;
    out[offset + i * 4 + 3] = w >>> 24;
  }
}

/** The 16-byte MD4 digest of `input`. */
export function md4(input: Uint8Array): Uint8Array {
  resetState();
  // Padding (section 3.1-3.2): a 1 bit, zeros to 56 mod 64, then the bit length, little-endian.
  const blocks = Math.ceil((input.length + 9) / 64);
  const total = blocks * 64;
  for (let block = 0; block < blocks; block++) {
    const base = block * 64;
    for (let i = 0; i < 16; i++) {
      let word = 0;
      for (let k = 3; k >= 0; k--) {
        const pos = base + i * 4 + k;
        const byte = pos < input.length ? input[pos]! : pos === input.length ? 0x80 : 0;
        word = (word << 8) | byte;
      }
      X[i] = word;
    }
    if (base + 64 === total) {
      const bits = input.length * 8;
      X[14] = bits | 0;
      X[15] = Math.floor(bits / 0x100000000) | 0;
    }
    compress(X, STATE);
  }
  const out = new Uint8Array(16);
  writeState(out, 0);
  return out;
}

/**
 * MD4 over the UTF-16LE code units of `text` (the NT hash), written into `out` at `offset`.
 * Avoids the intermediate Buffer: the audit's candidate table calls this millions of times.
 */
export function md4Utf16le(text: string, out: Uint8Array, offset = 0): void {
  const length = text.length;
  // Passwords up to 27 UTF-16 units fit one block (54 bytes + 0x80 + 8-byte length <= 64).
  if (length > 27) {
    out.set(md4(Buffer.from(text, 'utf16le')), offset);
    return;
  }
  resetState();
  X.fill(0);
  for (let i = 0; i + 1 < length; i += 2) {
    X[i >> 1] = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16);
  }
  X[length >> 1] = length & 1 ? text.charCodeAt(length - 1) | (0x80 << 16) : 0x80;
  X[14] = length * 16;
  compress(X, STATE);
  writeState(out, offset);
}

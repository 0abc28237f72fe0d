// bcrypt (Provos and Mazieres, "A Future-Adaptable Password Scheme", USENIX 1999) in plain
// TypeScript, for checking a few candidates against stored "$2a$/$2b$/$2y$" hashes without a
// native dependency. About as fast as bcryptjs: a cost-10 hash takes about 100 ms, so the audit
// only tries "" and the user name against bcrypt.
import { piFractionWords } from './pi-hex.ts';

const BCRYPT_ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const STANDARD_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const MAGIC = Buffer.from('OrpheanBeholderScryDoubt', 'latin1');

export const BCRYPT_PATTERN = /^\$2([aby])\$(\d\d)\$([./A-Za-z0-9]{22})([./A-Za-z0-9]{31})$/;

let initial: Int32Array | undefined;

/** P-array (18 words) then the four S-boxes (4 x 256), from pi. */
function initialState(): Int32Array {
  initial ??= new Int32Array(piFractionWords(18 + 1024).buffer);
  return initial;
}

const translate = (text: string, from: string, to: string) =>
  [...text].map((c) => to[from.indexOf(c)]).join('');

/** bcrypt's base64: big-endian bit order like RFC 4648, its own alphabet, no padding. */
export function bcryptBase64Decode(text: string): Buffer {
  return Buffer.from(translate(text, BCRYPT_ALPHABET, STANDARD_ALPHABET), 'base64');
}

export function bcryptBase64Encode(bytes: Uint8Array): string {
  const standard = Buffer.from(bytes).toString('base64').replace(/=+$/, '');
  return translate(standard, STANDARD_ALPHABET, BCRYPT_ALPHABET);
}

class Blowfish {
  readonly state = new Int32Array(initialState());
  l = 0;
  r = 0;

  /** Encrypts (this.l, this.r) in place: 16 Feistel rounds. */
  encrypt(): void {
    const s = this.state;
    let l = this.l;
    let r = this.r;
    for (let i = 0; i < 16; i += 2) {
      l ^= s[i]!;
      r ^=
        (((s[18 + (l >>> 24)]! + s[274 + ((l >>> 16) & 0xff)]!) ^ s[530 + ((l >>> 8) & 0xff)]!) +
          s[786 + (l & 0xff)]!) |
        0;
      r ^= s[i + 1]!;
      l ^=
        (((s[18 + (r >>> 24)]! + s[274 + ((r >>> 16) & 0xff)]!) ^ s[530 + ((r >>> 8) & 0xff)]!) +
          s[786 + (r & 0xff)]!) |
        0;
    }
    this.l = r ^ s[17]!;
    this.r = l ^ s[16]!;
  }

  /** ExpandKey(state, salt, key) of the paper; `salt` undefined means the all-zero salt. */
  expand(key: Int32Array, salt: Int32Array | undefined): void {
    const s = this.state;
    for (let i = 0; i < 18; i++) s[i]! ^= key[i % key.length]!;
    this.l = 0;
    this.r = 0;
    for (let i = 0, j = 0; i < s.length; i += 2, j += 2) {
      if (salt) {
        this.l ^= salt[j % 4]!;
        this.r ^= salt[(j + 1) % 4]!;
      }
      this.encrypt();
      s[i] = this.l;
      s[i + 1] = this.r;
    }
  }
}

/** The key bytes as the cyclic stream of 18 words bcrypt XORs into P: up to 72 bytes + NUL. */
function keyWords(password: Uint8Array): Int32Array {
  const bytes = Buffer.concat([Buffer.from(password.subarray(0, 72)), Buffer.of(0)]);
  const words = new Int32Array(18);
  for (let w = 0, at = 0; w < 18; w++) {
    let word = 0;
    for (let k = 0; k < 4; k++, at++) word = (word << 8) | bytes[at % bytes.length]!;
    words[w] = word;
  }
  return words;
}

function bigEndianWords(bytes: Uint8Array): Int32Array {
  const words = new Int32Array(bytes.length / 4);
  for (let i = 0; i < words.length; i++) {
    words[i] =
      (bytes[4 * i]! << 24) |
      (bytes[4 * i + 1]! << 16) |
      (bytes[4 * i + 2]! << 8) |
      bytes[4 * i + 3]!;
  }
  return words;
}

/** The 23 digest bytes bcrypt keeps, for `password` with a 16-byte salt at 2^cost rounds. */
export function bcryptRaw(password: Uint8Array, salt: Uint8Array, cost: number): Uint8Array {
  if (cost < 4 || cost > 31) throw new Error(`bcrypt cost must be 4..31, got ${cost}`);
  const key = keyWords(password);
  const saltWords = bigEndianWords(salt.subarray(0, 16));
  const bf = new Blowfish();
  bf.expand(key, saltWords);
  for (let round = 2 ** cost; round > 0; round--) {
    bf.expand(key, undefined);
    bf.expand(saltWords, undefined);
  }
  const text = bigEndianWords(MAGIC);
  for (let block = 0; block < 6; block += 2) {
    bf.l = text[block]!;
    bf.r = text[block + 1]!;
    for (let i = 0; i < 64; i++) bf.encrypt();
    text[block] = bf.l;
    text[block + 1] = bf.r;
  }
  const out = new Uint8Array(24);
  const view = new DataView(out.buffer);
  text.forEach((w, i) => view.setInt32(4 * i, w));
  return out.subarray(0, 23);
}

/** The full "$2b$" string for `password` with `salt` (16 bytes) and `cost`. */
export function bcryptHash(password: string, salt: Uint8Array, cost: number, minor = 'b'): string {
  const digest = bcryptRaw(Buffer.from(password, 'utf8'), salt, cost);
  const saltText = bcryptBase64Encode(salt.subarray(0, 16));
  return `$2${minor}$${String(cost).padStart(2, '0')}$${saltText}${bcryptBase64Encode(digest)}`;
}

/** Whether `password` matches a stored "$2a$", "$2b$" or "$2y$" hash ("$2x$" is not handled). */
export function verifyBcrypt(password: string, stored: string): boolean {
  const match = BCRYPT_PATTERN.exec(stored);
  if (!match) return false;
  const salt = bcryptBase64Decode(match[3]!);
  const digest = bcryptRaw(Buffer.from(password, 'utf8'), salt, Number(match[2]));
  return bcryptBase64Encode(digest) === match[4];
}

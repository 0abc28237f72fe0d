// Checking one candidate against one salted or slow stored hash. Which algorithms can be checked
// at all, and at what cost, decides what the audit tries (see salted-checks.ts).
import { verify as verifyArgon2 } from '@node-rs/argon2';
import { hash, pbkdf2, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { verifyBcrypt } from '../hashing/bcrypt.ts';
import { ITOA64 } from '../hashing/crypt-base64.ts';
import { verifyDesCrypt } from '../hashing/des-crypt.ts';
import { verifyMd5Crypt } from '../hashing/md5-crypt.ts';
import { verifyShaCrypt } from '../hashing/sha-crypt.ts';
import { fromB64, type StoredHash } from './stored-hash.ts';

const pbkdf2Async = promisify(pbkdf2);
const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Uint8Array,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

export interface SaltedVerifier {
  /** "slow": only "" and the user name are tried; "fast": the top list too. */
  cost: 'fast' | 'slow';
  verify(candidate: string): boolean | Promise<boolean>;
}

// Above these, one try takes tens of milliseconds or more: treat as slow.
const SLOW_PBKDF2_ITERATIONS = 20_000;
const SLOW_SHA_CRYPT_ROUNDS = 20_000;
const SLOW_BCRYPT_COST = 6;

const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && timingSafeEqual(a, b);

/** How to check candidates against `stored`, or undefined when Ward cannot compute the scheme. */
export function saltedVerifier(stored: StoredHash): SaltedVerifier | undefined {
  const text = stored.text;
  switch (stored.algo) {
    case 'md5crypt':
    case 'apr1':
      return { cost: 'fast', verify: (c) => verifyMd5Crypt(c, text) };
    case 'descrypt':
      return { cost: 'fast', verify: (c) => verifyDesCrypt(c, text) };
    case 'sha256crypt':
    case 'sha512crypt':
      return {
        cost: Number(stored.params['rounds']) > SLOW_SHA_CRYPT_ROUNDS ? 'slow' : 'fast',
        verify: (c) => verifyShaCrypt(c, text),
      };
    case 'ssha':
      return sshaVerifier(stored);
    case 'bcrypt':
      // Django's bcrypt_sha256 hashes a SHA-256 hex digest, not the password: not tried.
      if (stored.params['prehash']) return undefined;
      return {
        cost: Number(stored.params['cost']) > SLOW_BCRYPT_COST ? 'slow' : 'fast',
        verify: (c) => verifyBcrypt(c, text),
      };
    case 'argon2id':
    case 'argon2i':
    case 'argon2d':
      return { cost: 'slow', verify: (c) => verifyArgon2(text, c).catch(() => false) };
    case 'scrypt':
      return scryptVerifier(stored);
    case 'pbkdf2-sha1':
    case 'pbkdf2-sha256':
    case 'pbkdf2-sha512':
      return pbkdf2Verifier(stored);
    default:
      return undefined;
  }
}

function sshaVerifier(stored: StoredHash): SaltedVerifier | undefined {
  const algo = String(stored.params['digest'] ?? 'sha1');
  const size = { sha1: 20, sha256: 32, sha512: 64, md5: 16 }[algo];
  const bytes = Buffer.from(stored.text.replace(/^\{[A-Z0-9]+\}/i, ''), 'base64');
  if (!size || bytes.length <= size) return undefined;
  const digest = bytes.subarray(0, size);
  const salt = bytes.subarray(size);
  return {
    cost: 'fast',
    verify: (c) =>
      equal(hash(algo, Buffer.concat([Buffer.from(c, 'utf8'), salt]), 'buffer'), digest),
  };
}

function pbkdf2Verifier(stored: StoredHash): SaltedVerifier | undefined {
  const digestName = stored.algo.slice('pbkdf2-'.length);
  const iterations = Number(stored.params['iterations']);
  const parsed = readPbkdf2(stored.text);
  if (!parsed || !(iterations > 0)) return undefined;
  return {
    cost: iterations > SLOW_PBKDF2_ITERATIONS ? 'slow' : 'fast',
    verify: async (c) =>
      equal(
        await pbkdf2Async(c, parsed.salt, iterations, parsed.digest.length, digestName),
        parsed.digest,
      ),
  };
}

/** Salt and digest of the Django, PHC/passlib and Werkzeug PBKDF2 layouts. */
function readPbkdf2(text: string): { salt: Uint8Array; digest: Uint8Array } | undefined {
  const django = /^pbkdf2_\w+\$\d+\$([^$]*)\$([A-Za-z0-9+/=]+)$/.exec(text);
  if (django) {
    return { salt: Buffer.from(django[1]!, 'utf8'), digest: Buffer.from(django[2]!, 'base64') };
  }
  const phc = /^\$pbkdf2(?:-\w+)?\$[^$]+\$([^$]*)\$([^$]+)$/.exec(text);
  if (phc) return { salt: fromB64(phc[1]!), digest: fromB64(phc[2]!) };
  const werkzeug = /^pbkdf2:\w+:\d+\$([^$]*)\$([0-9a-f]+)$/.exec(text);
  if (werkzeug) {
    return { salt: Buffer.from(werkzeug[1]!, 'utf8'), digest: Buffer.from(werkzeug[2]!, 'hex') };
  }
  return undefined;
}

function scryptVerifier(stored: StoredHash): SaltedVerifier | undefined {
  const N = Number(stored.params['N']);
  const r = Number(stored.params['r']);
  const p = Number(stored.params['p']);
  const parsed = readScrypt(stored.text);
  if (!parsed || !(N > 1 && r > 0 && p > 0)) return undefined;
  // Node refuses above maxmem (32 MiB by default); scrypt needs 128 * N * r bytes.
  const maxmem = 128 * N * r + 64 * 1024 * 1024;
  return {
    cost: 'slow',
    verify: async (c) =>
      equal(
        await scryptAsync(c, parsed.salt, parsed.digest.length, { N, r, p, maxmem }),
        parsed.digest,
      ),
  };
}

/** Salt and digest of passlib's "$scrypt$", libxcrypt's "$7$" and Werkzeug's "scrypt:". */
function readScrypt(text: string): { salt: Uint8Array; digest: Uint8Array } | undefined {
  const phc = /^\$scrypt\$[^$]+\$([^$]*)\$([^$]+)$/.exec(text);
  if (phc) return { salt: fromB64(phc[1]!), digest: fromB64(phc[2]!) };
  // "$7$": the encoded salt text itself is the salt; the digest is itoa64, low bits first.
  const crypt = /^\$7\$.{11}([^$]*)\$([./A-Za-z0-9]{43})$/.exec(text);
  if (crypt) {
    return {
      salt: Buffer.from(crypt[1]!, 'utf8'),
      digest: decodeItoa64LittleEndian(crypt[2]!, 32),
    };
  }
  const werkzeug = /^scrypt:\d+:\d+:\d+\$([^$]*)\$([0-9a-f]+)$/.exec(text);
  if (werkzeug) {
    return { salt: Buffer.from(werkzeug[1]!, 'utf8'), digest: Buffer.from(werkzeug[2]!, 'hex') };
  }
  return undefined;
}

/** libsodium's encode64 read backwards: 3 bytes per 4 characters, least significant first. */
function decodeItoa64LittleEndian(text: string, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (let i = 0; i < text.length && at < length; i += 4) {
    let value = 0;
    const chunk = text.slice(i, i + 4);
    for (let k = 0; k < chunk.length; k++) value |= ITOA64.indexOf(chunk[k]!) << (6 * k);
    for (let k = 0; k < 3 && at < length; k++) out[at++] = (value >>> (8 * k)) & 0xff;
  }
  return out;
}

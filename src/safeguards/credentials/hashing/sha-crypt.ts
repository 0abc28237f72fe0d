// SHA-crypt ("$5$" SHA-256, "$6$" SHA-512) as specified by Ulrich Drepper, "Unix crypt using
// SHA-256 and SHA-512" (2008, https://www.akkadia.org/drepper/SHA-crypt.txt), the default of
// glibc distributions before yescrypt. Default 5,000 rounds; "rounds=" ranges 1,000..999,999,999.
import { hash } from 'node:crypto';
import { encodeCryptDigest } from './crypt-base64.ts';

export type ShaCryptVariant = '5' | '6';

export const SHA_CRYPT_DEFAULT_ROUNDS = 5000;

const ORDER_256 = [
  [0, 10, 20, 4],
  [21, 1, 11, 4],
  [12, 22, 2, 4],
  [3, 13, 23, 4],
  [24, 4, 14, 4],
  [15, 25, 5, 4],
  [6, 16, 26, 4],
  [27, 7, 17, 4],
  [18, 28, 8, 4],
  [9, 19, 29, 4],
  [-1, 31, 30, 3],
] as const;

const ORDER_512 = [
  [0, 21, 42, 4],
  [22, 43, 1, 4],
  [44, 2, 23, 4],
  [3, 24, 45, 4],
  [25, 46, 4, 4],
  [47, 5, 26, 4],
  [6, 27, 48, 4],
  [28, 49, 7, 4],
  [50, 8, 29, 4],
  [9, 30, 51, 4],
  [31, 52, 10, 4],
  [53, 11, 32, 4],
  [12, 33, 54, 4],
  [34, 55, 13, 4],
  [56, 14, 35, 4],
  [15, 36, 57, 4],
  [37, 58, 16, 4],
  [59, 17, 38, 4],
  [18, 39, 60, 4],
  [40, 61, 19, 4],
  [62, 20, 41, 4],
  [-1, -1, 63, 2],
] as const;

export interface ShaCryptSetting {
  variant: ShaCryptVariant;
  rounds: number;
  /** Whether "rounds=" was written (it then appears in the output too). */
  explicitRounds: boolean;
  salt: string;
}

/** Reads "$6$rounds=N$salt$..." (the hash part is ignored); undefined when not SHA-crypt. */
export function parseShaCryptSetting(text: string): ShaCryptSetting | undefined {
  const match = /^\$([56])\$(?:rounds=(\d+)\$)?([^$]*)/.exec(text);
  if (!match) return undefined;
  const explicitRounds = match[2] !== undefined;
  const requested = explicitRounds ? Number(match[2]) : SHA_CRYPT_DEFAULT_ROUNDS;
  return {
    variant: match[1] as ShaCryptVariant,
    // The spec clamps out-of-range values rather than rejecting them.
    rounds: Math.min(999_999_999, Math.max(1000, requested)),
    explicitRounds,
    salt: match[3]!.slice(0, 16),
  };
}

/** Repeats `block` until `length` bytes. */
function stretch(block: Buffer, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i += block.length)
    block.copy(out, i, 0, Math.min(block.length, length - i));
  return out;
}

/** The full SHA-crypt string for `password` under `setting` ("$6$salt" or "$5$rounds=N$salt"). */
export function shaCrypt(password: string, setting: string): string {
  const parsed = parseShaCryptSetting(setting);
  if (!parsed) throw new Error(`not a SHA-crypt setting: expected "$5$" or "$6$" then the salt`);
  const algo = parsed.variant === '5' ? 'sha256' : 'sha512';
  const size = parsed.variant === '5' ? 32 : 64;
  const H = (data: Buffer) => hash(algo, data, 'buffer');
  const pw = Buffer.from(password, 'utf8');
  const salt = Buffer.from(parsed.salt, 'utf8');

  const b = H(Buffer.concat([pw, salt, pw]));
  const a: Buffer[] = [pw, salt, stretch(b, pw.length)];
  for (let i = pw.length; i > 0; i >>= 1) a.push(i & 1 ? b : pw);
  let digest = H(Buffer.concat(a));
  const p = stretch(H(stretch(pw, pw.length * pw.length)), pw.length);
  const s = stretch(H(stretch(salt, salt.length * (16 + digest[0]!))), salt.length);

  // Each round hashes one of four fixed layouts; a reused buffer avoids per-round allocation.
  const scratch = Buffer.alloc(size + 2 * p.length + s.length);
  for (let round = 0; round < parsed.rounds; round++) {
    let at = 0;
    at += (round & 1 ? p : digest).copy(scratch, at);
    if (round % 3) at += s.copy(scratch, at);
    if (round % 7) at += p.copy(scratch, at);
    at += (round & 1 ? digest : p).copy(scratch, at);
    digest = H(scratch.subarray(0, at));
  }
  const prefix = parsed.explicitRounds ? `rounds=${parsed.rounds}$` : '';
  const encoded = encodeCryptDigest(digest, parsed.variant === '5' ? ORDER_256 : ORDER_512);
  return `$${parsed.variant}$${prefix}${parsed.salt}$${encoded}`;
}

/** Whether `password` produces the stored SHA-crypt string. */
export function verifyShaCrypt(password: string, stored: string): boolean {
  if (!parseShaCryptSetting(stored)) return false;
  return shaCrypt(password, stored) === stored;
}

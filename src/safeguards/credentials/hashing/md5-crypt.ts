// md5crypt ("$1$", Poul-Henning Kamp, FreeBSD 1994) and Apache's "$apr1$" variant, which differs
// only in the magic string. Both run 1,000 MD5 rounds: fast enough to crack at millions of guesses
// per second on a GPU, which is why the audit rates them weak_storage.
import { hash } from 'node:crypto';
import { encodeCryptDigest } from './crypt-base64.ts';

export type Md5CryptMagic = '$1$' | '$apr1$';

const ORDER = [
  [0, 6, 12, 4],
  [1, 7, 13, 4],
  [2, 8, 14, 4],
  [3, 9, 15, 4],
  [4, 10, 5, 4],
  [-1, -1, 11, 2],
] as const;

const md5 = (data: Buffer) => hash('md5', data, 'buffer');

/** The full md5crypt string for `password` with `salt` (at most 8 characters are used). */
export function md5Crypt(password: string, salt: string, magic: Md5CryptMagic = '$1$'): string {
  const pw = Buffer.from(password, 'utf8');
  const saltText = salt.split('$')[0]!.slice(0, 8);
  const s = Buffer.from(saltText, 'utf8');
  const alt = md5(Buffer.concat([pw, s, pw]));
  const parts: Buffer[] = [pw, Buffer.from(magic), s];
  for (let left = pw.length; left > 0; left -= 16) parts.push(alt.subarray(0, Math.min(left, 16)));
  // The historical quirk: a zero byte for set bits, the password's first byte for clear bits.
  for (let i = pw.length; i > 0; i >>= 1) parts.push(i & 1 ? Buffer.of(0) : pw.subarray(0, 1));
  let final = md5(Buffer.concat(parts));
  // One reused buffer for the 1,000 rounds instead of an allocation per round.
  const scratch = Buffer.alloc(16 + 2 * pw.length + s.length);
  for (let i = 0; i < 1000; i++) {
    let at = (i & 1 ? pw : final).copy(scratch, 0);
    if (i % 3) at += s.copy(scratch, at);
    if (i % 7) at += pw.copy(scratch, at);
    at += (i & 1 ? final : pw).copy(scratch, at);
    final = md5(scratch.subarray(0, at));
  }
  return `${magic}${saltText}$${encodeCryptDigest(final, ORDER)}`;
}

/** Whether `password` produces the stored md5crypt or apr1 string `stored`. */
export function verifyMd5Crypt(password: string, stored: string): boolean {
  const match = /^(\$1\$|\$apr1\$)([^$]{0,8})\$/.exec(stored);
  if (!match) return false;
  return md5Crypt(password, match[2]!, match[1] as Md5CryptMagic) === stored;
}

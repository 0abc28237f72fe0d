// Traditional crypt(3) (Seventh Edition Unix, 1979): 13 characters, a 2-character salt then
// 11 characters of DES output. The password (first 8 characters, 7 bits each) is the DES key; a
// zero block is encrypted 25 times with the E expansion perturbed by the 12 salt bits. Anything
// past the eighth character is ignored, and 4,096 salts are easily precomputed: broken storage.
import { ITOA64, itoa64Value } from './crypt-base64.ts';
import { desEncryptBlock, desKeySchedule } from './des.ts';

export const DES_CRYPT_PATTERN = /^[./0-9A-Za-z]{13}$/;

/** crypt(3)'s salt character value: unlike itoa64Value, any byte maps to something (glibc). */
function saltValue(char: string): number {
  const v = itoa64Value(char);
  return v >= 0 ? v : 0;
}

const reverse6 = (v: number) => {
  let out = 0;
  for (let i = 0; i < 6; i++) out |= ((v >> i) & 1) << (5 - i);
  return out;
};

/** The 13-character crypt(3) string for `password` with the 2-character `salt`. */
export function desCrypt(password: string, salt: string): string {
  const key = new Uint8Array(8);
  const pw = Buffer.from(password, 'utf8');
  for (let i = 0; i < 8 && i < pw.length; i++) key[i] = (pw[i]! << 1) & 0xff;
  const s0 = salt[0] ?? '.';
  const s1 = salt[1] ?? '.';
  // Salt bit j (low bit first) swaps E bit j of the first pair; the S-box groups hold E bits
  // high bit first, hence the reversal.
  const swap = reverse6(saltValue(s0)) | (reverse6(saltValue(s1)) << 6);
  const keys = desKeySchedule(key);
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < 25; i++) [hi, lo] = desEncryptBlock(keys, hi, lo, swap);
  // 64 bits as eleven 6-bit characters, most significant first, padded with two zero bits.
  let out = s0 + s1;
  for (let i = 0; i < 11; i++) {
    const shift = 58 - 6 * i;
    const v =
      shift >= 32
        ? (hi >>> (shift - 32)) & 0x3f
        : shift >= 0
          ? ((hi << (32 - shift)) | (lo >>> shift)) & 0x3f
          : (lo << -shift) & 0x3f;
    out += ITOA64[v];
  }
  return out;
}

/** Whether `password` produces the stored 13-character crypt(3) string. */
export function verifyDesCrypt(password: string, stored: string): boolean {
  if (!DES_CRYPT_PATTERN.test(stored)) return false;
  return desCrypt(password, stored.slice(0, 2)) === stored;
}

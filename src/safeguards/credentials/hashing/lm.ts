// LAN Manager hash: the password upper-cased, cut or zero-padded to 14 bytes, each 7-byte half
// used as a DES key to encrypt "KGS!@#$%". No salt, no case, two independent 7-character halves:
// any LM hash is crackable in minutes, so its mere presence is an audit finding.
import { desEncrypt } from './des.ts';

/** What secretsdump prints when no LM hash is stored (it is the LM hash of the empty password). */
export const NO_LM_HASH = 'aad3b435b51404eeaad3b435b51404ee';

const MAGIC = Buffer.from('KGS!@#$%', 'latin1');

/** Spreads 7 key bytes over 8 DES key bytes (7 bits each; the low parity bit is ignored). */
function expandKey(half: Uint8Array): Uint8Array {
  const key = new Uint8Array(8);
  for (let i = 0; i < 8; i++) {
    const hiByte = i === 0 ? 0 : half[i - 1]!;
    const loByte = i === 7 ? 0 : half[i]!;
    key[i] = (((hiByte << (8 - i)) | (loByte >> i)) & 0xfe) >>> 0;
  }
  return key;
}

/**
 * The LM hash of `password` (16 bytes), or undefined when Windows would store none (more than
 * 14 characters, or characters outside the OEM code page; Ward assumes Latin-1 upper-casing).
 */
export function lmHash(password: string): Uint8Array | undefined {
  if (password.length > 14 || /[^\x20-\xff]/.test(password)) return undefined;
  const bytes = new Uint8Array(14);
  bytes.set(Buffer.from(password.toUpperCase(), 'latin1').subarray(0, 14));
  const out = new Uint8Array(16);
  out.set(desEncrypt(expandKey(bytes.subarray(0, 7)), MAGIC), 0);
  out.set(desEncrypt(expandKey(bytes.subarray(7, 14)), MAGIC), 8);
  return out;
}

/** The LM hash as lower-case hex, or undefined when none would be stored. */
export function lmHex(password: string): string | undefined {
  const digest = lmHash(password);
  return digest && Buffer.from(digest).toString('hex');
}

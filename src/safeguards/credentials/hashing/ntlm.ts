import { md4Utf16le } from './md4.ts';

/** The NT hash Windows stores for `password`: MD4 over its UTF-16LE encoding (16 bytes). */
export function ntlmHash(password: string): Uint8Array {
  const out = new Uint8Array(16);
  md4Utf16le(password, out);
  return out;
}

/** The NT hash as the upper-case hex that secretsdump and the Pwned Passwords NTLM files use. */
export function ntlmHex(password: string): string {
  return Buffer.from(ntlmHash(password)).toString('hex').toUpperCase();
}

import { md4 } from './md4.ts';

/** The NT hash Windows stores for `password`: MD4 over its UTF-16LE encoding (16 bytes). */
export function ntlmHash(password: string): Uint8Array {
  return md4(Buffer.from(password, 'utf16le'));
}

/** The NT hash as the upper-case hex that secretsdump and the Pwned Passwords NTLM files use. */
export function ntlmHex(password: string): string {
  return Buffer.from(ntlmHash(password)).toString('hex').toUpperCase();
}

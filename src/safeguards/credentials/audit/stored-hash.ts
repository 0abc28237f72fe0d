// Recognising a stored password hash from its text: PHC strings ($argon2id$v=19$m=...), crypt(3)
// strings ($6$, $2b$, ...), framework formats (Django "pbkdf2_sha256$", Werkzeug
// "pbkdf2:sha256:"), LDAP-style {SHA}/{SSHA}, bare hex digests and, failing all, plaintext.
import type { CredentialFileFormat } from '../../../api-types.ts';
import { itoa64Value } from '../hashing/crypt-base64.ts';
import { DES_CRYPT_PATTERN } from '../hashing/des-crypt.ts';
import { SHA_CRYPT_DEFAULT_ROUNDS } from '../hashing/sha-crypt.ts';
import type { HashAlgorithm } from './types.ts';

export interface StoredHash {
  algo: HashAlgorithm;
  /** Cost parameters as the scheme names them: cost, m/t/p, N/r/p, iterations, rounds. */
  params: Record<string, number | string>;
  /** The digest of an unsalted scheme (md5, sha*, ntlm, {SHA}), for table lookups. */
  digest?: Uint8Array;
  /** The stored text (prefixes such as Django's "argon2" removed). Never copied into output. */
  text: string;
}

export interface HashContext {
  format: CredentialFileFormat;
}

const HEX = /^[0-9a-f]+$/i;
const LOCKED = /^(?:[!*]+|\*LK\*|x|NP|LK)$/;

const fromHex = (hex: string) => new Uint8Array(Buffer.from(hex, 'hex'));
// PHC and passlib salts/hashes are base64 without padding; passlib writes "." for "+".
export const fromB64 = (text: string) =>
  new Uint8Array(Buffer.from(text.replace(/\./g, '+'), 'base64'));

/** The algorithm of one stored hash (see StoredHash for its parameters). */
export function detectHashAlgorithm(hash: string, context: HashContext): HashAlgorithm {
  return describeStoredHash(hash, context).algo;
}

/** Reads the scheme and its parameters from a stored hash. */
export function describeStoredHash(raw: string, context: HashContext): StoredHash {
  const text = raw.trim();
  const of = (
    algo: HashAlgorithm,
    params: Record<string, number | string> = {},
    digest?: Uint8Array,
  ): StoredHash => ({ algo, params, text, ...(digest ? { digest } : {}) });

  if (text === '') return of('empty');
  if (context.format === 'ntds') {
    return /^[0-9a-f]{32}$/i.test(text) ? of('ntlm', {}, fromHex(text)) : of('unknown');
  }
  if (context.format === 'shadow' && LOCKED.test(text)) return of('locked');

  const prefixed = describePrefixed(text);
  if (prefixed) return prefixed;

  if (HEX.test(text)) {
    if (text.length === 32) return of('md5-or-ntlm', {}, fromHex(text));
    if (text.length === 40) return of('sha1', {}, fromHex(text));
    if (text.length === 64) return of('sha256', {}, fromHex(text));
    if (text.length === 128) return of('sha512', {}, fromHex(text));
  }
  if (DES_CRYPT_PATTERN.test(text)) return of('descrypt');
  if (context.format === 'shadow') return of('unknown');
  return looksEncoded(text) ? of('unknown') : of('plaintext');
}

// Long runs of base64/hex alphabet, or "$" structure, are some encoding Ward does not know
// rather than a password someone typed.
function looksEncoded(text: string): boolean {
  return text.startsWith('$') || text.startsWith('{') || /^[A-Za-z0-9+/=.]{32,}$/.test(text);
}

function describePrefixed(text: string): StoredHash | undefined {
  const of = (
    algo: HashAlgorithm,
    params: Record<string, number | string> = {},
    digest?: Uint8Array,
    stored = text,
  ): StoredHash => ({ algo, params, text: stored, ...(digest ? { digest } : {}) });

  // Django prefixes its hasher name: "argon2$argon2id$v=19$...", "bcrypt$$2b$12$...".
  const django = /^(?:argon2(?=\$argon2)|bcrypt\$|bcrypt_sha256\$)(\$.*)$/.exec(text);
  if (django) {
    const inner = describePrefixed(django[1]!);
    if (inner && text.startsWith('bcrypt_sha256$')) inner.params['prehash'] = 'sha256';
    return inner;
  }
  if (text.startsWith('{CRYPT}')) return describePrefixed(text.slice(7)) ?? of('unknown');

  const bcrypt = /^\$2[abxy]?\$(\d\d)\$[./A-Za-z0-9]{53}$/.exec(text);
  if (bcrypt) return of('bcrypt', { cost: Number(bcrypt[1]) });

  const argon = /^\$(argon2id|argon2i|argon2d)\$(?:v=(\d+)\$)?m=(\d+),t=(\d+),p=(\d+)\$/.exec(text);
  if (argon) {
    const params = { m: Number(argon[3]), t: Number(argon[4]), p: Number(argon[5]) };
    return of(argon[1] as HashAlgorithm, argon[2] ? { ...params, v: Number(argon[2]) } : params);
  }

  const scryptPhc = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$/.exec(text);
  if (scryptPhc) {
    const N = 2 ** Number(scryptPhc[1]);
    return of('scrypt', { N, r: Number(scryptPhc[2]), p: Number(scryptPhc[3]) });
  }
  if (text.startsWith('$7$')) return describeScryptCrypt(text) ?? of('unknown');
  const werkzeugScrypt = /^scrypt:(\d+):(\d+):(\d+)\$/.exec(text);
  if (werkzeugScrypt) {
    const [, N, r, p] = werkzeugScrypt.map(Number) as [number, number, number, number];
    return of('scrypt', { N, r, p });
  }
  if (/^\$(?:y|gy)\$/.test(text)) return of('yescrypt');

  const pbkdf2 = describePbkdf2(text);
  if (pbkdf2) return pbkdf2;

  const sha = /^\$([56])\$(?:rounds=(\d+)\$)?[^$]*\$[./A-Za-z0-9]+$/.exec(text);
  if (sha) {
    const rounds = sha[2] ? Math.max(1000, Number(sha[2])) : SHA_CRYPT_DEFAULT_ROUNDS;
    return of(sha[1] === '6' ? 'sha512crypt' : 'sha256crypt', { rounds });
  }
  if (/^\$1\$[^$]{0,8}\$[./A-Za-z0-9]{22}$/.test(text)) return of('md5crypt');
  if (/^\$apr1\$[^$]{0,8}\$[./A-Za-z0-9]{22}$/.test(text)) return of('apr1');

  const ldap = /^\{(SHA|SSHA|SSHA256|SSHA512|MD5|SMD5|CLEARTEXT|PLAIN)\}(.*)$/i.exec(text);
  if (ldap) return describeLdap(ldap[1]!.toUpperCase(), ldap[2]!, of);
  return undefined;
}

function describeLdap(
  scheme: string,
  value: string,
  of: (
    algo: HashAlgorithm,
    params?: Record<string, number | string>,
    digest?: Uint8Array,
    stored?: string,
  ) => StoredHash,
): StoredHash {
  if (scheme === 'CLEARTEXT' || scheme === 'PLAIN') return of('plaintext', {}, undefined, value);
  const bytes = new Uint8Array(Buffer.from(value, 'base64'));
  if (scheme === 'SHA') return bytes.length === 20 ? of('sha1-base64', {}, bytes) : of('unknown');
  if (scheme === 'MD5') return bytes.length === 16 ? of('md5', {}, bytes) : of('unknown');
  const digest = { SSHA: 'sha1', SSHA256: 'sha256', SSHA512: 'sha512', SMD5: 'md5' }[scheme]!;
  const size = { sha1: 20, sha256: 32, sha512: 64, md5: 16 }[digest]!;
  return bytes.length > size ? of('ssha', { digest }) : of('unknown');
}

function describePbkdf2(text: string): StoredHash | undefined {
  const of = (digest: string, iterations: number): StoredHash | undefined => {
    const algo = { sha1: 'pbkdf2-sha1', sha256: 'pbkdf2-sha256', sha512: 'pbkdf2-sha512' }[
      digest
    ] as HashAlgorithm | undefined;
    return algo ? { algo, params: { iterations }, text } : { algo: 'unknown', params: {}, text };
  };
  // Django: pbkdf2_sha256$600000$salt$base64hash
  const django = /^pbkdf2_(sha1|sha256|sha512)\$(\d+)\$[^$]*\$[A-Za-z0-9+/=]+$/.exec(text);
  if (django) return of(django[1]!, Number(django[2]));
  // PHC ("$pbkdf2-sha256$i=600000,l=32$salt$hash") and passlib ("$pbkdf2-sha256$29000$salt$hash",
  // "$pbkdf2$..." being SHA-1).
  const phc =
    /^\$pbkdf2(?:-(sha1|sha256|sha512))?\$(?:i=(\d+)(?:,l=\d+)?|(\d+))\$[^$]*\$[^$]+$/.exec(text);
  if (phc) return of(phc[1] ?? 'sha1', Number(phc[2] ?? phc[3]));
  // Werkzeug: pbkdf2:sha256:600000$salt$hexhash
  const werkzeug = /^pbkdf2:(sha1|sha256|sha512):(\d+)\$[^$]*\$[0-9a-f]+$/.exec(text);
  if (werkzeug) return of(werkzeug[1]!, Number(werkzeug[2]));
  return undefined;
}

/** "$7$" (scrypt in crypt format, libxcrypt/libsodium): log2 N, then r and p as 30-bit itoa64. */
export function describeScryptCrypt(text: string): StoredHash | undefined {
  const match =
    /^\$7\$([./A-Za-z0-9])([./A-Za-z0-9]{5})([./A-Za-z0-9]{5})[^$]*\$[./A-Za-z0-9]{43}$/.exec(text);
  if (!match) return undefined;
  const read30 = (chars: string) =>
    [...chars].reduce((acc, ch, i) => acc + itoa64Value(ch) * 2 ** (6 * i), 0);
  const N = 2 ** itoa64Value(match[1]!);
  return { algo: 'scrypt', params: { N, r: read30(match[2]!), p: read30(match[3]!) }, text };
}

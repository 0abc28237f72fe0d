// Test support: builds dump lines from chosen plaintexts with the real algorithms, so tests
// never need fixture files (and never hold a hash nobody can explain).
import { hash as argon2Hash } from '@node-rs/argon2';
import { hash, pbkdf2Sync, scryptSync } from 'node:crypto';
import { bcryptHash } from '../hashing/bcrypt.ts';
import { desCrypt } from '../hashing/des-crypt.ts';
import { lmHex, NO_LM_HASH } from '../hashing/lm.ts';
import { md5Crypt } from '../hashing/md5-crypt.ts';
import { ntlmHex } from '../hashing/ntlm.ts';
import { shaCrypt } from '../hashing/sha-crypt.ts';

export interface NtdsUser {
  user: string;
  password: string;
  domain?: string;
  rid?: number;
  lm?: boolean;
  status?: 'Enabled' | 'Disabled';
}

/** One secretsdump line: DOMAIN\user:rid:lmhash:nthash::: [(status=...)] */
export function ntdsLine(u: NtdsUser): string {
  const name =
    u.domain === undefined ? `CORP\\${u.user}` : u.domain ? `${u.domain}\\${u.user}` : u.user;
  const lm = u.lm ? lmHex(u.password)! : NO_LM_HASH;
  const status = u.status ? ` (status=${u.status})` : '';
  return `${name}:${u.rid ?? 1000}:${lm}:${ntlmHex(u.password).toLowerCase()}:::${status}`;
}

/** One /etc/shadow line with the usual ageing fields. */
export function shadowLine(user: string, hashField: string): string {
  return `${user}:${hashField}:19800:0:99999:7:::`;
}

export const hex = (algo: 'md5' | 'sha1' | 'sha256' | 'sha512', password: string) =>
  hash(algo, password, 'hex');

export const ldapSha = (password: string) => `{SHA}${hash('sha1', password, 'base64')}`;

export function ldapSsha(password: string, salt: string): string {
  const digest = hash('sha1', Buffer.concat([Buffer.from(password), Buffer.from(salt)]), 'buffer');
  return `{SSHA}${Buffer.concat([digest, Buffer.from(salt)]).toString('base64')}`;
}

export const sha512crypt = (password: string, salt = 'saltsalt', rounds?: number) =>
  shaCrypt(password, rounds ? `$6$rounds=${rounds}$${salt}` : `$6$${salt}`);
export const sha256crypt = (password: string, salt = 'saltsalt') =>
  shaCrypt(password, `$5$${salt}`);
export const md5crypt = (password: string, salt = 'saltsalt') => md5Crypt(password, salt);
export const apr1 = (password: string, salt = 'saltsalt') => md5Crypt(password, salt, '$apr1$');
export const descrypt = (password: string, salt = 'ab') => desCrypt(password, salt);
export const bcrypt = (password: string, cost = 4, saltByte = 7) =>
  bcryptHash(password, new Uint8Array(16).fill(saltByte), cost, 'y');

/** Django's "pbkdf2_sha256$iterations$salt$base64" layout. */
export function djangoPbkdf2(password: string, iterations: number, salt = 'pepperpot'): string {
  const digest = pbkdf2Sync(password, salt, iterations, 32, 'sha256').toString('base64');
  return `pbkdf2_sha256$${iterations}$${salt}$${digest}`;
}

/** PHC "$pbkdf2-sha512$i=N,l=64$salt$hash" with unpadded base64. */
export function phcPbkdf2(password: string, iterations: number): string {
  const salt = Buffer.from('0123456789abcdef');
  const digest = pbkdf2Sync(password, salt, iterations, 64, 'sha512');
  const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '');
  return `$pbkdf2-sha512$i=${iterations},l=64$${b64(salt)}$${b64(digest)}`;
}

/** Werkzeug's "pbkdf2:sha256:N$salt$hex". */
export function werkzeugPbkdf2(password: string, iterations: number): string {
  const digest = pbkdf2Sync(password, 'NaCl1234', iterations, 32, 'sha256').toString('hex');
  return `pbkdf2:sha256:${iterations}$NaCl1234$${digest}`;
}

/** passlib's "$scrypt$ln=..,r=..,p=..$salt$hash". */
export function passlibScrypt(password: string, ln: number, r = 8, p = 1): string {
  const salt = Buffer.from('sodium-chloride!');
  const digest = scryptSync(password, salt, 32, { N: 2 ** ln, r, p, maxmem: 256 * 2 ** ln * r });
  const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '');
  return `$scrypt$ln=${ln},r=${r},p=${p}$${b64(salt)}$${b64(digest)}`;
}

/** argon2 through @node-rs/argon2 (small memory by default so tests stay fast). */
export function argon2(
  password: string,
  options: { memoryCost?: number; timeCost?: number; algorithm?: 0 | 1 | 2 } = {},
): Promise<string> {
  return argon2Hash(password, {
    memoryCost: options.memoryCost ?? 1024,
    timeCost: options.timeCost ?? 1,
    parallelism: 1,
    algorithm: options.algorithm ?? 2,
  });
}

/** A CSV text from a header and rows (values quoted when needed). */
export function csvText(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  delimiter = ',',
): string {
  const cell = (v: string) => (/[",;\t\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [header, ...rows].map((r) => r.map(cell).join(delimiter)).join('\n') + '\n';
}

/** A well-formed bcrypt string that no password matches, for detection and rating tests
 * (computing a real cost-12 hash takes about 300 ms). */
export const bcryptShaped = (cost: number) =>
  `$2b$${String(cost).padStart(2, '0')}$${'N'.repeat(22)}${'e'.repeat(31)}`;

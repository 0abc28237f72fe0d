import { randomBytes } from 'node:crypto';
import { hash, verify, type Options } from '@node-rs/argon2';

// OWASP Password Storage Cheat Sheet: argon2id with at least m=19 MiB, t=2, p=1.
const ARGON2: Options = {
  // Argon2id. The package exports Algorithm as a `const enum`, which type stripping cannot
  // inline, so the member's value is written out.
  algorithm: 2,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

/**
 * NIST SP 800-63B-4 asks verifiers to normalise Unicode before hashing so that the same
 * password typed on two keyboards (composed vs decomposed accents) matches. NFKC is applied
 * both when hashing and when verifying.
 */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

/** An argon2id PHC string (`$argon2id$v=19$m=19456,t=2,p=1$...`) with a random salt. */
export async function hashPassword(password: string): Promise<string> {
  return hash(normalizePassword(password), ARGON2);
}

/** True when `password` matches; false for a wrong password or an unreadable hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, normalizePassword(password));
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as checking a real password, for logins naming an unknown or disabled
 * user, so response time does not tell which usernames exist.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(await dummyHash, password);
  return false;
}

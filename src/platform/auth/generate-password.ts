import { randomBytes } from 'node:crypto';
import { checkPasswordPolicy, type PasswordContext } from './password-policy.ts';

// 32 symbols (5 bits each, so a byte maps without bias) with no look-alikes: no l, o, 0 or 1.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/**
 * A random password for `--generate`: 24 characters (120 bits) in groups of four, easy to read
 * out over the phone and never starting with a dash that a shell would take for an option.
 * Drawn again in the astronomically rare case that it fails the policy (say, it contains the
 * username).
 */
export function generatePassword(context: PasswordContext): string {
  for (;;) {
    const chars = [...randomBytes(24)].map((b) => ALPHABET[b & 31]);
    const password = chars.join('').match(/.{4}/g)!.join('-');
    if (checkPasswordPolicy(password, context).length === 0) return password;
  }
}

import { COMMON_PASSWORDS, COMMON_ROOTS } from './common-passwords.ts';
import { normalizePassword } from './password.ts';

// NIST SP 800-63B-4 section 3.1.1.2: at least 15 characters when the password is the only
// factor, at least 64 allowed (we allow 256), every printing character and the space allowed,
// no composition rules ("one digit, one symbol"), and a blocklist of common, expected or
// compromised values including context-specific words such as the username.
export const MIN_PASSWORD_LENGTH = 15;
export const MAX_PASSWORD_LENGTH = 256;

export interface PasswordContext {
  username: string;
  displayName?: string | null | undefined;
}

/** Reasons a password is refused (empty when acceptable), as `checkPasswordPolicy` returns them. */
export type PasswordChecker = (password: string, context: PasswordContext) => string[];

/**
 * Why `password` is not acceptable, one sentence per reason; an empty list means it is fine.
 * Length counts Unicode characters (code points) after NFKC normalisation, as the hash sees them.
 */
export function checkPasswordPolicy(password: string, context: PasswordContext): string[] {
  const reasons: string[] = [];
  const normalized = normalizePassword(password);
  const length = [...normalized].length;
  if (length < MIN_PASSWORD_LENGTH) {
    reasons.push(
      `Use at least ${MIN_PASSWORD_LENGTH} characters (this one has ${length}); a few ordinary words with spaces are easy to remember.`,
    );
  }
  if (length > MAX_PASSWORD_LENGTH) {
    reasons.push(`Use at most ${MAX_PASSWORD_LENGTH} characters (this one has ${length}).`);
  }
  if (/\p{Cc}/u.test(normalized)) {
    reasons.push(
      'Use printable characters only: tabs, line breaks and other control characters are not allowed.',
    );
  }
  const folded = fold(normalized);
  if (containsWord(folded, context.username)) {
    reasons.push('Do not include your username in your password.');
  }
  // A name part equal to the username was reported just above; one sentence per problem.
  const username = fold(context.username);
  if (
    displayNameParts(context.displayName).some(
      (part) => fold(part) !== username && containsWord(folded, part),
    )
  ) {
    reasons.push('Do not include your name in your password.');
  }
  if (isCommon(folded)) {
    reasons.push(
      'This password is on the list of the most commonly used passwords; choose one that others would not.',
    );
  } else if (isPattern(folded)) {
    reasons.push(
      'This password is a repeated or sequential pattern (such as "aaaa" or "abcd1234"); choose something less predictable.',
    );
  }
  return reasons;
}

/** Lower case without spaces: "Pass Word" and "password" are the same guess. */
function fold(text: string): string {
  return text.toLowerCase().replace(/\s+/gu, '');
}

// Names shorter than 3 characters ("Al", "Li") would reject too many good passwords.
function containsWord(folded: string, word: string | null | undefined): boolean {
  const w = fold(word ?? '');
  return w.length >= 3 && folded.includes(w);
}

function displayNameParts(displayName: string | null | undefined): string[] {
  if (!displayName) return [];
  const parts = displayName.split(/[\s,.\-_]+/u).filter((p) => [...p].length >= 4);
  return [displayName, ...parts];
}

function isCommon(folded: string): boolean {
  if (COMMON_PASSWORDS.has(folded)) return true;
  // A common root padded with digits and symbols: "Password!2024!!!", "summer2024summer".
  const letters = folded.replace(/[^\p{L}]/gu, '');
  return COMMON_ROOTS.some((root) => {
    const rootLetters = root.replace(/[^\p{L}]/gu, '');
    return (
      rootLetters.length > 0 &&
      letters.length > 0 &&
      letters === rootLetters.repeat(letters.length / rootLetters.length)
    );
  });
}

/** Few distinct characters, or one run up or down the alphabet or the digits. */
function isPattern(folded: string): boolean {
  const chars = [...folded];
  if (new Set(chars).size < 4) return true;
  const codes = chars.map((c) => c.codePointAt(0)!);
  const step = (a: number, b: number) => {
    const d = b - a;
    // 9 -> 0 continues a digit run, as in 1234567890.
    return d === 1 || d === -1 || (a === 57 && b === 48) || (a === 48 && b === 57);
  };
  return codes.every((c, i) => i === 0 || step(codes[i - 1]!, c));
}

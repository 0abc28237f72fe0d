import type { PasswordReason } from '../../../api-types.ts';

export type ReasonCode = PasswordReason['code'];
/** The codes whose message needs no figures. */
export type FixedCode = Exclude<ReasonCode, 'too_short' | 'too_long' | 'breached' | 'weak'>;

// Each message says what is wrong and what to do instead, and never quotes the password or
// the part of it that matched: responses and logs must not carry it.
const FIXED: Readonly<Record<FixedCode, string>> = {
  control_characters:
    'Use printable characters only: tabs, line breaks and other control characters are not allowed.',
  common_password:
    'This is one of the most commonly used passwords, even with digits or symbols added or letters swapped for look-alikes; use a few unrelated words instead.',
  dictionary_word:
    'This is a single dictionary word or name (repeated, or with digits and symbols added); attackers try every one. Use a few unrelated words instead.',
  context_word:
    'This is mostly the name of the hospital or one of its departments, which attackers try first; use a few unrelated words instead.',
  username: 'Do not include your username in your password.',
  personal_name: 'Do not include your name in your password.',
  season_or_year:
    'Seasons, months and years (such as "Summer2024") are among the first guesses attackers make; use a few unrelated words instead.',
  medical_term:
    'This is mostly a medical or hospital term (such as "nurse" or "cardiology"), which attackers try first against a hospital; use a few unrelated words instead.',
  pattern:
    'This is a keyboard pattern, repeat or sequence (such as "qwerty", "aaaa" or "12345"); choose something less predictable, such as a few unrelated words.',
};

export function fixedReason(code: FixedCode): PasswordReason {
  return { code, message: FIXED[code] };
}

export function tooShortReason(minimum: number, length: number): PasswordReason {
  return {
    code: 'too_short',
    message: `Use at least ${minimum} characters (this one has ${length}); a few ordinary words with spaces are easy to remember.`,
  };
}

export function tooLongReason(maximum: number, length: number): PasswordReason {
  return {
    code: 'too_long',
    message: `Use at most ${maximum} characters (this one has ${length}).`,
  };
}

export function breachedReason(count: number): PasswordReason {
  const times = count === 1 ? 'once' : `${count.toLocaleString('en-US')} times`;
  return {
    code: 'breached',
    message: `This password has been seen ${times} in data breaches, so attackers try it early; choose one you have never used anywhere else.`,
  };
}

export function weakReason(crackTime: string): PasswordReason {
  return {
    code: 'weak',
    message: `This password is too easy to guess (an attacker with a stolen copy of the password database could find it in ${crackTime}); add another unrelated word or two.`,
  };
}

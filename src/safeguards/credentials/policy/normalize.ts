// Lithnet Password Protection's banned-word normalisation: the substitutions people make to
// dress up a banned word ("P@55w0rd!123") are undone before the whole-password comparison.
const LEET: Readonly<Record<string, string>> = {
  $: 's',
  '5': 's',
  '0': 'o',
  '4': 'a',
  '@': 'a',
  '^': 'a',
  '3': 'e',
  '(': 'c',
  '6': 'g',
  '1': 'i',
  '!': 'i',
  '7': 't',
  '8': 'b',
  '2': 'z',
};

const WHITESPACE = /\s+/gu;
// "Digits and symbols" at the ends: anything that is not a letter (a combining mark counts as
// part of its letter).
const EDGE_NON_LETTERS = /^[^\p{L}\p{M}]+|[^\p{L}\p{M}]+$/gu;
const LEET_CHARS = /[$540@^3(61!782]/gu;
const DROPPED = /[_.+]/gu;
const NOT_ALPHANUMERIC = /[^\p{L}\p{M}\p{N}]+/gu;

/**
 * The form Lithnet compares against its banned-word store: lower-case, no whitespace, leading
 * and trailing digits and symbols stripped, look-alikes mapped to letters, `_ . +` dropped.
 * `P@55w0rd!123` and `Winter2017!` become `password` and `winter`.
 */
export function normalizeForBlocklist(password: string): string {
  return password
    .normalize('NFKC')
    .toLowerCase()
    .replace(WHITESPACE, '')
    .replace(EDGE_NON_LETTERS, '')
    .replace(LEET_CHARS, mapLookAlike)
    .replace(DROPPED, '');
}

/**
 * The key the policy compares word lists on: the Lithnet form with the remaining inner
 * punctuation removed too, so "pass-word" and "Mary's" meet "password" and "marys".
 */
export function blocklistKey(text: string): string {
  return normalizeForBlocklist(text).replace(NOT_ALPHANUMERIC, '');
}

/** The letter a look-alike character stands for ("@" -> "a"); other characters unchanged. */
export function mapLookAlike(char: string): string {
  return LEET[char] ?? char;
}

// One or two look-alikes inside a word ("Summ3r", "W1nt3r"); a longer run of digits between
// words is more likely a year or a number than a disguised letter.
const INNER_LOOK_ALIKES = /(?<=\p{L})[$540@^3(61!782]{1,2}(?=\p{L})/gu;
const NOT_LETTER = /[^\p{L}\p{M}]+/gu;

/**
 * The letters of the password with look-alikes inside words mapped and every digit and symbol
 * dropped: "welcome2024welcome" and "Summ3r-2024" become "welcomewelcome" and "summer".
 * Complements blocklistKey, which maps "2024" to "zoza" when it sits between letters.
 */
export function lettersKey(text: string): string {
  return unLeetInsideWords(foldPassword(text)).replace(NOT_LETTER, '');
}

/** Maps one or two look-alikes between letters ("summ3r" -> "summer"); the rest unchanged. */
export function unLeetInsideWords(folded: string): string {
  return folded.replace(INNER_LOOK_ALIKES, (run) => [...run].map(mapLookAlike).join(''));
}

/** Lower case without whitespace: "Pass Word" and "password" are the same guess. */
export function foldPassword(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(WHITESPACE, '');
}

/** Unicode code points, which is what NIST SP 800-63B-4 3.1.1.2 counts as characters. */
export function countCharacters(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

// Rows and columns of the keyboards in use in English- and European-language hospitals
// (QWERTY, QWERTZ, AZERTY), each walked in both directions.
const KEYBOARD_LINES = [
  '`1234567890-=',
  '~!@#$%^&*()_+',
  'qwertyuiop[]\\',
  "asdfghjkl;'",
  'zxcvbnm,./',
  'qwertzuiop',
  'yxcvbnm',
  'azertyuiop',
  'qsdfghjklm',
  'wxcvbn',
  '1qaz',
  '2wsx',
  '3edc',
  '4rfv',
  '5tgb',
  '6yhn',
  '7ujm',
  '8ik,',
  '9ol.',
  '0p;/',
  // The other diagonal: "2" sits above and between "q" and "w", as in "1q2w3e4r".
  '2q',
  '3wa',
  '4esz',
  '5rdx',
  '6tfc',
  '7ygv',
  '8uhb',
  '9ijn',
  '0okm',
  '-pl,',
];

const NEIGHBOURS: ReadonlySet<string> = new Set(
  KEYBOARD_LINES.flatMap((line) => {
    const keys = [...line];
    return keys.slice(1).flatMap((key, i) => [keys[i] + key, key + keys[i]]);
  }),
);

// Walks shorter than this are ordinary text: "er", "as" and "io" sit next to each other on
// the keyboard and in the alphabet.
const MIN_WALK = 3;
// NIST's blocklist examples include "repetitive or sequential characters"; a password drawn
// from three symbols or fewer is that however it is arranged.
const MIN_DISTINCT = 4;

/**
 * True when the password is only repeats, alphabet or digit runs and keyboard walks
 * ("aaaaaaaaaaaaaaa", "123456789012345", "qwertyuiopasdfg", "ponmlkjihgfedcba"), each stretch at
 * least three keys long. `folded` is the lower-cased password without whitespace.
 */
export function isKeyboardOrSequencePattern(folded: string): boolean {
  const chars = [...folded];
  if (chars.length === 0) return false;
  if (new Set(chars).size < MIN_DISTINCT) return true;
  let walk = 1;
  for (let i = 1; i < chars.length; i++) {
    if (follows(chars[i - 1]!, chars[i]!)) {
      walk++;
    } else {
      if (walk < MIN_WALK) return false;
      walk = 1;
    }
  }
  return walk >= MIN_WALK;
}

function follows(previous: string, next: string): boolean {
  if (previous === next || NEIGHBOURS.has(previous + next)) return true;
  const step = next.codePointAt(0)! - previous.codePointAt(0)!;
  return (step === 1 || step === -1) && sameClass(previous, next);
}

function sameClass(a: string, b: string): boolean {
  return (/[a-z]/.test(a) && /[a-z]/.test(b)) || (/\d/.test(a) && /\d/.test(b));
}

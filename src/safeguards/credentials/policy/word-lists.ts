import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { COMMON_PHRASES } from './common-phrases.ts';
import { blocklistKey } from './normalize.ts';

/** Normalised keys (see blocklistKey) of each list the whole password is compared with. */
export interface WordSets {
  /** Common passwords: zxcvbn-ts `passwords-common` plus the built-in phrases. */
  commonKeys: ReadonlySet<string>;
  /** The same entries lower-cased but not normalised, for "1qaz2wsx" style entries. */
  commonRaw: ReadonlySet<string>;
  /** English words: zxcvbn-ts `commonWords-en` and `wikipedia-en`. */
  dictionaryKeys: ReadonlySet<string>;
  /** First names and surnames: a reason only when one is the whole password. */
  nameKeys: ReadonlySet<string>;
}

// A key this short after stripping digits and symbols says little ("a", "xy"); zxcvbn and the
// pattern rule judge such passwords instead.
const MIN_KEY_LENGTH = 3;

let wordSets: WordSets | undefined;
let auditDictionary: readonly string[] | undefined;

/** Built on first use (about 120 ms for 230,000 words) and shared by every policy. */
export function loadWordSets(): WordSets {
  wordSets ??= {
    commonKeys: keysOf([...common.dictionary['passwords-common'], ...COMMON_PHRASES]),
    commonRaw: new Set(
      [...common.dictionary['passwords-common'], ...COMMON_PHRASES].map((w) => w.toLowerCase()),
    ),
    dictionaryKeys: keysOf([...en.dictionary['commonWords-en'], ...en.dictionary['wikipedia-en']]),
    nameKeys: keysOf([...en.dictionary['firstnames-en'], ...en.dictionary['lastnames-en']]),
  };
  return wordSets;
}

/**
 * The exact candidates (not normalised) a hash audit should try: common passwords, the
 * built-in phrases and common English words, about 89,000 entries.
 */
export function loadAuditDictionary(): readonly string[] {
  auditDictionary ??= [
    ...new Set(
      [
        ...common.dictionary['passwords-common'],
        ...COMMON_PHRASES,
        ...en.dictionary['commonWords-en'],
      ].map((w) => w.toLowerCase()),
    ),
  ];
  return auditDictionary;
}

function keysOf(words: readonly string[]): ReadonlySet<string> {
  const keys = new Set<string>();
  for (const word of words) {
    const key = blocklistKey(word);
    if (key.length >= MIN_KEY_LENGTH) keys.add(key);
  }
  return keys;
}

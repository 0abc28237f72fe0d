import type { FixedCode } from './messages.ts';
import { coveredShare, markCoverage } from './context-words.ts';
import {
  blocklistKey,
  countCharacters,
  foldPassword,
  lettersKey,
  unLeetInsideWords,
} from './normalize.ts';
import { isKeyboardOrSequencePattern } from './patterns.ts';
import { isWordOrRepeat } from './repetition.ts';
import { isSeasonOrYear } from './seasons.ts';
import type { WordSets } from './word-lists.ts';

export type BlocklistCode = Exclude<FixedCode, 'control_characters'>;

/** The lists a policy compares with, prepared once when the policy is created. */
export interface BlocklistLists {
  /** Keys of the hospital's names, departments and local banned words. */
  contextKeys: readonly string[];
  /** Keys of the built-in medical terms that are not already context keys. */
  medicalKeys: readonly string[];
  words: WordSets;
}

export interface PersonalDetails {
  username?: string | null | undefined;
  displayName?: string | null | undefined;
}

// A context word must make up at least half of the password (after normalisation) to count:
// "StMarys2024!!!!!" is the hospital's name, a long passphrase that mentions a ward is not.
const CONTEXT_SHARE = 0.5;
// Lithnet rejects an account name of more than 3 characters anywhere in the password; names
// shorter than 3 ("Al", "Li") would reject too many good passwords.
const MIN_PERSONAL = 3;
const NAME_SEPARATORS = /[\s,.\-_'\u2019()]+/u;
const NOT_ALPHANUMERIC = /[^\p{L}\p{M}\p{N}]+/gu;

/**
 * The blocklist codes that apply to `password`, at most one per problem. The core of the
 * password is explained once: by the user's own names, the hospital's context words or a
 * season first, otherwise by the most specific rule that explains it (character patterns,
 * common passwords, words and names, then zxcvbn's patterns). `onlyPatterns` is zxcvbn's
 * verdict that the whole password is keyboard walks, repeats and sequences.
 */
export function findBlocklistCodes(
  password: string,
  person: PersonalDetails,
  lists: BlocklistLists,
  onlyPatterns: boolean,
): BlocklistCode[] {
  const folded = foldPassword(password);
  const key = blocklistKey(password);
  // Two readings of the core: Lithnet's ("P@55w0rd!123" -> "password") and letters only
  // ("welcome2024welcome" -> "welcomewelcome"); a rule that matches either applies.
  const keys = unique([key, lettersKey(password)]);
  const codes: BlocklistCode[] = [];
  const usernames = usernameForms(person.username);
  const forms = [folded, squash(folded)];
  if (usernames.some((u) => containsIn(forms, u))) codes.push('username');
  // "jdoe" holds the surname "doe": once the username is reported, look at the rest only.
  const rest = forms.map((form) => usernames.reduce((s, u) => cut(s, u), form));
  const names = nameParts(person.displayName).filter((n) => !usernames.includes(n));
  if (names.some((n) => containsIn(rest, n))) codes.push('personal_name');
  codes.push(...unique(keys.flatMap((k) => contextCodes(k, lists))));
  if (isSeasonOrYear(folded, key)) codes.push('season_or_year');
  if (codes.length > 0) return codes;
  // Character-level patterns first: "aaaaaaaaaaaaaaa" is a repeat before it is "aaa" padded.
  if (isKeyboardOrSequencePattern(folded)) return ['pattern'];
  const { commonKeys, commonRaw, dictionaryKeys, nameKeys } = lists.words;
  if (commonRaw.has(folded) || keys.some((k) => isWordOrRepeat(k, (w) => commonKeys.has(w)))) {
    return ['common_password'];
  }
  const isWordOrName = (w: string) => dictionaryKeys.has(w) || nameKeys.has(w);
  if (keys.some((k) => isWordOrRepeat(k, isWordOrName))) return ['dictionary_word'];
  if (onlyPatterns) return ['pattern'];
  return [];
}

function contextCodes(key: string, lists: BlocklistLists): BlocklistCode[] {
  const context = markCoverage(key, lists.contextKeys);
  // A medical term inside a department's name ("cardio" in "Cardiology") is the department.
  const medical = markCoverage(key, lists.medicalKeys).map((m, i) => m && !context[i]);
  const contextShare = coveredShare(context);
  const medicalShare = coveredShare(medical);
  const codes: BlocklistCode[] = [];
  if (contextShare >= CONTEXT_SHARE) codes.push('context_word');
  if (medicalShare >= CONTEXT_SHARE) codes.push('medical_term');
  // "smh icu ward" is all context although no single word is half of it: name the larger part.
  if (codes.length === 0 && contextShare + medicalShare >= CONTEXT_SHARE) {
    codes.push(contextShare >= medicalShare ? 'context_word' : 'medical_term');
  }
  return codes;
}

// "jdoe", "CORP\jdoe" and "jdoe@stmarys.org" are all the account name "jdoe".
function usernameForms(username: string | null | undefined): string[] {
  if (!username) return [];
  const folded = foldPassword(username);
  const forms = [folded, folded.split('\\').at(-1) ?? '', folded.split('@')[0] ?? ''];
  return unique(forms.filter((f) => countCharacters(f) >= MIN_PERSONAL));
}

function nameParts(displayName: string | null | undefined): string[] {
  if (!displayName) return [];
  const parts = displayName.split(NAME_SEPARATORS).map(foldPassword);
  return unique(
    [foldPassword(displayName), ...parts].filter((p) => countCharacters(p) >= MIN_PERSONAL),
  );
}

// Compared as typed and with look-alikes inside words mapped and punctuation dropped, so
// "jd0e" and "J.Doe" still contain "jdoe". `forms` are the folded password and its squash.
function containsIn(forms: readonly string[], word: string): boolean {
  const [folded = '', squashed = ''] = forms;
  if (folded.includes(word)) return true;
  const squashedWord = squash(word);
  return countCharacters(squashedWord) >= MIN_PERSONAL && squashed.includes(squashedWord);
}

// The username, typed or squashed, replaced by a character squash never produces, so the
// pieces either side cannot join into a name.
function cut(form: string, username: string): string {
  return [username, squash(username)]
    .filter((w) => w.length > 0)
    .reduce((text, w) => text.replaceAll(w, '\u0000'), form);
}

function squash(text: string): string {
  return unLeetInsideWords(text).replace(NOT_ALPHANUMERIC, '');
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

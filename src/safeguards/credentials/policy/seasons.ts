import { unLeetInsideWords } from './normalize.ts';
import { isWordOrRepeat } from './repetition.ts';

const SEASONS = ['spring', 'summer', 'autumn', 'fall', 'winter'];
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH_ABBREVIATIONS = ['jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept'];
const MORE_ABBREVIATIONS = ['oct', 'nov', 'dec'];

/** Season and month names, for the word lists an audit tries. */
export const SEASON_AND_MONTH_NAMES: readonly string[] = [...SEASONS, ...MONTHS];

const WHOLE_NAMES: ReadonlySet<string> = new Set(SEASON_AND_MONTH_NAMES);

// Longest first so "september" wins over "sep".
const NAME_PATTERN = [...SEASONS, ...MONTHS, ...MONTH_ABBREVIATIONS, ...MORE_ABBREVIATIONS]
  .sort((a, b) => b.length - a.length)
  .join('|');
// A four-digit year of the last or this century, or any two digits ("winter24"), not part of
// a longer number.
const YEAR_PATTERN = '(?:19|20)\\d{2}|\\d{2}';
const SEASON_YEAR = new RegExp(
  `(?:${NAME_PATTERN})(?:${YEAR_PATTERN})(?!\\d)|(?<!\\d)(?:${YEAR_PATTERN})(?:${NAME_PATTERN})`,
  'gu',
);

const NOT_ALPHANUMERIC = /[^\p{L}\p{M}\p{N}]+/gu;

/**
 * True when the password is mostly a season or month with a year ("Summer2024!", "winter24",
 * "2025-January") or just a season or month name with digits and symbols around it.
 * `folded` is the lower-cased password without whitespace; `key` its blocklist key.
 */
export function isSeasonOrYear(folded: string, key: string): boolean {
  if (isWordOrRepeat(key, (w) => WHOLE_NAMES.has(w))) return true;
  const plain = folded.replace(NOT_ALPHANUMERIC, '');
  const unleet = unLeetInsideWords(folded).replace(NOT_ALPHANUMERIC, '');
  return [plain, unleet].some((form) => mostlyCovered(form));
}

// Half the letters and digits is the same bar the context-word rule uses: a long passphrase
// that happens to mention "june 23" still passes.
function mostlyCovered(form: string): boolean {
  if (form.length === 0) return false;
  let covered = 0;
  for (const match of form.matchAll(SEASON_YEAR)) covered += match[0].length;
  return covered * 2 >= form.length;
}

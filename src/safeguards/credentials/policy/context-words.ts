import { blocklistKey } from './normalize.ts';

// Filler words in organisation names: "The Royal London Hospital" should not ban "the".
const STOPWORDS: ReadonlySet<string> = new Set(['the', 'and', 'for', 'with', 'of']);
// Shorter words or abbreviations would cover half of too many short passwords by chance.
const MIN_WORD = 3;
const APOSTROPHE_S = /['\u2019]s\b/gu;
const APOSTROPHES = /['\u2019]/gu;
const WORD_SEPARATORS = /[^\p{L}\p{M}\p{N}]+/u;

/**
 * The keys (see blocklistKey) a name is likely to appear as inside a password. "St Mary's
 * Hospital" gives stmaryshospital, stmarys, stmary, marys, mary, maryshospital, hospital and
 * the initials smh: people write the name run together, shortened and abbreviated.
 */
export function contextKeysOf(names: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const name of names) {
    const lower = name.normalize('NFKC').toLowerCase();
    // With and without the possessive: "St Mary's" is written "stmarys" and "stmary".
    for (const variant of [lower.replace(APOSTROPHES, ''), lower.replace(APOSTROPHE_S, '')]) {
      const words = variant.split(WORD_SEPARATORS).filter((w) => w.length > 0);
      addRuns(words, keys);
      addInitials(words, keys);
    }
  }
  return [...keys].filter((key) => key.length >= MIN_WORD && !STOPWORDS.has(key));
}

// Every run of consecutive words, joined: "st", "stmarys", "stmaryshospital", "marys", ...
function addRuns(words: readonly string[], keys: Set<string>): void {
  for (let start = 0; start < words.length; start++) {
    for (let end = start + 1; end <= words.length; end++) {
      keys.add(blocklistKey(words.slice(start, end).join('')));
    }
  }
}

function addInitials(words: readonly string[], keys: Set<string>): void {
  if (words.length < 2) return;
  const initials = (list: readonly string[]) => list.map((w) => [...w][0] ?? '').join('');
  keys.add(blocklistKey(initials(words)));
  keys.add(blocklistKey(initials(words.filter((w) => !STOPWORDS.has(w)))));
}

/**
 * Which characters of `key` fall inside an occurrence of one of `words` (all keys). Overlapping
 * and repeated occurrences all count, so "wardward" is fully covered by "ward".
 */
export function markCoverage(key: string, words: Iterable<string>): boolean[] {
  const covered = new Array<boolean>(key.length).fill(false);
  for (const word of words) {
    if (word.length === 0) continue;
    for (let at = key.indexOf(word); at !== -1; at = key.indexOf(word, at + 1)) {
      covered.fill(true, at, at + word.length);
    }
  }
  return covered;
}

/** Share of characters marked (0 to 1). */
export function coveredShare(marks: readonly boolean[]): number {
  if (marks.length === 0) return 0;
  return marks.filter(Boolean).length / marks.length;
}

// Once a password is known (plaintext storage, a table hit, a verified candidate), what kind of
// weak password it is. The dictionary test strips one known suffix and undoes look-alike symbols
// and capitals (Lithnet's normalisation, narrowed to the variants the audit generates).
import { LEET, usernameCandidates } from './candidate-variants.ts';
import type { WordIndex, WordSource } from './word-index.ts';

export interface DictionaryMatch {
  source: WordSource;
  /** What was done to the word: "capitals", "look-alike symbols", "digits appended", ... */
  changes: string[];
}

export function isUsernamePassword(password: string, username: string, year: number): boolean {
  return password !== '' && usernameCandidates(username, year).includes(password);
}

export function matchWordList(password: string, index: WordIndex): DictionaryMatch | undefined {
  const suffixes = [...index.suffixes].sort((a, b) => b.length - a.length);
  for (const suffix of ['', ...suffixes]) {
    if (!password.endsWith(suffix) || password.length === suffix.length) continue;
    const stem = password.slice(0, password.length - suffix.length);
    const lower = stem.toLowerCase();
    const changes = describeSuffix(suffix);
    if (stem !== lower && !index.listedForms.has(stem)) changes.unshift('capitals');
    const direct = index.sources.get(lower);
    if (direct) return { source: direct, changes };
    const unleeted = undoLookAlikes(lower, index);
    if (unleeted) return { source: unleeted, changes: ['look-alike symbols', ...changes] };
  }
  return undefined;
}

/**
 * Undoes look-alike symbols by kind, as the candidates were made: "1q@z2wsx" only had its "a"
 * replaced, so each subset of the symbol kinds present is tried, not all of them at once.
 */
function undoLookAlikes(lower: string, index: WordIndex): WordSource | undefined {
  const present = LEET.filter(([, symbol]) => lower.includes(symbol));
  for (let mask = 1; mask < 1 << present.length; mask++) {
    let text = lower;
    present.forEach(([letter, symbol], bit) => {
      if (mask & (1 << bit)) text = text.replaceAll(symbol, letter);
    });
    const source = index.sources.get(text);
    if (source) return source;
  }
  return undefined;
}

function describeSuffix(suffix: string): string[] {
  const out: string[] = [];
  const digits = suffix.replace(/!$/, '');
  if (/^\d{4}$/.test(digits) && Number(digits) >= 2000) out.push('a year appended');
  else if (digits) out.push('digits appended');
  if (suffix.endsWith('!')) out.push('"!" appended');
  return out;
}

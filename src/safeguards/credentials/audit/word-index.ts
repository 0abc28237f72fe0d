// The word lists as the audit uses them: deduplicated and lower-cased, context words first, with
// the per-algorithm candidate tables built from them. Built once per word list and year and
// cached, so a server running several audits with the same lists builds each table once.
import { createHash } from 'node:crypto';
import {
  DEFAULT_TIERS,
  FORM_COUNT,
  capitalise,
  variantSuffixes,
  type VariantTiers,
} from './candidate-variants.ts';
import type { AuditWords, UnsaltedKind } from './types.ts';

export type WordSource = 'dictionary' | 'context';

export interface WordIndex {
  year: number;
  tiers: VariantTiers;
  suffixes: string[];
  /** Lower-cased, deduplicated; the first `contextCount` are context words. */
  words: string[];
  /** Each word as the list spelled it. */
  listed: string[];
  contextCount: number;
  /** Dictionary words left out because candidate ids would not fit 32 bits (see buildWordIndex). */
  dropped: number;
  sources: ReadonlyMap<string, WordSource>;
  /** The words exactly as listed ("StMarys" is not "capitals" added to "stmarys"). */
  listedForms: ReadonlySet<string>;
  /** What salted hashes are tried with after the user-name candidates (see topCandidates). */
  top: string[];
  /** Per unsalted kind, the table of every candidate's digest (built on first use). */
  tables: Map<UnsaltedKind, Promise<import('./candidate-table.ts').CandidateTable>>;
}

// Dictionary words shorter than this are noise as a "dictionary" finding ("ab1" is weak, but
// for being short, which the policy checks); context words are kept at any length.
const MIN_WORD_LENGTH = 3;
const MAX_WORD_LENGTH = 40;
// Salted hashes cost milliseconds per try, so they get the head of the list only.
export const TOP_DICTIONARY_WORDS = 100;

const cache = new Map<string, WordIndex>();
const CACHE_SIZE = 2;

/** The index for these lists and year, from the cache when the same lists were seen before. */
export function wordIndexFor(words: AuditWords, year: number, tiers = DEFAULT_TIERS): WordIndex {
  const fingerprint = createHash('sha1');
  fingerprint.update(`${year}|${tiers.full}|${tiers.common}|${words.context.length}|`);
  for (const word of words.context) fingerprint.update(`${word}\n`);
  fingerprint.update('|');
  for (const word of words.dictionary) fingerprint.update(`${word}\n`);
  const key = fingerprint.digest('hex');
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const index = buildWordIndex(words, year, tiers);
  cache.set(key, index);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return index;
}

export function buildWordIndex(words: AuditWords, year: number, tiers = DEFAULT_TIERS): WordIndex {
  const suffixes = variantSuffixes(year);
  // Ids are word * FORM_COUNT * suffixes + variant and must stay below 2^32 - 1 (the table's
  // empty slot): about 1.8 million words in 2025, fewer as the list of years grows.
  const maxWords = Math.floor(0xfffffffe / (FORM_COUNT * suffixes.length));
  const seen = new Map<string, WordSource>();
  const lower: string[] = [];
  const listed: string[] = [];
  let dropped = 0;
  const add = (word: string, source: WordSource) => {
    const trimmed = word.trim();
    const key = trimmed.toLowerCase();
    if (!key || key.length > MAX_WORD_LENGTH || seen.has(key)) return;
    if (lower.length >= maxWords) {
      dropped++;
      return;
    }
    if (source === 'dictionary' && key.length < MIN_WORD_LENGTH) return;
    seen.set(key, source);
    lower.push(key);
    listed.push(trimmed);
  };
  for (const word of words.context) add(word, 'context');
  const contextCount = lower.length;
  for (const word of words.dictionary) add(word, 'dictionary');
  return {
    year,
    tiers,
    suffixes,
    words: lower,
    listed,
    contextCount,
    dropped,
    sources: seen,
    listedForms: new Set(listed),
    top: topCandidates(listed.slice(0, contextCount), words.dictionary, year),
    tables: new Map(),
  };
}

/**
 * Candidates for salted hashes after "" and the user name: each context word as listed,
 * lower-case and Capitalised, alone or with 1, 123, this or last year, or this year + "!";
 * then the first TOP_DICTIONARY_WORDS dictionary entries as listed.
 */
function topCandidates(context: readonly string[], dictionary: readonly string[], year: number) {
  const out = new Set<string>();
  const suffixes = ['', '1', '123', String(year), `${year}!`, String(year - 1)];
  for (const word of context) {
    for (const form of [word, word.toLowerCase(), capitalise(word.toLowerCase())]) {
      for (const suffix of suffixes) out.add(form + suffix);
    }
  }
  for (const word of dictionary.slice(0, TOP_DICTIONARY_WORDS)) out.add(word);
  return [...out];
}

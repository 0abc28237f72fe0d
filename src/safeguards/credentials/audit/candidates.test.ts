import { describe, expect, it } from 'vitest';
import { ntlmHash } from '../hashing/ntlm.ts';
import { candidateIds, candidateTable, candidateText } from './candidate-table.ts';
import { bareLogin, usernameCandidates, variantSuffixes } from './candidate-variants.ts';
import { isUsernamePassword, matchWordList } from './known-password.ts';
import { buildWordIndex, wordIndexFor } from './word-index.ts';

const words = {
  dictionary: ['password', 'winter', 'dragon', 'ab', 'monkey'],
  context: ['StMarys'],
};

describe('candidate variants', () => {
  it('suffixes run from 2015 to next year, each also with "!"', () => {
    const suffixes = variantSuffixes(2025);
    expect(suffixes.slice(0, 5)).toEqual(['', '1', '12', '123', '1234']);
    expect(suffixes).toContain('2015');
    expect(suffixes).toContain('2026!');
    expect(suffixes).not.toContain('2027');
    expect(suffixes.length).toBe(2 * (5 + 12));
  });

  it('covers the usual dressing-up of a word, and each id rebuilds its text', () => {
    const index = buildWordIndex(words, 2025);
    const all = new Map<string, number>();
    for (const [id, text] of candidateIds(index)) all.set(text, id);
    for (const pw of [
      'password',
      'P@ssw0rd',
      'P@$$w0rd',
      'PASSWORD',
      'Winter2024!',
      'w1nt3r123',
      'StMarys2025',
      'stmarys1!',
    ]) {
      expect(all.has(pw), pw).toBe(true);
      expect(candidateText(index, all.get(pw)!)).toBe(pw);
    }
    // Two-letter dictionary words are skipped as noise.
    expect(all.has('ab')).toBe(false);
  });

  it('gives words past the first tiers fewer variants', () => {
    const index = buildWordIndex(words, 2025, { full: 1, common: 1 });
    const all = new Set([...candidateIds(index)].map(([, text]) => text));
    expect(all.has('P@ssw0rd')).toBe(true); // full tier: symbol subsets
    expect(all.has('W1nt3r2024!')).toBe(true); // common tier: all symbols, every suffix
    expect(all.has('W1nter2024!')).toBe(false);
    expect(all.has('Dragon123')).toBe(true); // rest: "", 1, 123, "!"
    expect(all.has('Dragon2024')).toBe(false);
  });

  it('derives user-name candidates from the bare login', () => {
    expect(bareLogin('CORP\\jsmith')).toBe('jsmith');
    expect(bareLogin('j.smith@example.org')).toBe('j.smith');
    const candidates = usernameCandidates('CORP\\JSmith', 2025);
    for (const c of [
      'JSmith',
      'jsmith',
      'JSMITH',
      'Jsmith',
      'jsmith1',
      'jsmith2025',
      'Jsmith2024!',
      'jsmith123!',
    ]) {
      expect(candidates).toContain(c);
    }
  });
});

describe('candidateTable', () => {
  it('finds the candidate behind an NT hash and nothing for other passwords', async () => {
    const index = buildWordIndex(words, 2025);
    const table = await candidateTable(index, 'ntlm');
    expect(table.find(ntlmHash('Winter2024!'))).toBe('Winter2024!');
    expect(table.find(ntlmHash('M0nkey'))).toBe('M0nkey');
    expect(table.find(ntlmHash('correct horse battery'))).toBeUndefined();
  });

  it('is built once per word list and year', async () => {
    const a = wordIndexFor(
      { dictionary: [...words.dictionary], context: [...words.context] },
      2025,
    );
    const b = wordIndexFor(
      { dictionary: [...words.dictionary], context: [...words.context] },
      2025,
    );
    expect(b).toBe(a);
    expect(await candidateTable(b, 'md5')).toBe(await candidateTable(a, 'md5'));
    expect(wordIndexFor(words, 2026)).not.toBe(a);
  });
});

describe('known passwords', () => {
  const index = buildWordIndex(words, 2025);
  it('recognises dictionary and context words through their variants', () => {
    expect(matchWordList('Winter2024!', index)).toEqual({
      source: 'dictionary',
      changes: ['capitals', 'a year appended', '"!" appended'],
    });
    expect(matchWordList('P@ssw0rd', index)).toEqual({
      source: 'dictionary',
      changes: ['look-alike symbols', 'capitals'],
    });
    expect(matchWordList('stmarys123', index)).toEqual({
      source: 'context',
      changes: ['digits appended'],
    });
    expect(matchWordList('tr0ub4dor&3', index)).toBeUndefined();
  });

  it('recognises the user name with suffixes, not other words', () => {
    expect(isUsernamePassword('jsmith2025', 'CORP\\jsmith', 2025)).toBe(true);
    expect(isUsernamePassword('Jsmith!', 'jsmith', 2025)).toBe(true);
    expect(isUsernamePassword('jsmith99', 'jsmith', 2025)).toBe(false);
    expect(isUsernamePassword('', 'jsmith', 2025)).toBe(false);
  });
});

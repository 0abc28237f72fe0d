import { describe, expect, it } from 'vitest';
import { blocklistKey, countCharacters, lettersKey, normalizeForBlocklist } from './normalize.ts';

describe('normalizeForBlocklist', () => {
  it('undoes the usual disguises of a banned word, as Lithnet does', () => {
    expect(normalizeForBlocklist('P@55w0rd!123')).toBe('password');
    expect(normalizeForBlocklist('Winter2017!')).toBe('winter');
    expect(normalizeForBlocklist('  Pass Word  ')).toBe('password');
    expect(normalizeForBlocklist('(h3ck_m4te.+)')).toBe('heckmate');
    expect(normalizeForBlocklist('S3cur1ty!')).toBe('security');
    expect(normalizeForBlocklist('1234567!')).toBe('');
  });

  it('keeps other inner symbols, which the blocklist key drops', () => {
    expect(normalizeForBlocklist("St Mary's-2024")).toBe("stmary's");
    expect(blocklistKey("St Mary's-2024")).toBe('stmarys');
  });
});

describe('lettersKey', () => {
  it('drops digits and symbols between words but maps look-alikes inside them', () => {
    expect(lettersKey('welcome2024welcome')).toBe('welcomewelcome');
    expect(lettersKey('Summ3r-2024')).toBe('summer');
  });
});

describe('countCharacters', () => {
  it('counts code points, not UTF-16 units', () => {
    expect(countCharacters('🐘🦒')).toBe(2);
    expect(countCharacters('abc')).toBe(3);
  });
});

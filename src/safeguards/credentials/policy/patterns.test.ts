import { describe, expect, it } from 'vitest';
import { isKeyboardOrSequencePattern } from './patterns.ts';
import { isWordOrRepeat } from './repetition.ts';
import { isSeasonOrYear } from './seasons.ts';
import { blocklistKey, foldPassword } from './normalize.ts';

describe('isKeyboardOrSequencePattern', () => {
  it.each([
    'aaaaaaaaaaaaaaa',
    '123456789012345',
    'qwertyuiopasdfg',
    'zyxwvutsrqponml',
    '1qaz2wsx3edc4rfv',
    '1q2w3e4r5t6y7u8i',
    'azertyuiopqsdfg',
    'abc123abc123abc',
    'ababababab',
  ])('finds %j', (password) => {
    expect(isKeyboardOrSequencePattern(password)).toBe(true);
  });

  it.each(['correcthorsebatterystaple', 'purpleelephantdancing', 'hl4$vq9!zr2@mn7#pk5&', ''])(
    'leaves %j alone',
    (password) => {
      expect(isKeyboardOrSequencePattern(password)).toBe(false);
    },
  );
});

describe('isWordOrRepeat', () => {
  const words = new Set(['word', 'abab']);
  it('finds a word and a word repeated, not a word with more after it', () => {
    expect(isWordOrRepeat('word', (w) => words.has(w))).toBe(true);
    expect(isWordOrRepeat('wordwordword', (w) => words.has(w))).toBe(true);
    expect(isWordOrRepeat('abababab', (w) => words.has(w))).toBe(true);
    expect(isWordOrRepeat('wordwordx', (w) => words.has(w))).toBe(false);
    expect(isWordOrRepeat('', (w) => words.has(w))).toBe(false);
  });
});

describe('isSeasonOrYear', () => {
  const check = (password: string) =>
    isSeasonOrYear(foldPassword(password), blocklistKey(password));
  it('finds seasons and months with years, and alone', () => {
    for (const password of [
      'Summer2024!',
      'winter24',
      '2025-January',
      'Sept99',
      'AUTUMN!!!!',
      'W1nt3r2023',
    ]) {
      expect(check(password), password).toBe(true);
    }
  });

  it('leaves passphrases that mention a season or a number', () => {
    for (const password of [
      'we met one summer long ago in 1999',
      'grammar99 is my teacher',
      'spring',
    ]) {
      expect(check(password), password).toBe(password === 'spring');
    }
  });
});

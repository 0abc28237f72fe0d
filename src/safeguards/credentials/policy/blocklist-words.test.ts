import { describe, expect, it } from 'vitest';
import { blocklistWords } from './index.ts';

describe('blocklistWords', () => {
  it('gives the audit the common passwords and words as they are, and the context words', () => {
    const { dictionary, context } = blocklistWords({
      orgNames: ["St Mary's Hospital", 'SMH'],
      departments: ['Cardiology'],
      extraWords: ['Riverside'],
    });
    expect(dictionary.length).toBeGreaterThan(80_000);
    expect(dictionary.length).toBeLessThanOrEqual(100_000);
    expect(dictionary).toEqual(
      expect.arrayContaining(['password', 'p@ssw0rd', '123456', 'elephant']),
    );
    expect(new Set(dictionary).size).toBe(dictionary.length);
    expect(context).toEqual(
      expect.arrayContaining([
        'stmarys',
        'smh',
        'cardiology',
        'riverside',
        'nurse',
        'summer',
        'january',
      ]),
    );
    // Built once: a second call hands back the same list.
    expect(blocklistWords().dictionary).toBe(dictionary);
  });
});

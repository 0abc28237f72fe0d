import { describe, expect, it } from 'vitest';
import { contextKeysOf, coveredShare, markCoverage } from './context-words.ts';

describe('contextKeysOf', () => {
  it('gives the run-together, shortened and abbreviated forms of a name', () => {
    const keys = contextKeysOf(["St Mary's Hospital"]);
    expect(keys).toEqual(
      expect.arrayContaining(['stmaryshospital', 'stmarys', 'stmary', 'marys', 'mary', 'smh']),
    );
    expect(keys).not.toContain('st');
    expect(contextKeysOf(['The Royal London Hospital'])).toEqual(
      expect.arrayContaining(['royallondon', 'trlh', 'rlh']),
    );
    expect(contextKeysOf(['The Royal London Hospital'])).not.toContain('the');
  });
});

describe('markCoverage', () => {
  it('marks every occurrence, overlapping or repeated', () => {
    const marks = markCoverage('wardwardxx', ['ward']);
    expect(coveredShare(marks)).toBe(0.8);
    expect(coveredShare(markCoverage('abc', []))).toBe(0);
    expect(coveredShare([])).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { ConditionSyntaxError, parseCondition } from './condition-parser.ts';
import { detects } from './rule-fixtures.ts';

const sel = (name: string, value: string): string => `${name}:\n  CommandLine|contains: ${value}\n`;

describe('condition parsing', () => {
  it('binds and tighter than or, not tighter than and', () => {
    expect(parseCondition('a or b and not c', ['a', 'b', 'c'])).toEqual({
      type: 'or',
      children: [
        { type: 'ref', name: 'a' },
        {
          type: 'and',
          children: [
            { type: 'ref', name: 'b' },
            { type: 'not', child: { type: 'ref', name: 'c' } },
          ],
        },
      ],
    });
    const d = `${sel('a', 'aaa')}${sel('b', 'bbb')}${sel('c', 'ccc')}condition: a or b and not c`;
    expect(detects(d, { CommandLine: 'aaa ccc' })).toBe(true);
    expect(detects(d, { CommandLine: 'bbb ccc' })).toBe(false);
    expect(detects(d, { CommandLine: 'bbb' })).toBe(true);
    const p = `${sel('a', 'aaa')}${sel('b', 'bbb')}${sel('c', 'ccc')}condition: (a or b) and not c`;
    expect(detects(p, { CommandLine: 'aaa ccc' })).toBe(false);
  });

  it('1 of and all of with patterns', () => {
    const d = `${sel('selection_a', 'aaa')}${sel('selection_b', 'bbb')}${sel('filter_x', 'xxx')}`;
    expect(
      detects(`${d}condition: 1 of selection_* and not 1 of filter_*`, { CommandLine: 'bbb' }),
    ).toBe(true);
    expect(
      detects(`${d}condition: 1 of selection_* and not 1 of filter_*`, { CommandLine: 'bbb xxx' }),
    ).toBe(false);
    expect(detects(`${d}condition: all of selection_*`, { CommandLine: 'bbb' })).toBe(false);
    expect(detects(`${d}condition: all of selection_*`, { CommandLine: 'aaa bbb' })).toBe(true);
  });

  it('them excludes identifiers starting with an underscore', () => {
    const d = `${sel('a', 'aaa')}${sel('_helper', 'zzz')}`;
    expect(detects(`${d}condition: all of them`, { CommandLine: 'aaa' })).toBe(true);
    expect(detects(`${d}condition: 1 of them`, { CommandLine: 'zzz' })).toBe(false);
    expect(parseCondition('all of them', ['a', '_helper'])).toEqual({
      type: 'of',
      quantifier: 'all',
      names: ['a'],
    });
  });

  it('a condition list is an OR', () => {
    const d = `${sel('a', 'aaa')}${sel('b', 'bbb')}condition:\n  - a\n  - b`;
    expect(detects(d, { CommandLine: 'bbb' })).toBe(true);
    expect(detects(d, { CommandLine: 'ccc' })).toBe(false);
  });

  it('rejects malformed conditions', () => {
    for (const text of [
      '',
      'a and',
      '(a',
      'a)',
      'not',
      '1 of',
      'all of ()',
      'a b',
      'of a',
      '0 of a',
    ]) {
      expect(() => parseCondition(text, ['a']), text).toThrow(ConditionSyntaxError);
    }
  });

  it('random token strings give errors, never crashes or hangs', () => {
    const vocabulary = [
      'a',
      'b',
      'sel_*',
      'and',
      'or',
      'not',
      '(',
      ')',
      '1',
      'all',
      'of',
      'them',
      '|',
      '*',
      '2',
    ];
    let seed = 12345;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    let parsed = 0;
    for (let i = 0; i < 5000; i++) {
      const length = 1 + Math.floor(random() * 12);
      const text = Array.from(
        { length },
        () => vocabulary[Math.floor(random() * vocabulary.length)],
      ).join(random() < 0.5 ? ' ' : '');
      try {
        parseCondition(text, ['a', 'b', 'sel_1']);
        parsed++;
      } catch (error) {
        expect(error).toBeInstanceOf(ConditionSyntaxError);
      }
    }
    expect(parsed).toBeGreaterThan(0);
    expect(() => parseCondition('('.repeat(10_000) + 'a' + ')'.repeat(10_000), ['a'])).toThrow(
      ConditionSyntaxError,
    );
    expect(() => parseCondition('not '.repeat(10_000) + 'a', ['a'])).toThrow(ConditionSyntaxError);
  });
});

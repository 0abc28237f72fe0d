import { describe, expect, it } from 'vitest';
import { parseVersionRangeText, versionInRange } from './version-range-text.ts';

const inRange = (text: string, version: string) => {
  const r = parseVersionRangeText(text);
  if (!r) throw new Error(`not parsed: ${text}`);
  return versionInRange(version, r);
};

describe('parseVersionRangeText', () => {
  it.each([
    ['<= 3.64', ['3.64', '3.1'], ['3.65']],
    ['<=2.3.5', ['2.3.5'], ['2.3.6']],
    ['< 2.1', ['2.0.9'], ['2.1']],
    ['< B.06.18', ['B.06.17'], ['B.06.18']],
    ['versions prior to 2.1', ['2.0'], ['2.1']],
    ['prior to version 4.0.1', ['4.0.0'], ['4.0.1']],
    ['before 5.2 SP1', ['5.2'], ['5.2 SP1', '5.3']],
    ['< 1.8.4 Service Pack 01', ['1.8.4'], ['1.8.4 SP1']],
    ['2.0 through 2.3', ['2.0', '2.3'], ['1.9', '2.4']],
    ['V1.0 to V1.5', ['1.2'], ['1.6']],
    ['3.1.0 and later', ['3.1.0', '4'], ['3.0.9']],
    ['2.3.6 and  below', ['2.3.6'], ['2.3.7']],
    ['3.0 and prior', ['3.0'], ['3.0.1']],
    ['all versions', ['0.1', '99'], []],
    ['vers:all/*', ['1.0'], []],
    ['* (end-of-life 2011)', ['1.0'], []],
    ['vers:generic/>=1.0|<2.0', ['1.0', '1.9.9'], ['0.9', '2.0']],
    ['>= 4.0 | <= 4.6', ['4.3'], ['3.9', '4.7']],
    ['>=BT02 | <= BT06', ['BT04'], ['BT07']],
    ['1.1, 1.2, 1.3', ['1.2'], ['1.4']],
    ['1.10 | 1.11 | 1.13 | 1.14', ['1.13'], ['1.12']],
    ['2.X', ['2.1', '2.9.1'], ['3.0', '1.9']],
    ['<= 12.2.x.x', ['12.2.1.5'], ['12.3']],
    ['<= 1.54 (integrated into GE MobileLink)', ['1.54'], ['1.55']],
    ['<= 3.0 D15', ['3.0 D14'], ['3.0 D16']],
    ['<= U61 |<= L81', ['U60', 'L81'], []],
    ['(Release 1.3.2 1.4.0 1.4.1 1.4.3 1.4.5)', [], []],
    ['Release 1.3.2 1.4.0 1.4.1', ['1.4.0'], ['1.4.2']],
    ['4.20 | 4.20 SR1 | 4.30', ['4.20 SR1'], ['4.21']],
  ] as const)('%s', (text, inside, outside) => {
    if (!inside.length && !outside.length) {
      expect(parseVersionRangeText(text)).toBeNull();
      return;
    }
    for (const v of inside) expect(inRange(text, v), `${v} in ${text}`).toBe(true);
    for (const v of outside) expect(inRange(text, v), `${v} not in ${text}`).toBe(false);
  });

  it('returns null for text that is not a version range', () => {
    for (const t of [
      'distributed  < april 1, 2018',
      'Windows 10 Professional Operating System U.S. release',
      '',
      'HD 16 | HD23',
    ]) {
      expect(parseVersionRangeText(t)).toBeNull();
    }
  });
});

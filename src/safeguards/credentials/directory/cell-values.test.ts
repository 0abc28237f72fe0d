import { describe, expect, it } from 'vitest';
import { CellError, detectDateOrder, parseBoolean, parseDate, parseList } from './cell-values.ts';

describe('parseDate', () => {
  it('reads PowerShell en-US dates with AM/PM, including noon and midnight', () => {
    expect(parseDate('3/14/2026 8:12:45 AM', 'mdy')?.toISOString()).toBe(
      '2026-03-14T08:12:45.000Z',
    );
    expect(parseDate('3/14/2026 8:12:45 PM', 'mdy')?.toISOString()).toBe(
      '2026-03-14T20:12:45.000Z',
    );
    expect(parseDate('12/1/2025 12:00:00 AM', 'mdy')?.toISOString()).toBe(
      '2025-12-01T00:00:00.000Z',
    );
    expect(parseDate('12/1/2025 12:30:00 PM', 'mdy')?.toISOString()).toBe(
      '2025-12-01T12:30:00.000Z',
    );
    expect(parseDate('3/14/2026', 'mdy')?.toISOString()).toBe('2026-03-14T00:00:00.000Z');
  });

  it('reads day-first dates when the export uses them, and dotted dates always day-first', () => {
    expect(parseDate('04/03/2026 17:05:00', 'dmy')?.toISOString()).toBe('2026-03-04T17:05:00.000Z');
    expect(parseDate('04.03.2026 17:05', 'mdy')?.toISOString()).toBe('2026-03-04T17:05:00.000Z');
  });

  it('reads ISO 8601, taking a time without a zone as UTC', () => {
    expect(parseDate('2026-03-14T08:12:45Z', 'mdy')?.toISOString()).toBe(
      '2026-03-14T08:12:45.000Z',
    );
    expect(parseDate('2026-03-14 08:12:45', 'mdy')?.toISOString()).toBe('2026-03-14T08:12:45.000Z');
    expect(parseDate('2026-03-14T10:12:45+02:00', 'mdy')?.toISOString()).toBe(
      '2026-03-14T08:12:45.000Z',
    );
  });

  it('reads Windows FILETIME, with 0 and the maximum meaning never', () => {
    expect(parseDate('116444736000000000', 'mdy')?.toISOString()).toBe('1970-01-01T00:00:00.000Z');
    expect(parseDate('134179495650000000', 'mdy')?.toISOString()).toBe('2026-03-14T08:12:45.000Z');
    expect(parseDate('0', 'mdy')).toBeNull();
    expect(parseDate('9223372036854775807', 'mdy')).toBeNull();
  });

  it('takes empty and "never" as no date', () => {
    for (const v of ['', 'Never', null, undefined]) expect(parseDate(v, 'mdy')).toBeNull();
  });

  it('refuses what is not a date, saying what it expected', () => {
    expect(() => parseDate('yesterday', 'mdy')).toThrow(CellError);
    expect(() => parseDate('yesterday', 'mdy')).toThrow(/expected a date .* got "yesterday"/);
    expect(() => parseDate('2/30/2026', 'mdy')).toThrow(/got "2\/30\/2026"/);
    expect(() => parseDate('13/14/2026', 'mdy')).toThrow(CellError);
    expect(() => parseDate('3/14/2026 13:00:00 PM', 'mdy')).toThrow(CellError);
    expect(() => parseDate('20260314', 'mdy')).toThrow(/FILETIME/);
  });
});

describe('detectDateOrder', () => {
  it('tells the order from a day above 12, and assumes US order otherwise', () => {
    expect(detectDateOrder(['3/4/2026', '3/14/2026 8:00:00 AM'])).toBe('mdy');
    expect(detectDateOrder(['03/04/2026', '14/03/2026 08:00:00'])).toBe('dmy');
    expect(detectDateOrder(['03/04/2026', '', '2026-03-14'])).toBe('mdy');
    expect(detectDateOrder(['14/03/2026', '03/14/2026'])).toBe('conflict');
  });
});

describe('parseBoolean', () => {
  it('reads PowerShell True/False and the usual spellings', () => {
    expect(parseBoolean('True')).toBe(true);
    expect(parseBoolean('FALSE')).toBe(false);
    expect(parseBoolean('yes')).toBe(true);
    expect(parseBoolean(false)).toBe(false);
    expect(parseBoolean('')).toBeNull();
    expect(() => parseBoolean('maybe')).toThrow('expected True or False, got "maybe"');
  });
});

describe('parseList', () => {
  it('splits text lists and names JSON objects by their type', () => {
    expect(parseList('microsoftAuthenticatorPush,fido2, windowsHelloForBusiness')).toEqual([
      'microsoftAuthenticatorPush',
      'fido2',
      'windowsHelloForBusiness',
    ]);
    expect(parseList('["sms"; "push"]')).toEqual(['sms', 'push']);
    expect(parseList([{ factorType: 'webauthn' }, 'sms'])).toEqual(['webauthn', 'sms']);
    expect(parseList('')).toEqual([]);
  });
});

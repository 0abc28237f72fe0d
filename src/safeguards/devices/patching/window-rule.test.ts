import { describe, expect, it } from 'vitest';
import { expandWindows } from './expand-windows.ts';
import { parseDuration, parseWindowRule, type WindowSpec } from './window-rule.ts';

const rule = (over: Partial<WindowSpec>) =>
  parseWindowRule({
    rrule: 'FREQ=WEEKLY;BYDAY=SU',
    start: '02:00',
    duration: '3h',
    timeZone: 'Europe/Berlin',
    startDate: '2026-01-01',
    ...over,
  });
const iso = (from: string, to: string, r: ReturnType<typeof rule>) =>
  expandWindows(r, new Date(from), new Date(to)).map((o) => [
    o.start.toISOString(),
    o.end.toISOString(),
  ]);
const starts = (from: string, to: string, r: ReturnType<typeof rule>) =>
  expandWindows(r, new Date(from), new Date(to)).map((o) => o.start.toISOString());

describe('expandWindows', () => {
  it('keeps a Sunday 02:00 Berlin window at local 02:00 across the March DST change', () => {
    expect(iso('2026-03-20T00:00:00Z', '2026-04-06T00:00:00Z', rule({}))).toEqual([
      ['2026-03-22T01:00:00.000Z', '2026-03-22T04:00:00.000Z'], // CET, UTC+1
      // 02:00 does not exist on 29 March: read with the offset before the gap (RFC 5545
      // 3.3.5), i.e. 03:00 CEST.
      ['2026-03-29T01:00:00.000Z', '2026-03-29T04:00:00.000Z'],
      ['2026-04-05T00:00:00.000Z', '2026-04-05T03:00:00.000Z'], // CEST, UTC+2
    ]);
  });

  it('takes the first of a repeated local time when clocks go back in October', () => {
    const r = rule({ start: '02:30', duration: '1h' });
    expect(starts('2026-10-24T00:00:00Z', '2026-11-02T00:00:00Z', r)).toEqual([
      '2026-10-25T00:30:00.000Z', // 02:30 CEST, the first 02:30 of that night
      '2026-11-01T01:30:00.000Z', // 02:30 CET
    ]);
  });

  it('expands the last Saturday and the first Sunday of each month', () => {
    const last = rule({ rrule: 'FREQ=MONTHLY;BYDAY=-1SA', start: '22:00', timeZone: 'UTC' });
    expect(starts('2026-01-01T00:00:00Z', '2026-05-01T00:00:00Z', last)).toEqual([
      '2026-01-31T22:00:00.000Z',
      '2026-02-28T22:00:00.000Z',
      '2026-03-28T22:00:00.000Z',
      '2026-04-25T22:00:00.000Z',
    ]);
    const first = rule({ rrule: 'RRULE:FREQ=MONTHLY;BYDAY=1SU', timeZone: 'UTC' });
    expect(starts('2026-01-01T00:00:00Z', '2026-04-01T00:00:00Z', first)).toEqual([
      '2026-01-04T02:00:00.000Z',
      '2026-02-01T02:00:00.000Z',
      '2026-03-01T02:00:00.000Z',
    ]);
  });

  it('handles BYMONTHDAY (negative from the end), INTERVAL and BYHOUR', () => {
    const r = rule({ rrule: 'FREQ=MONTHLY;BYMONTHDAY=1,-1', timeZone: 'UTC' });
    expect(starts('2026-02-01T00:00:00Z', '2026-03-02T00:00:00Z', r)).toEqual([
      '2026-02-01T02:00:00.000Z',
      '2026-02-28T02:00:00.000Z',
      '2026-03-01T02:00:00.000Z',
    ]);
    // Every second week counted from the DTSTART week (1 Jan 2026 is in the week of 29 Dec).
    const biweekly = rule({ rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=SU', timeZone: 'UTC' });
    expect(starts('2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z', biweekly)).toEqual([
      '2026-01-04T02:00:00.000Z',
      '2026-01-18T02:00:00.000Z',
    ]);
    const twice = rule({ rrule: 'FREQ=DAILY;BYDAY=SA,SU;BYHOUR=1,13', timeZone: 'UTC' });
    expect(starts('2026-01-03T00:00:00Z', '2026-01-05T00:00:00Z', twice)).toEqual([
      '2026-01-03T01:00:00.000Z',
      '2026-01-03T13:00:00.000Z',
      '2026-01-04T01:00:00.000Z',
      '2026-01-04T13:00:00.000Z',
    ]);
  });

  it('stops after COUNT occurrences from DTSTART and at UNTIL (inclusive)', () => {
    const counted = rule({ rrule: 'FREQ=WEEKLY;BYDAY=SU;COUNT=3', timeZone: 'UTC' });
    // COUNT counts from DTSTART, not from the window asked for.
    expect(starts('2026-01-10T00:00:00Z', '2026-12-31T00:00:00Z', counted)).toEqual([
      '2026-01-11T02:00:00.000Z',
      '2026-01-18T02:00:00.000Z',
    ]);
    const until = rule({ rrule: 'FREQ=DAILY;UNTIL=20260103', timeZone: 'UTC' });
    expect(starts('2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z', until)).toHaveLength(3);
    const untilZ = rule({ rrule: 'FREQ=DAILY;UNTIL=20260102T020000Z', timeZone: 'UTC' });
    expect(starts('2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z', untilZ)).toEqual([
      '2026-01-01T02:00:00.000Z',
      '2026-01-02T02:00:00.000Z',
    ]);
  });

  it('includes a window already running at `from`', () => {
    expect(
      starts('2026-01-04T03:00:00Z', '2026-01-05T00:00:00Z', rule({ timeZone: 'UTC' })),
    ).toEqual(['2026-01-04T02:00:00.000Z']);
  });
});

describe('parseWindowRule', () => {
  it.each([
    ['FREQ=YEARLY', /FREQ=YEARLY is not supported: use FREQ=MONTHLY;INTERVAL=12/],
    ['FREQ=HOURLY', /FREQ=HOURLY is not supported/],
    ['BYDAY=SU', /FREQ is required/],
    ['FREQ=WEEKLY;BYDAY=1SU', /BYDAY=1SU: ordinals need FREQ=MONTHLY/],
    ['FREQ=WEEKLY;BYDAY=SUN', /"SUN" is not a weekday/],
    ['FREQ=WEEKLY;BYMONTHDAY=1', /BYMONTHDAY cannot be used with FREQ=WEEKLY/],
    ['FREQ=DAILY;COUNT=2;UNTIL=20260101', /COUNT and UNTIL cannot both be given/],
    ['FREQ=DAILY;BYSETPOS=1', /BYSETPOS is not supported \(supported: FREQ/],
    ['FREQ=DAILY;INTERVAL=0', /INTERVAL=0: must be/],
    ['FREQ=MONTHLY;BYMONTHDAY=32', /32 is outside -31..31/],
    ['FREQ=DAILY;UNTIL=2026-01-01', /UNTIL=2026-01-01: expected YYYYMMDD/],
    ['FREQ', /"FREQ" is not NAME=VALUE/],
  ])('rejects %s', (rrule, message) => {
    expect(() => rule({ rrule })).toThrow(message);
  });

  it('rejects a bad zone, start, date or duration with the field named', () => {
    expect(() => rule({ timeZone: 'Mars/Olympus' })).toThrow(/unknown time zone "Mars\/Olympus"/);
    expect(() => rule({ start: '25:00' })).toThrow(/start "25:00": expected HH:MM/);
    expect(() => rule({ startDate: '2026-02-30' })).toThrow(/start date "2026-02-30"/);
    expect(() => rule({ duration: '3 hours' })).toThrow(/duration "3 hours": expected e.g. 3h/);
  });

  it('reads durations as people write them', () => {
    expect(['3h', '90m', '2h30m', 'PT3H', 'PT1H30M'].map((d) => parseDuration(d))).toEqual([
      180, 90, 150, 180, 90,
    ]);
  });
});

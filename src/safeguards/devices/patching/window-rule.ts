/**
 * Maintenance-window rules: a subset of the RFC 5545 §3.3.10 RRULE (FREQ DAILY/WEEKLY/MONTHLY,
 * INTERVAL, BYDAY with ordinals for MONTHLY, BYMONTHDAY, BYHOUR, BYMINUTE, COUNT or UNTIL,
 * WKST=MO) with the DTSTART date and time, a duration and an IANA time zone.
 */
import { assertTimeZone, fromLocal } from './zoned-time.ts';

export type Frequency = 'DAILY' | 'WEEKLY' | 'MONTHLY';

/** A BYDAY entry: weekday 0 = Sunday ... 6 = Saturday; ordinal 1 = first, -1 = last (MONTHLY). */
export interface ByDay {
  weekday: number;
  ordinal: number | null;
}

export interface Recurrence {
  freq: Frequency;
  interval: number;
  byDay: ByDay[];
  byMonthDay: number[];
  byHour: number[];
  byMinute: number[];
  count: number | null;
  /** Inclusive; an UNTIL date (no time) means the end of that local day. */
  until: Date | null;
}

/** A window as people write it (CLI, database row). */
export interface WindowSpec {
  rrule: string;
  /** DTSTART time of day, local, `HH:MM`. */
  start: string;
  /** `3h`, `90m`, `2h30m` or ISO 8601 `PT3H`. */
  duration: string | number;
  timeZone: string;
  /** DTSTART date, local `YYYY-MM-DD`: where INTERVAL and COUNT start counting. */
  startDate: string;
}

export interface WindowRule {
  recurrence: Recurrence;
  hour: number;
  minute: number;
  durationMinutes: number;
  timeZone: string;
  startDate: { year: number; month: number; day: number };
  /** The text it was parsed from, for listing and export. */
  text: string;
}

const DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
const SUPPORTED = [
  'FREQ',
  'INTERVAL',
  'BYDAY',
  'BYMONTHDAY',
  'BYHOUR',
  'BYMINUTE',
  'COUNT',
  'UNTIL',
  'WKST',
];

/** Thrown for a rule Ward cannot read; the message names the part and what is allowed. */
export class WindowRuleError extends Error {}

const fail = (msg: string): never => {
  throw new WindowRuleError(msg);
};

function int(part: string, text: string, min: number, max: number): number {
  if (!/^[+-]?\d+$/.test(text)) fail(`${part}=${text}: expected an integer`);
  const n = Number(text);
  if (n < min || n > max || n === 0) fail(`${part}=${text}: must be ${min}..${max} and not 0`);
  return n;
}

function list(part: string, text: string, min: number, max: number, zero = false): number[] {
  return text.split(',').map((t) => {
    if (!/^[+-]?\d+$/.test(t)) fail(`${part}=${text}: "${t}" is not an integer`);
    const n = Number(t);
    if (n < min || n > max || (n === 0 && !zero))
      fail(`${part}=${text}: ${t} is outside ${min}..${max}`);
    return n;
  });
}

/** RFC 5545 §3.3.10 RRULE value (with or without the `RRULE:` prefix). */
export function parseRecurrence(text: string, timeZone = 'UTC'): Recurrence {
  const body = text.trim().replace(/^RRULE:/i, '');
  if (!body) fail('empty RRULE: expected e.g. FREQ=WEEKLY;BYDAY=SU');
  const parts = new Map<string, string>();
  for (const p of body.split(';')) {
    const m = /^([A-Za-z]+)=(.+)$/.exec(p);
    if (!m) fail(`"${p}" is not NAME=VALUE`);
    const name = m![1]!.toUpperCase();
    if (!SUPPORTED.includes(name))
      fail(`${name} is not supported (supported: ${SUPPORTED.join(', ')})`);
    if (parts.has(name)) fail(`${name} is given twice`);
    parts.set(name, m![2]!.toUpperCase());
  }
  const freq = parts.get('FREQ');
  if (!freq) fail('FREQ is required (DAILY, WEEKLY or MONTHLY)');
  if (freq === 'YEARLY') fail('FREQ=YEARLY is not supported: use FREQ=MONTHLY;INTERVAL=12');
  if (freq !== 'DAILY' && freq !== 'WEEKLY' && freq !== 'MONTHLY') {
    fail(`FREQ=${freq} is not supported (DAILY, WEEKLY or MONTHLY)`);
  }
  const wkst = parts.get('WKST');
  if (wkst && wkst !== 'MO') fail(`WKST=${wkst} is not supported (weeks start on Monday)`);
  const byDay = (parts.get('BYDAY')?.split(',') ?? []).map((d): ByDay => {
    const m = /^([+-]?\d{1,2})?(SU|MO|TU|WE|TH|FR|SA)$/.exec(d);
    if (!m) fail(`BYDAY=${parts.get('BYDAY')}: "${d}" is not a weekday such as SU, 1SU or -1SA`);
    const ordinal = m![1] ? int('BYDAY', m![1], -5, 5) : null;
    // §3.3.10: BYDAY ordinals only with MONTHLY or YEARLY.
    if (ordinal !== null && freq !== 'MONTHLY') fail(`BYDAY=${d}: ordinals need FREQ=MONTHLY`);
    return { weekday: DAYS.indexOf(m![2]!), ordinal };
  });
  const byMonthDay = parts.has('BYMONTHDAY')
    ? list('BYMONTHDAY', parts.get('BYMONTHDAY')!, -31, 31)
    : [];
  // §3.3.10: BYMONTHDAY MUST NOT be used with FREQ=WEEKLY.
  if (byMonthDay.length && freq === 'WEEKLY') fail('BYMONTHDAY cannot be used with FREQ=WEEKLY');
  const count = parts.has('COUNT') ? int('COUNT', parts.get('COUNT')!, 1, 100_000) : null;
  const untilText = parts.get('UNTIL');
  // §3.3.10: COUNT and UNTIL MUST NOT occur in the same rule.
  if (count !== null && untilText) fail('COUNT and UNTIL cannot both be given');
  return {
    freq: freq as Frequency,
    interval: parts.has('INTERVAL') ? int('INTERVAL', parts.get('INTERVAL')!, 1, 1000) : 1,
    byDay,
    byMonthDay,
    byHour: parts.has('BYHOUR') ? list('BYHOUR', parts.get('BYHOUR')!, 0, 23, true) : [],
    byMinute: parts.has('BYMINUTE') ? list('BYMINUTE', parts.get('BYMINUTE')!, 0, 59, true) : [],
    count,
    until: untilText ? parseUntil(untilText, timeZone) : null,
  };
}

function parseUntil(text: string, timeZone: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(text);
  if (!m) fail(`UNTIL=${text}: expected YYYYMMDD or YYYYMMDDTHHMMSSZ`);
  const [y, mo, d, h, mi, s, z] = m!.slice(1).map((v) => v ?? '');
  const date = { year: Number(y), month: Number(mo), day: Number(d) };
  if (
    Number.isNaN(Date.UTC(date.year, date.month - 1, date.day)) ||
    date.month > 12 ||
    date.day > 31
  ) {
    fail(`UNTIL=${text}: not a date`);
  }
  if (!h)
    return new Date(fromLocal({ ...date, hour: 23, minute: 59 }, timeZone).getTime() + 59_999);
  const local = { ...date, hour: Number(h), minute: Number(mi) };
  return z
    ? new Date(Date.UTC(date.year, date.month - 1, date.day, local.hour, local.minute, Number(s)))
    : fromLocal(local, timeZone);
}

/** `3h`, `90m`, `2h30m`, `PT3H`, `PT1H30M` or a number of minutes → minutes (at most 7 days). */
export function parseDuration(text: string | number): number {
  if (typeof text === 'number') {
    if (!Number.isInteger(text) || text <= 0) fail(`duration ${text}: expected whole minutes > 0`);
    return text;
  }
  const m = /^(?:PT)?(?:(\d+)H)?(?:(\d+)M)?$/i.exec(text.trim());
  const minutes = m && (m[1] || m[2]) ? Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0) : NaN;
  if (!(minutes > 0)) fail(`duration "${text}": expected e.g. 3h, 90m, 2h30m or PT3H`);
  if (minutes > 7 * 24 * 60) fail(`duration "${text}": a window is at most 7 days`);
  return minutes;
}

/** Checks a whole window spec; every error names the field. */
export function parseWindowRule(spec: WindowSpec): WindowRule {
  assertTimeZone(spec.timeZone);
  const t = /^(\d{1,2}):(\d{2})$/.exec(spec.start.trim());
  if (!t || Number(t[1]) > 23 || Number(t[2]) > 59)
    fail(`start "${spec.start}": expected HH:MM, e.g. 02:00`);
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(spec.startDate);
  const date = d ? { year: Number(d[1]), month: Number(d[2]), day: Number(d[3]) } : null;
  const back = date && new Date(Date.UTC(date.year, date.month - 1, date.day));
  if (!date || !back || back.getUTCMonth() !== date.month - 1 || back.getUTCDate() !== date.day) {
    fail(`start date "${spec.startDate}": expected YYYY-MM-DD`);
  }
  return {
    recurrence: parseRecurrence(spec.rrule, spec.timeZone),
    hour: Number(t![1]),
    minute: Number(t![2]),
    durationMinutes: parseDuration(spec.duration),
    timeZone: spec.timeZone,
    startDate: date!,
    text: spec.rrule.trim().replace(/^RRULE:/i, ''),
  };
}

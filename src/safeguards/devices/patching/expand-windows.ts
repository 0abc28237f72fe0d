/**
 * Occurrences of a maintenance window between two instants, following RFC 5545 §3.3.10: the
 * FREQ/INTERVAL period sets are counted from DTSTART (weeks start on Monday, WKST=MO), BYDAY and
 * BYMONTHDAY expand or limit as its table says, COUNT counts from DTSTART, UNTIL is inclusive.
 * Local times are turned into instants per occurrence, so a 02:00 window stays at 02:00 across
 * DST changes.
 */
import type { WindowRule } from './window-rule.ts';
import { civilDate, dayNumber, daysInMonth, fromLocal, weekday } from './zoned-time.ts';

export interface WindowOccurrence {
  start: Date;
  end: Date;
}

// A rule that can never match (e.g. BYMONTHDAY=31 every second February) must still end.
const MAX_PERIODS = 50_000;

/** Candidate days (day numbers, ascending) of period k. */
function periodDays(rule: WindowRule, k: number): number[] {
  const r = rule.recurrence;
  const { year, month, day } = rule.startDate;
  const anchor = dayNumber(year, month, day);
  const hasDay = (n: number) => r.byDay.some((b) => b.weekday === weekday(n));
  const monthDayOk = (n: number) => {
    if (!r.byMonthDay.length) return true;
    const c = civilDate(n);
    const len = daysInMonth(c.year, c.month);
    return r.byMonthDay.some((md) => (md > 0 ? md : len + md + 1) === c.day);
  };
  if (r.freq === 'DAILY') {
    const n = anchor + k * r.interval;
    return (!r.byDay.length || hasDay(n)) && monthDayOk(n) ? [n] : [];
  }
  if (r.freq === 'WEEKLY') {
    const monday = anchor - ((weekday(anchor) + 6) % 7) + k * 7 * r.interval;
    const days = Array.from({ length: 7 }, (_, i) => monday + i);
    return r.byDay.length
      ? days.filter(hasDay)
      : days.filter((n) => weekday(n) === weekday(anchor));
  }
  const m0 = year * 12 + (month - 1) + k * r.interval;
  const y = Math.floor(m0 / 12);
  const m = (m0 % 12) + 1;
  const len = daysInMonth(y, m);
  const first = dayNumber(y, m, 1);
  const all = Array.from({ length: len }, (_, i) => first + i);
  if (!r.byDay.length && !r.byMonthDay.length) return day <= len ? [first + day - 1] : [];
  const byDay = (n: number) =>
    r.byDay.some((b) => {
      if (b.weekday !== weekday(n)) return false;
      if (b.ordinal === null) return true;
      const dom = n - first + 1;
      return b.ordinal > 0
        ? Math.ceil(dom / 7) === b.ordinal
        : Math.ceil((len - dom + 1) / 7) === -b.ordinal;
    });
  // Both given: BYDAY limits the BYMONTHDAY days (the §3.3.10 table).
  return all.filter((n) => (!r.byDay.length || byDay(n)) && monthDayOk(n));
}

/** Occurrences overlapping [from, to), in time order. */
export function expandWindows(rule: WindowRule, from: Date, to: Date): WindowOccurrence[] {
  const r = rule.recurrence;
  const hours = r.byHour.length ? [...r.byHour].sort((a, b) => a - b) : [rule.hour];
  const minutes = r.byMinute.length ? [...r.byMinute].sort((a, b) => a - b) : [rule.minute];
  const { year, month, day } = rule.startDate;
  const dtstart = fromLocal(
    { year, month, day, hour: rule.hour, minute: rule.minute },
    rule.timeZone,
  );
  const span = rule.durationMinutes * 60_000;
  // The local day after `to` bounds the periods worth generating (offsets are under a day).
  const lastDay = Math.floor(to.getTime() / 86_400_000) + 2;
  const out: WindowOccurrence[] = [];
  let count = 0;
  for (let k = 0; k < MAX_PERIODS; k++) {
    const days = periodDays(rule, k);
    const firstOfPeriod = periodStart(rule, k);
    if (firstOfPeriod > lastDay) break;
    for (const n of days) {
      const c = civilDate(n);
      for (const hour of hours) {
        for (const minute of minutes) {
          const start = fromLocal({ ...c, hour, minute }, rule.timeZone);
          if (start < dtstart) continue;
          if (r.until && start > r.until) return out;
          if (start >= to) return out;
          count++;
          if (start.getTime() + span > from.getTime()) {
            out.push({ start, end: new Date(start.getTime() + span) });
          }
          if (r.count !== null && count >= r.count) return out;
        }
      }
    }
  }
  return out;
}

/** The first day of period k, to know when generation has passed `to`. */
function periodStart(rule: WindowRule, k: number): number {
  const r = rule.recurrence;
  const { year, month, day } = rule.startDate;
  const anchor = dayNumber(year, month, day);
  if (r.freq === 'DAILY') return anchor + k * r.interval;
  if (r.freq === 'WEEKLY') return anchor - ((weekday(anchor) + 6) % 7) + k * 7 * r.interval;
  const m0 = year * 12 + (month - 1) + k * r.interval;
  return dayNumber(Math.floor(m0 / 12), (m0 % 12) + 1, 1);
}

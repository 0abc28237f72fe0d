/**
 * Local civil time in an IANA time zone, from Intl.DateTimeFormat alone (no tz database of our
 * own): the zone's UTC offset at an instant, and the instant of a local wall-clock time with the
 * RFC 5545 §3.3.5 rules for DST gaps and overlaps.
 */

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws a clear error for a zone name the runtime does not know. */
export function assertTimeZone(timeZone: string): void {
  try {
    formatter(timeZone);
  } catch {
    throw new Error(`unknown time zone "${timeZone}": use an IANA name such as Europe/Berlin`);
  }
}

export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** The wall-clock time in the zone at an instant. */
export function toLocal(at: Date, timeZone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(at)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
  };
}

/** UTC offset of the zone at an instant, in milliseconds (Berlin in summer: +7,200,000). */
function offsetAt(ms: number, timeZone: string): number {
  const l = toLocal(new Date(ms), timeZone);
  const seconds = new Date(ms).getUTCSeconds();
  const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, seconds);
  return asUtc - (ms - (ms % 1000));
}

/**
 * The instant of a local time. RFC 5545 §3.3.5: a time that occurs twice (clocks set back) is
 * the first occurrence; a time that does not exist (clocks set forward) is read with the offset
 * before the gap, so 02:30 on the spring-forward Sunday in Berlin is 01:30Z (03:30 CEST).
 */
export function fromLocal(l: LocalDateTime, timeZone: string): Date {
  const wall = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute);
  // Offsets a day either side: any one DST transition near this time lies between them.
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const valid = [wall - before, wall - after].filter((t) => wall - offsetAt(t, timeZone) === t);
  if (valid.length === 0) return new Date(wall - before);
  return new Date(Math.min(...valid));
}

/** Days since 1970-01-01 of a civil date. */
export function dayNumber(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

/** The civil date of a day number. */
export function civilDate(n: number): { year: number; month: number; day: number } {
  const d = new Date(n * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD HH:MM` in the zone, as biomed reads a schedule. */
export function formatLocal(at: Date, timeZone: string): string {
  const l = toLocal(at, timeZone);
  return `${l.year}-${pad(l.month)}-${pad(l.day)} ${pad(l.hour)}:${pad(l.minute)}`;
}

/** `YYYY-MM-DD` in the zone. */
export function localDay(at: Date, timeZone: string): string {
  return formatLocal(at, timeZone).slice(0, 10);
}

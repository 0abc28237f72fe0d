/**
 * The patch plan for biomedical engineering: CSV (RFC 4180) for spreadsheets and CMMS imports,
 * iCalendar (RFC 5545) for their calendars.
 */
import type { PatchPlan, PlannedFix } from './plan-patches.ts';

const CRLF = '\r\n';

/** RFC 4180 §2: fields with commas, quotes or line breaks are quoted, quotes doubled. */
function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

const fixText = (f: PlannedFix) =>
  `${f.cve}${f.kev ? ' (KEV)' : ''}${f.due ? ` due ${f.due.slice(0, 10)}` : ''}`;

const earliestDue = (fixes: PlannedFix[]) =>
  fixes
    .map((f) => f.due)
    .filter((d): d is string => d !== null)
    .sort()[0]
    ?.slice(0, 10) ?? '';

/** One row per device: scheduled ones by window start, then those that could not be planned. */
export function planToCsv(plan: PatchPlan): string {
  const header = [
    'status',
    'device',
    'device_id',
    'device_class',
    'window_start_utc',
    'window_end_utc',
    'time_zone',
    'cves',
    'kev',
    'earliest_due',
    'meets_due',
    'reason',
  ];
  const rows = [
    header,
    ...plan.scheduled.map((s) => [
      'scheduled',
      s.deviceName,
      s.deviceId,
      s.deviceClass,
      s.window.start,
      s.window.end,
      s.timeZone,
      s.cves.join(' '),
      s.fixes.some((f) => f.kev) ? 'yes' : 'no',
      earliestDue(s.fixes),
      s.meetsDue ? 'yes' : 'no',
      s.reason ?? '',
    ]),
    ...plan.unmet.map((u) => [
      'unmet',
      u.deviceName,
      u.deviceId,
      '',
      '',
      '',
      '',
      u.cves.join(' '),
      '',
      '',
      'no',
      u.reason,
    ]),
  ];
  return rows.map((r) => r.map(csvField).join(',')).join(CRLF) + CRLF;
}

/** RFC 5545 §3.3.11 TEXT: backslash, semicolon, comma escaped; newlines as \n. */
export function icsText(v: string): string {
  return v
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r?\n/g, '\\n');
}

/**
 * RFC 5545 §3.1: lines longer than 75 octets are folded with CRLF and a space, never inside a
 * UTF-8 sequence.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    // Continuation lines start with a space, which counts towards their 75.
    if (octets + size > 75) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join(CRLF);
}

/** `20260308T010000Z` (RFC 5545 §3.3.5 form 2, UTC). */
function icsUtc(iso: string): string {
  return iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** A VCALENDAR with one VEVENT per scheduled window; times in UTC, stable UIDs. */
export function planToIcs(plan: PatchPlan): string {
  const stamp = icsUtc(plan.generatedAt);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Ward//Device patch plan//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
  ];
  for (const s of plan.scheduled) {
    const description = [
      ...s.fixes.map(fixText),
      s.meetsDue ? 'Meets every due date.' : 'Does NOT meet the due date.',
      ...(s.reason ? [s.reason] : []),
      `Device class: ${s.deviceClass}; window time zone: ${s.timeZone}`,
    ].join('\n');
    lines.push(
      'BEGIN:VEVENT',
      `UID:ward-patch-${s.deviceId}-${icsUtc(s.window.start)}@ward`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${icsUtc(s.window.start)}`,
      `DTEND:${icsUtc(s.window.end)}`,
      `SUMMARY:${icsText(`Patch ${s.deviceName}: ${s.cves.join(', ')}`)}`,
      `DESCRIPTION:${icsText(description)}`,
      // A list of two categories: the comma separates them, so it is not escaped.
      `CATEGORIES:${s.meetsDue ? 'Patch' : 'Patch,Due date missed'}`,
      'TRANSP:OPAQUE',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}

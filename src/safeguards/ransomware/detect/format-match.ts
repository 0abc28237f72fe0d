/**
 * Output of `ward detect`: one JSON line per match, CSV (RFC 4180), and the closing summary.
 * Every format carries the rule author (DRL 1.1).
 */
import type { DetectMatch, DetectSummary } from './detect-types.ts';
import { LEVELS } from './detect-types.ts';

/** One line of JSON (NDJSON when written one per line). */
export function formatMatchJson(m: DetectMatch): string {
  return JSON.stringify(m);
}

const CSV_COLUMNS = [
  'timestamp',
  'level',
  'rule_title',
  'rule_id',
  'author',
  'computer',
  'channel',
  'event_id',
  'record_id',
  'file',
  'rule_type',
  'status',
  'tags',
  'references',
  'rule_path',
  'fields',
  'events',
] as const;

export const CSV_HEADER = CSV_COLUMNS.join(',');

/** RFC 4180: quote when the value holds a comma, quote, CR or LF; double inner quotes. */
export function quoteCsv(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvCell(m: DetectMatch, column: (typeof CSV_COLUMNS)[number]): string {
  switch (column) {
    case 'tags':
    case 'references':
      return m[column].join(' ');
    case 'fields':
      return JSON.stringify(m.fields);
    case 'events':
      return m.events ? JSON.stringify(m.events) : '';
    default: {
      const v = m[column];
      return v === null || v === undefined ? '' : String(v);
    }
  }
}

/** One CSV row matching {@link CSV_HEADER}; tags and references space-separated, fields as JSON. */
export function formatMatchCsv(m: DetectMatch): string {
  return CSV_COLUMNS.map((c) => quoteCsv(csvCell(m, c))).join(',');
}

/** The human summary printed after a hunt. */
export function formatDetectSummary(s: DetectSummary): string {
  const lines = [
    `${s.files} files, ${s.events.toLocaleString('en-US')} events, ${s.matches} matches from ${s.rules} rules in ${s.seconds.toFixed(1)} s (${s.workers} ${s.workers === 1 ? 'thread' : 'workers'})`,
  ];
  const byLevel = [...LEVELS]
    .reverse()
    .filter((l) => (s.matchesByLevel[l] ?? 0) > 0)
    .map((l) => `${l} ${s.matchesByLevel[l]}`);
  if (byLevel.length > 0) lines.push(`matches by level: ${byLevel.join(', ')}`);
  if (s.rulesFailed > 0) {
    lines.push(`${s.rulesFailed} rules did not compile (see \`ward rules check\`):`);
    for (const e of s.ruleErrors)
      lines.push(`  ${e.path}${e.line ? `:${e.line}` : ''}: ${e.message}`);
  }
  if (s.filesFailed > 0) lines.push(`${s.filesFailed} files could not be read`);
  if (s.warnings > 0) lines.push(`${s.warnings} input warnings`);
  return lines.join('\n');
}

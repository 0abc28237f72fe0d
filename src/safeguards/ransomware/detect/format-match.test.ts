import { describe, expect, it } from 'vitest';
import type { DetectMatch, DetectSummary } from './detect-types.ts';
import {
  CSV_HEADER,
  formatDetectSummary,
  formatMatchCsv,
  formatMatchJson,
} from './format-match.ts';

const match: DetectMatch = {
  rule_type: 'rule',
  rule_id: 'abc',
  rule_title: 'Shadow copies deleted, "quietly"',
  level: 'high',
  status: 'stable',
  author: 'Florian Roth (Nextron Systems)',
  tags: ['attack.impact', 'attack.t1490'],
  references: ['https://example.org/a'],
  rule_path: '/rules/shadow.yml',
  timestamp: '2024-03-01T10:00:00Z',
  computer: 'ws01',
  channel: 'Microsoft-Windows-Sysmon/Operational',
  event_id: 1,
  record_id: 42,
  file: '/logs/ws01.evtx',
  fields: { CommandLine: 'vssadmin delete shadows /all\r\nnext, line', EventID: 1 },
};

/** Minimal RFC 4180 reader, to check the output parses back to the same cells. */
function parseCsvRow(row: string): string[] {
  const cells: string[] = [];
  let i = 0;
  while (i <= row.length) {
    if (row[i] === '"') {
      let cell = '';
      i++;
      for (;;) {
        if (row[i] === '"' && row[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (row[i] === '"') {
          i++;
          break;
        } else cell += row[i++];
      }
      cells.push(cell);
      i++;
    } else {
      const end = row.indexOf(',', i);
      cells.push(row.slice(i, end === -1 ? row.length : end));
      i = end === -1 ? row.length + 1 : end + 1;
    }
  }
  return cells;
}

describe('match output', () => {
  it('writes one line of JSON per match, author included', () => {
    const line = formatMatchJson(match);
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toEqual(match);
  });

  it('writes CSV rows that parse back to the header columns (RFC 4180 quoting)', () => {
    const header = CSV_HEADER.split(',');
    const cells = parseCsvRow(formatMatchCsv(match));
    expect(cells).toHaveLength(header.length);
    const row = Object.fromEntries(header.map((h, i) => [h, cells[i]]));
    expect(row).toMatchObject({
      rule_title: 'Shadow copies deleted, "quietly"',
      author: 'Florian Roth (Nextron Systems)',
      record_id: '42',
      tags: 'attack.impact attack.t1490',
      events: '',
    });
    expect(JSON.parse(row['fields']!)).toEqual(match.fields);
  });

  it('summarises a hunt for people', () => {
    const summary: DetectSummary = {
      files: 3,
      events: 12345,
      matches: 4,
      matchesByLevel: { high: 3, low: 1 },
      rules: 40,
      rulesFailed: 1,
      ruleErrors: [{ path: 'r/bad.yml', line: 7, message: 'unknown modifier "foo"' }],
      warnings: 2,
      filesFailed: 1,
      workers: 2,
      seconds: 1.25,
    };
    const text = formatDetectSummary(summary);
    expect(text).toContain('3 files, 12,345 events, 4 matches from 40 rules in 1.3 s (2 workers)');
    expect(text).toContain('matches by level: high 3, low 1');
    expect(text).toContain('r/bad.yml:7: unknown modifier "foo"');
    expect(text).toContain('1 files could not be read');
  });
});

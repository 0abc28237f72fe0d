import { describe, expect, it } from 'vitest';
import { foldLine, planToCsv, planToIcs } from './plan-export.ts';
import type { PatchPlan } from './plan-patches.ts';

const plan: PatchPlan = {
  generatedAt: '2026-03-02T09:00:00.000Z',
  scheduled: [
    {
      deviceId: 'd1',
      deviceName: 'Pump, ICU; bed 4 "west"',
      deviceClass: 'life_critical',
      windowId: 'w1',
      timeZone: 'Europe/Berlin',
      window: { start: '2026-03-08T01:00:00.000Z', end: '2026-03-08T04:00:00.000Z' },
      cves: ['CVE-2025-10002', 'CVE-2025-10001'],
      fixes: [
        { cve: 'CVE-2025-10002', due: '2026-03-05T09:00:00.000Z', kev: true, risk: 72 },
        { cve: 'CVE-2025-10001', due: '2026-04-01T09:00:00.000Z', kev: false, risk: 29 },
      ],
      meetsDue: false,
      reason:
        'first allowed window 2026-03-08 02:00 is after the KEV due date 2026-03-05; consider a compensating control',
    },
  ],
  unmet: [{ deviceId: 'd2', deviceName: 'Vent-1', cves: ['CVE-2025-1'], reason: 'no window' }],
};

describe('planToCsv', () => {
  it('writes RFC 4180 rows with CRLF and quoted fields', () => {
    expect(planToCsv(plan).split('\r\n')).toEqual([
      'status,device,device_id,device_class,window_start_utc,window_end_utc,time_zone,cves,kev,earliest_due,meets_due,reason',
      'scheduled,"Pump, ICU; bed 4 ""west""",d1,life_critical,2026-03-08T01:00:00.000Z,2026-03-08T04:00:00.000Z,Europe/Berlin,CVE-2025-10002 CVE-2025-10001,yes,2026-03-05,no,first allowed window 2026-03-08 02:00 is after the KEV due date 2026-03-05; consider a compensating control',
      'unmet,Vent-1,d2,,,,,CVE-2025-1,,,no,no window',
      '',
    ]);
  });
});

describe('planToIcs', () => {
  const ics = planToIcs(plan);
  const unfolded = ics.replace(/\r\n /g, '');

  it('is a VCALENDAR with CRLF lines of at most 75 octets', () => {
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it('has one VEVENT in UTC with escaped summary and the CVEs and due dates', () => {
    const lines = unfolded.split('\r\n');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(lines).toContain('UID:ward-patch-d1-20260308T010000Z@ward');
    expect(lines).toContain('DTSTAMP:20260302T090000Z');
    expect(lines).toContain('DTSTART:20260308T010000Z');
    expect(lines).toContain('DTEND:20260308T040000Z');
    // RFC 5545 3.3.11: commas and semicolons in TEXT are escaped.
    expect(lines).toContain(
      'SUMMARY:Patch Pump\\, ICU\\; bed 4 "west": CVE-2025-10002\\, CVE-2025-10001',
    );
    const description = lines.find((l) => l.startsWith('DESCRIPTION:'))!;
    expect(description).toContain(
      'CVE-2025-10002 (KEV) due 2026-03-05\\nCVE-2025-10001 due 2026-04-01',
    );
    expect(description).toContain('Does NOT meet the due date.');
  });

  it('folds long lines without splitting a UTF-8 character', () => {
    const folded = foldLine(`SUMMARY:${'ä'.repeat(60)}`);
    const parts = folded.split('\r\n');
    expect(parts.length).toBe(2);
    expect(Buffer.byteLength(parts[0]!)).toBeLessThanOrEqual(75);
    expect(parts[1]!.startsWith(' ')).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(`SUMMARY:${'ä'.repeat(60)}`);
  });
});

import { describe, expect, it } from 'vitest';
import { planPatches, type PlanDevice, type PlanInput, type PlanVuln } from './plan-patches.ts';
import { parseWindowRule } from './window-rule.ts';

const NOW = new Date('2026-03-02T09:00:00Z'); // a Monday
const sundays = parseWindowRule({
  rrule: 'FREQ=WEEKLY;BYDAY=SU',
  start: '02:00',
  duration: '3h',
  timeZone: 'Europe/Berlin',
  startDate: '2026-01-01',
});
const nightly = parseWindowRule({
  rrule: 'FREQ=DAILY',
  start: '22:00',
  duration: '2h',
  timeZone: 'UTC',
  startDate: '2026-01-01',
});
const dev = (
  id: string,
  deviceClass: PlanDevice['deviceClass'] = 'clinical',
  manufacturer = 'Acme',
): PlanDevice => ({
  id,
  name: `Dev-${id}`,
  deviceClass,
  manufacturer,
});
const vuln = (deviceId: string, cve: string, due: string, kev = false, risk = 50): PlanVuln => ({
  deviceId,
  cve,
  due,
  kev,
  risk,
});
const plan = (over: Partial<PlanInput>) =>
  planPatches({
    devices: [],
    vulns: [],
    windows: [{ id: 'clinical-sun', deviceClass: 'clinical', rule: sundays, capacity: 1 }],
    now: NOW,
    horizonDays: 90,
    ...over,
  });

describe('planPatches', () => {
  it('takes KEV first, then due date, then risk, one device per window at capacity 1', () => {
    const p = plan({
      devices: [dev('a'), dev('b'), dev('c'), dev('d')],
      vulns: [
        vuln('d', 'CVE-2026-0004', '2026-04-30', false, 20),
        vuln('c', 'CVE-2026-0003', '2026-04-30', false, 80),
        vuln('b', 'CVE-2026-0002', '2026-03-04T00:00:00Z'),
        vuln('a', 'CVE-2026-0001', '2026-03-05T23:59:00Z', true, 72),
        vuln('a', 'CVE-2026-0005', '2026-06-01', false, 10),
      ],
    });
    expect(p.scheduled.map((s) => [s.deviceName, s.window.start, s.meetsDue])).toEqual([
      ['Dev-a', '2026-03-08T01:00:00.000Z', false],
      ['Dev-b', '2026-03-15T01:00:00.000Z', false],
      ['Dev-c', '2026-03-22T01:00:00.000Z', true],
      ['Dev-d', '2026-03-29T01:00:00.000Z', true],
    ]);
    // One window covers all of a device's fixes, the most urgent first.
    expect(p.scheduled[0]!.cves).toEqual(['CVE-2026-0001', 'CVE-2026-0005']);
    expect(p.scheduled[0]!.reason).toBe(
      'first allowed window 2026-03-08 02:00 is after the KEV due date 2026-03-06; consider a compensating control',
    );
    expect(p.scheduled[1]!.reason).toBe(
      'first allowed window 2026-03-15 02:00 is after the due date 2026-03-04 (1 earlier window(s) full); consider a compensating control',
    );
    expect(p.unmet).toEqual([]);
  });

  it('fills a window up to its capacity per class (default 10)', () => {
    const ids = Array.from({ length: 12 }, (_, i) => `x${String(i).padStart(2, '0')}`);
    const p = plan({
      devices: ids.map((id) => dev(id)),
      vulns: ids.map((id) => vuln(id, 'CVE-2026-1000', '2026-05-01')),
      windows: [{ id: 'w', deviceClass: 'clinical', rule: sundays }],
    });
    const perWindow = Map.groupBy(p.scheduled, (s) => s.window.start);
    expect([...perWindow].map(([start, list]) => [start, list.length])).toEqual([
      ['2026-03-08T01:00:00.000Z', 10],
      ['2026-03-15T01:00:00.000Z', 2],
    ]);
  });

  it('reports devices with no window at all, and those with none inside the horizon', () => {
    const p = plan({
      devices: [dev('vent', 'life_critical'), dev('slow', 'clinical', 'Slow Medical')],
      vulns: [
        vuln('vent', 'CVE-2026-2000', '2026-03-20', true),
        vuln('slow', 'CVE-2026-2001', '2026-03-20'),
      ],
      vendorValidation: [{ manufacturer: 'slow medical', leadDays: 30 }],
      horizonDays: 14,
    });
    expect(p.scheduled).toEqual([]);
    expect(p.unmet).toEqual([
      {
        deviceId: 'vent',
        deviceName: 'Dev-vent',
        cves: ['CVE-2026-2000'],
        reason:
          'no maintenance window is defined for device class life_critical or for this device',
      },
      {
        deviceId: 'slow',
        deviceName: 'Dev-slow',
        cves: ['CVE-2026-2001'],
        reason: 'no allowed window in the next 14 days; vendor validation takes 30 days',
      },
    ]);
  });

  it('pushes the start by the vendor lead time and skips blackout dates', () => {
    const p = plan({
      devices: [dev('v', 'clinical', 'Vendo'), dev('f')],
      vulns: [
        { ...vuln('v', 'CVE-2026-3000', '2026-06-01'), needsVendorValidation: true },
        vuln('f', 'CVE-2026-3001', '2026-06-01'),
      ],
      windows: [{ id: 'w', deviceClass: 'clinical', rule: sundays }],
      blackouts: [{ from: '2026-03-08', to: '2026-03-08', reason: 'flu surge' }],
    });
    expect(p.scheduled.map((s) => [s.deviceName, s.window.start, s.reason])).toEqual([
      ['Dev-f', '2026-03-15T01:00:00.000Z', undefined], // 8 March is blacked out
      // No rule for Vendo: needsVendorValidation takes the default 14 days (to 16 March).
      ['Dev-v', '2026-03-22T01:00:00.000Z', 'vendor validation takes 14 days'],
    ]);
  });

  it('uses a device window instead of its class windows', () => {
    const p = plan({
      devices: [dev('or3'), dev('lab')],
      vulns: [
        vuln('or3', 'CVE-2026-4000', '2026-03-04', true),
        vuln('lab', 'CVE-2026-4001', '2026-03-04'),
      ],
      windows: [
        { id: 'clinical-sun', deviceClass: 'clinical', rule: sundays },
        { id: 'or3-nightly', deviceId: 'or3', rule: nightly },
      ],
    });
    expect(p.scheduled.map((s) => [s.deviceName, s.windowId, s.window, s.meetsDue])).toEqual([
      [
        'Dev-or3',
        'or3-nightly',
        { start: '2026-03-02T22:00:00.000Z', end: '2026-03-03T00:00:00.000Z' },
        true,
      ],
      [
        'Dev-lab',
        'clinical-sun',
        { start: '2026-03-08T01:00:00.000Z', end: '2026-03-08T04:00:00.000Z' },
        false,
      ],
    ]);
  });
});

import { rmSync } from 'node:fs';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { importFeeds } from '../feeds/index.ts';
import { importDeviceCsv } from '../inventory/device-import.ts';
import { createDevicesTestKit, csv, type DevicesTestKit } from '../inventory/test-kit.ts';
import { matchDeviceVulns } from '../vulns/match-device-vulns.ts';
import { writeTestFeeds } from '../vulns/test-feeds.ts';
import { registerPatchCommands } from './patch-cli.ts';
import {
  addBlackout,
  buildPatchPlan,
  listWindows,
  setVendorValidation,
  setWindow,
} from './window-store.ts';

let kit: DevicesTestKit;
let feeds: ReturnType<typeof writeTestFeeds>;
beforeEach(async () => {
  kit = await createDevicesTestKit(); // 2026-03-02T09:00Z, a Monday
  feeds = writeTestFeeds();
  await importFeeds(kit.db, [...feeds.nvd, feeds.kev, feeds.epss, feeds.csaf]);
  await importDeviceCsv(kit, {
    fileName: 'inv.csv',
    text: csv([
      ['Name', 'Manufacturer', 'Model', 'Version', 'Type', 'IP'],
      ['Pump-ICU-01', 'Acme Medical', 'Infusion Pump 9000', '2.1.0', 'Infusion pump', '10.20.1.5'],
    ]),
    actor: 'alice',
  });
  await matchDeviceVulns(kit, { actor: 'alice' });
});
afterEach(async () => {
  await kit.close();
  rmSync(feeds.dir, { recursive: true, force: true });
});

const sundayNights = {
  rrule: 'FREQ=WEEKLY;BYDAY=SU',
  start: '02:00',
  duration: '3h',
  timeZone: 'Europe/Berlin',
  startDate: '2026-03-01',
};

describe('buildPatchPlan', () => {
  it('plans the open device findings into the stored windows with their due dates', async () => {
    expect((await buildPatchPlan(kit)).unmet).toMatchObject([
      {
        deviceName: 'Pump-ICU-01',
        reason: expect.stringMatching(/no maintenance window .* life_critical/),
      },
    ]);
    await setWindow(kit, {
      deviceClass: 'life_critical',
      spec: sundayNights,
      label: 'ICU quiet',
      actor: 'biomed',
    });
    const plan = await buildPatchPlan(kit, { days: 30 });
    expect(plan.unmet).toEqual([]);
    expect(plan.scheduled).toHaveLength(1);
    const [s] = plan.scheduled;
    expect(s!.window).toEqual({
      start: '2026-03-08T01:00:00.000Z',
      end: '2026-03-08T04:00:00.000Z',
    });
    expect(s!.cves[0]).toBe('CVE-2025-10002'); // the KEV one first
    expect(s!.cves).toHaveLength(3);
    expect(s!.fixes.every((f) => f.due !== null)).toBe(true);

    // Vendor validation of 30 days and a blackout push it past the horizon.
    await setVendorValidation(kit, { manufacturer: 'Acme Medical', leadDays: 20, actor: 'biomed' });
    await addBlackout(kit, {
      from: '2026-03-22',
      to: '2026-03-29',
      reason: 'flu surge',
      actor: 'biomed',
    });
    const later = await buildPatchPlan(kit, { days: 40 });
    expect(later.scheduled.map((x) => [x.window.start, x.reason])).toEqual([
      ['2026-04-05T00:00:00.000Z', expect.stringContaining('vendor validation takes 20 days')],
    ]);
  });

  it("replaces a scope's windows on set and keeps them with add", async () => {
    await setWindow(kit, { deviceClass: 'clinical', spec: sundayNights, actor: 'biomed' });
    await setWindow(kit, {
      deviceClass: 'clinical',
      spec: { ...sundayNights, rrule: 'FREQ=MONTHLY;BYDAY=-1SA' },
      actor: 'biomed',
    });
    await setWindow(kit, {
      deviceClass: 'clinical',
      spec: sundayNights,
      add: true,
      capacity: 3,
      actor: 'biomed',
    });
    await setWindow(kit, { device: 'Pump-ICU-01', spec: sundayNights, actor: 'biomed' });
    expect(
      (await listWindows(kit.db)).map((w) => [w.deviceClass ?? w.deviceName, w.rrule, w.capacity]),
    ).toEqual([
      ['clinical', 'FREQ=MONTHLY;BYDAY=-1SA', 10],
      ['clinical', 'FREQ=WEEKLY;BYDAY=SU', 3],
      ['Pump-ICU-01', 'FREQ=WEEKLY;BYDAY=SU', 10],
    ]);
    await expect(
      setWindow(kit, {
        deviceClass: 'clinical',
        spec: { ...sundayNights, rrule: 'FREQ=YEARLY' },
        actor: 'x',
      }),
    ).rejects.toThrow(/FREQ=YEARLY is not supported/);
    await expect(
      setWindow(kit, { deviceClass: 'icu', spec: sundayNights, actor: 'x' }),
    ).rejects.toThrow(/device class "icu": one of life_critical/);
  });
});

describe('ward devices windows / plan', () => {
  it('sets a window and prints the plan as iCalendar and CSV', async () => {
    const out: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(s));
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    const program = new Command().exitOverride();
    const devices = program.command('devices');
    registerPatchCommands(devices, (fn) => fn(kit));
    const run = (...args: string[]) => program.parseAsync(['node', 'ward', 'devices', ...args]);
    try {
      await run(
        'windows',
        'set',
        '--class',
        'life_critical',
        '--rrule',
        'FREQ=WEEKLY;BYDAY=SU',
        '--start',
        '02:00',
        '--duration',
        '3h',
        '--tz',
        'Europe/Berlin',
      );
      expect(out.pop()).toBe(
        'window for life_critical: FREQ=WEEKLY;BYDAY=SU at 02:00 Europe/Berlin for 180 min, 10 device(s) per window',
      );
      await run('plan', '--ics');
      const ics = out.pop()!;
      expect(ics).toContain('\r\nDTSTART:20260308T010000Z\r\n');
      expect(ics.replace(/\r\n /g, '')).toContain('SUMMARY:Patch Pump-ICU-01: CVE-2025-10002\\, ');
      await run('plan', '--csv', '--days', '30');
      expect(out.pop()!.split('\r\n')[1]).toMatch(
        /^scheduled,Pump-ICU-01,.*,2026-03-08T01:00:00.000Z,/,
      );
    } finally {
      vi.restoreAllMocks();
    }
  });
});

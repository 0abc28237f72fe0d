import type { Command } from 'commander';
import type { DevicesDeps } from '../inventory/device-deps.ts';
import { planToCsv, planToIcs } from './plan-export.ts';
import type { PatchPlan } from './plan-patches.ts';
import {
  addBlackout,
  buildPatchPlan,
  listBlackouts,
  listVendorValidation,
  listWindows,
  setVendorValidation,
  setWindow,
} from './window-store.ts';
import { formatLocal, localDay } from './zoned-time.ts';

type WithDevices = <T>(fn: (app: DevicesDeps) => Promise<T>) => Promise<T>;

interface WindowOpts {
  class?: string;
  device?: string;
  rrule: string;
  start: string;
  duration: string;
  tz: string;
  from?: string;
  capacity?: string;
  label?: string;
  add?: boolean;
}

/**
 * `ward devices windows set|list|blackout|vendor` and `ward devices plan`, added to the
 * `ward devices` command.
 */
export function registerPatchCommands(devices: Command, withApp: WithDevices): void {
  const windows = devices
    .command('windows')
    .description('maintenance windows per device class or device, blackouts, vendor validation');

  windows
    .command('set')
    .description(
      'set the maintenance window of a device class or one device (replaces its windows)',
    )
    .option('--class <class>', 'life_critical|clinical|clinical_support|building_iot|it')
    .option('--device <device>', 'device id or name (overrides its class windows)')
    .requiredOption(
      '--rrule <rule>',
      "RFC 5545 RRULE, e.g. 'FREQ=WEEKLY;BYDAY=SU' or 'FREQ=MONTHLY;BYDAY=-1SA'",
    )
    .requiredOption('--start <HH:MM>', 'local start time')
    .requiredOption('--duration <d>', 'e.g. 3h, 90m, 2h30m')
    .requiredOption('--tz <zone>', 'IANA time zone, e.g. Europe/Berlin')
    .option('--from <date>', 'first day the rule applies (YYYY-MM-DD; default today)')
    .option('--capacity <n>', 'devices of one class per window (default 10)')
    .option('--label <text>', 'e.g. "OR 3 idle"')
    .option('--add', 'add this window instead of replacing the existing ones')
    .action(async (o: WindowOpts) => {
      const w = await withApp((app) =>
        setWindow(app, {
          deviceClass: o.class,
          device: o.device,
          spec: {
            rrule: o.rrule,
            start: o.start,
            duration: o.duration,
            timeZone: o.tz,
            startDate: o.from ?? localDay(app.clock.now(), o.tz),
          },
          capacity: o.capacity === undefined ? undefined : Number(o.capacity),
          label: o.label,
          add: o.add,
          actor: 'cli',
        }),
      );
      console.log(
        `window for ${w.deviceClass ?? w.deviceName}: ${w.rrule} at ${w.start} ${w.timeZone} for ${w.durationMinutes} min, ${w.capacity} device(s) per window`,
      );
    });

  windows
    .command('list')
    .description('list maintenance windows, blackouts and vendor-validation rules')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const all = await withApp(async (app) => ({
        windows: await listWindows(app.db),
        blackouts: await listBlackouts(app.db),
        vendorValidation: await listVendorValidation(app.db),
      }));
      if (o.json) return console.log(JSON.stringify(all, null, 2));
      for (const w of all.windows) {
        console.log(
          `${w.deviceClass ?? `device ${w.deviceName}`}: ${w.rrule} at ${w.start} ${w.timeZone}, ${w.durationMinutes} min, capacity ${w.capacity}, from ${w.startDate}${w.label ? ` (${w.label})` : ''}`,
        );
      }
      for (const b of all.blackouts)
        console.log(`blackout ${b.from}..${b.to}${b.reason ? `: ${b.reason}` : ''}`);
      for (const v of all.vendorValidation)
        console.log(`vendor validation: ${v.manufacturer}, ${v.leadDays} days`);
      if (!all.windows.length)
        console.log('no maintenance windows: every device will be unplanned');
    });

  windows
    .command('blackout')
    .description('add dates when nothing may be patched, e.g. a flu-season surge')
    .requiredOption('--from <date>', 'YYYY-MM-DD')
    .requiredOption('--to <date>', 'YYYY-MM-DD (inclusive)')
    .option('--reason <text>')
    .action(async (o: { from: string; to: string; reason?: string }) => {
      await withApp((app) => addBlackout(app, { ...o, actor: 'cli' }));
      console.log(`blackout ${o.from}..${o.to} added`);
    });

  windows
    .command('vendor')
    .description("require vendor validation for a manufacturer's fixes, with a lead time")
    .argument('<manufacturer>')
    .option('--lead-days <n>', 'days the vendor needs to validate a patch', '14')
    .option('--remove', 'no longer require validation')
    .action(async (manufacturer: string, o: { leadDays: string; remove?: boolean }) => {
      const leadDays = o.remove ? null : Number(o.leadDays);
      await withApp((app) => setVendorValidation(app, { manufacturer, leadDays, actor: 'cli' }));
      console.log(
        o.remove
          ? `${manufacturer}: no validation required`
          : `${manufacturer}: validation takes ${leadDays} days`,
      );
    });

  devices
    .command('plan')
    .description(
      'propose patch windows for open device vulnerabilities (KEV first), flag missed due dates',
    )
    .option('--days <n>', 'planning horizon in days', '90')
    .option('--csv', 'print CSV (RFC 4180)')
    .option('--ics', 'print iCalendar (RFC 5545)')
    .option('--json', 'print JSON')
    .action(async (o: { days: string; csv?: boolean; ics?: boolean; json?: boolean }) => {
      const days = Number(o.days);
      if (!Number.isInteger(days) || days < 1 || days > 730)
        throw new Error(`--days ${o.days}: 1..730`);
      const plan = await withApp((app) => buildPatchPlan(app, { days }));
      if (o.csv) return void process.stdout.write(planToCsv(plan));
      if (o.ics) return void process.stdout.write(planToIcs(plan));
      if (o.json) return console.log(JSON.stringify(plan, null, 2));
      printPlan(plan);
    });
}

function printPlan(plan: PatchPlan): void {
  for (const s of plan.scheduled) {
    console.log(
      `${formatLocal(new Date(s.window.start), s.timeZone)} ${s.timeZone}  ${s.deviceName}  ${s.cves.join(', ')}${s.meetsDue ? '' : '  MISSES DUE DATE'}`,
    );
    if (s.reason) console.log(`    ${s.reason}`);
  }
  for (const u of plan.unmet)
    console.log(`UNPLANNED  ${u.deviceName}  ${u.cves.join(', ')}: ${u.reason}`);
  const missed = plan.scheduled.filter((s) => !s.meetsDue).length;
  console.log(
    `\n${plan.scheduled.length} device(s) scheduled (${missed} miss a due date), ${plan.unmet.length} unplanned`,
  );
}

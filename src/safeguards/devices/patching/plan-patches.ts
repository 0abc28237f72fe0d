/**
 * The patch planner: one maintenance window per device for all of its pending fixes, devices
 * taken KEV first, then by earliest due date, then by risk, each into the earliest allowed
 * window that still has room for its class, after any vendor-validation lead time and outside
 * blackouts. Due dates that cannot be met are planned anyway and flagged with why.
 */
import type { DeviceClass } from '../inventory/device-class.ts';
import { expandWindows } from './expand-windows.ts';
import type { WindowRule } from './window-rule.ts';
import { formatLocal, localDay } from './zoned-time.ts';

export const DEFAULT_WINDOW_CAPACITY = 10;
/** Lead time when a fix needs vendor validation and no manufacturer rule says how long. */
export const DEFAULT_VENDOR_LEAD_DAYS = 14;
const DAY_MS = 86_400_000;

export interface PlanDevice {
  id: string;
  name: string;
  deviceClass: DeviceClass;
  manufacturer: string | null;
}

export interface PlanVuln {
  deviceId: string;
  cve: string;
  /** ISO instant, or `YYYY-MM-DD` meaning the end of that UTC day; null: no deadline. */
  due: string | null;
  kev: boolean;
  risk: number;
  needsVendorValidation?: boolean;
}

/** A window for a device class, or for one device (which then ignores its class's windows). */
export interface PlanWindow {
  id: string;
  deviceClass?: DeviceClass | null;
  deviceId?: string | null;
  rule: WindowRule;
  /** Devices of one class per occurrence. */
  capacity?: number;
}

/** Local dates (in each window's zone), inclusive, when nothing may be patched. */
export interface Blackout {
  from: string;
  to: string;
  reason?: string | null;
}

/** Fixes for this manufacturer's devices need vendor validation, taking leadDays. */
export interface VendorValidation {
  manufacturer: string;
  leadDays: number;
}

export interface PlanInput {
  devices: readonly PlanDevice[];
  vulns: readonly PlanVuln[];
  windows: readonly PlanWindow[];
  blackouts?: readonly Blackout[];
  vendorValidation?: readonly VendorValidation[];
  now: Date;
  horizonDays: number;
}

export interface PlannedFix {
  cve: string;
  due: string | null;
  kev: boolean;
  risk: number;
}

export interface ScheduledPatch {
  deviceId: string;
  deviceName: string;
  deviceClass: DeviceClass;
  windowId: string;
  timeZone: string;
  window: { start: string; end: string };
  /** Most urgent first. */
  cves: string[];
  fixes: PlannedFix[];
  meetsDue: boolean;
  /** Why the due date is missed, or what delayed the window. */
  reason?: string;
}

export interface UnmetPatch {
  deviceId: string;
  deviceName: string;
  cves: string[];
  reason: string;
}

export interface PatchPlan {
  generatedAt: string;
  scheduled: ScheduledPatch[];
  unmet: UnmetPatch[];
}

const dueTime = (due: string | null): number =>
  due === null
    ? Infinity
    : /^\d{4}-\d{2}-\d{2}$/.test(due)
      ? Date.parse(`${due}T23:59:59.999Z`)
      : Date.parse(due);

const byUrgency = (a: PlanVuln, b: PlanVuln) =>
  Number(b.kev) - Number(a.kev) ||
  dueTime(a.due) - dueTime(b.due) ||
  b.risk - a.risk ||
  a.cve.localeCompare(b.cve);

interface Pending {
  device: PlanDevice;
  fixes: PlanVuln[];
}

export function planPatches(input: PlanInput): PatchPlan {
  const { now } = input;
  const horizonEnd = new Date(now.getTime() + input.horizonDays * DAY_MS);
  const leads = new Map(
    (input.vendorValidation ?? []).map((v) => [v.manufacturer.trim().toLowerCase(), v.leadDays]),
  );
  const pending = new Map<string, Pending>();
  const devices = new Map(input.devices.map((d) => [d.id, d]));
  for (const v of input.vulns) {
    const device = devices.get(v.deviceId);
    if (!device) continue;
    const p = pending.get(v.deviceId) ?? { device, fixes: [] };
    p.fixes.push(v);
    pending.set(v.deviceId, p);
  }
  for (const p of pending.values()) p.fixes.sort(byUrgency);
  // The device's most urgent fix orders the device: KEV, then due date, then its highest risk.
  const ordered = [...pending.values()].sort(
    (a, b) =>
      byUrgency(a.fixes[0]!, b.fixes[0]!) ||
      Math.max(...b.fixes.map((f) => f.risk)) - Math.max(...a.fixes.map((f) => f.risk)) ||
      a.device.name.localeCompare(b.device.name),
  );

  const occurrences = new Map<string, Array<{ start: Date; end: Date }>>();
  const windowOccurrences = (w: PlanWindow) => {
    let list = occurrences.get(w.id);
    if (!list) {
      list = expandWindows(w.rule, now, horizonEnd).filter(
        (o) => o.start >= now && !inBlackout(o, w.rule.timeZone, input.blackouts ?? []),
      );
      occurrences.set(w.id, list);
    }
    return list;
  };
  const used = new Map<string, number>();
  const plan: PatchPlan = { generatedAt: now.toISOString(), scheduled: [], unmet: [] };

  for (const { device, fixes } of ordered) {
    const cves = fixes.map((f) => f.cve);
    const own = input.windows.filter((w) => w.deviceId === device.id);
    const windows = own.length
      ? own
      : input.windows.filter((w) => !w.deviceId && w.deviceClass === device.deviceClass);
    if (!windows.length) {
      plan.unmet.push({
        deviceId: device.id,
        deviceName: device.name,
        cves,
        reason: `no maintenance window is defined for device class ${device.deviceClass} or for this device`,
      });
      continue;
    }
    const lead = leadDays(device, fixes, leads);
    const earliest = new Date(now.getTime() + lead * DAY_MS);
    let full = 0;
    let pick: { w: PlanWindow; o: { start: Date; end: Date }; key: string } | null = null;
    for (const w of windows) {
      for (const o of windowOccurrences(w)) {
        if (o.start < earliest) continue;
        if (pick && o.start >= pick.o.start) break;
        const key = `${w.id}|${o.start.toISOString()}|${device.deviceClass}`;
        if ((used.get(key) ?? 0) >= (w.capacity ?? DEFAULT_WINDOW_CAPACITY)) {
          full++;
          continue;
        }
        pick = { w, o, key };
        break;
      }
    }
    if (!pick) {
      const why = [
        `no allowed window in the next ${input.horizonDays} days`,
        lead ? `vendor validation takes ${lead} days` : '',
        full ? `${full} window(s) already full` : '',
        input.blackouts?.length ? 'blackout dates excluded' : '',
      ].filter(Boolean);
      plan.unmet.push({
        deviceId: device.id,
        deviceName: device.name,
        cves,
        reason: why.join('; '),
      });
      continue;
    }
    used.set(pick.key, (used.get(pick.key) ?? 0) + 1);
    const tz = pick.w.rule.timeZone;
    const firstDue = fixes.reduce((a, f) => (dueTime(f.due) < dueTime(a.due) ? f : a));
    const meetsDue = pick.o.end.getTime() <= dueTime(firstDue.due);
    const notes = [
      lead ? `vendor validation takes ${lead} days` : '',
      full ? `${full} earlier window(s) full` : '',
    ].filter(Boolean);
    let reason: string | undefined;
    if (!meetsDue) {
      const dueLabel = `${firstDue.kev ? 'KEV ' : ''}due date ${localDay(new Date(dueTime(firstDue.due)), tz)}`;
      reason =
        `first allowed window ${formatLocal(pick.o.start, tz)} is after the ${dueLabel}` +
        `${notes.length ? ` (${notes.join(', ')})` : ''}; consider a compensating control`;
    } else if (notes.length) {
      reason = notes.join('; ');
    }
    plan.scheduled.push({
      deviceId: device.id,
      deviceName: device.name,
      deviceClass: device.deviceClass,
      windowId: pick.w.id,
      timeZone: tz,
      window: { start: pick.o.start.toISOString(), end: pick.o.end.toISOString() },
      cves,
      fixes: fixes.map((f) => ({ cve: f.cve, due: f.due, kev: f.kev, risk: f.risk })),
      meetsDue,
      ...(reason ? { reason } : {}),
    });
  }
  plan.scheduled.sort((a, b) => a.window.start.localeCompare(b.window.start));
  return plan;
}

function leadDays(device: PlanDevice, fixes: PlanVuln[], leads: Map<string, number>): number {
  const rule = device.manufacturer
    ? leads.get(device.manufacturer.trim().toLowerCase())
    : undefined;
  if (rule !== undefined) return rule;
  return fixes.some((f) => f.needsVendorValidation) ? DEFAULT_VENDOR_LEAD_DAYS : 0;
}

function inBlackout(o: { start: Date; end: Date }, tz: string, blackouts: readonly Blackout[]) {
  const first = localDay(o.start, tz);
  const last = localDay(new Date(o.end.getTime() - 1), tz);
  return blackouts.some((b) => first <= b.to && last >= b.from);
}

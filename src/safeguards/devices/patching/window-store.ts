/**
 * Maintenance windows, blackouts and vendor-validation rules in the database (migration 0003),
 * and the plan built from them with the devices' open vulnerabilities and their findings' due
 * dates.
 */
import type { Queryable } from '../../../platform/db/index.ts';
import { DEVICE_CLASSES, type DeviceClass } from '../inventory/device-class.ts';
import type { DevicesDeps } from '../inventory/device-deps.ts';
import { resolveDevice } from '../inventory/device-queries.ts';
import {
  DEFAULT_WINDOW_CAPACITY,
  planPatches,
  type Blackout,
  type PatchPlan,
  type PlanVuln,
  type PlanWindow,
  type VendorValidation,
} from './plan-patches.ts';
import { parseWindowRule, WindowRuleError, type WindowSpec } from './window-rule.ts';

export interface StoredWindow {
  id: string;
  deviceClass: DeviceClass | null;
  deviceId: string | null;
  deviceName: string | null;
  label: string;
  rrule: string;
  start: string;
  startDate: string;
  durationMinutes: number;
  timeZone: string;
  capacity: number;
}

export interface SetWindowInput {
  /** A device class, or a device id or name (its windows then replace its class's). */
  deviceClass?: string;
  device?: string;
  spec: WindowSpec;
  label?: string;
  capacity?: number;
  /** Keep the scope's other windows (default: this one replaces them). */
  add?: boolean;
  actor: string;
}

/** Validates the rule, then stores it for the class or device; returns the stored window. */
export async function setWindow(deps: DevicesDeps, input: SetWindowInput): Promise<StoredWindow> {
  if (!input.deviceClass === !input.device)
    throw new WindowRuleError('give a device class or a device, not both');
  if (input.deviceClass && !(DEVICE_CLASSES as readonly string[]).includes(input.deviceClass)) {
    throw new WindowRuleError(
      `device class "${input.deviceClass}": one of ${DEVICE_CLASSES.join(', ')}`,
    );
  }
  const capacity = input.capacity ?? DEFAULT_WINDOW_CAPACITY;
  if (!Number.isInteger(capacity) || capacity < 1)
    throw new WindowRuleError(`capacity ${capacity}: a whole number >= 1`);
  const rule = parseWindowRule(input.spec);
  const deviceId = input.device ? (await resolveDevice(deps.db, input.device)).id : null;
  const cls = input.deviceClass ?? null;
  const id = await deps.db.transaction(async (tx) => {
    if (!input.add) {
      await tx.query(
        'DELETE FROM device_patch_windows WHERE device_class IS NOT DISTINCT FROM $1 AND device_id IS NOT DISTINCT FROM $2',
        [cls, deviceId],
      );
    }
    const rows = await tx.query<{ id: string }>(
      `INSERT INTO device_patch_windows (device_class, device_id, label, rrule, start_time, start_date,
         duration_minutes, time_zone, capacity, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        cls,
        deviceId,
        input.label ?? '',
        rule.text,
        input.spec.start.trim(),
        input.spec.startDate,
        rule.durationMinutes,
        rule.timeZone,
        capacity,
        input.actor,
        deps.clock.now(),
      ],
    );
    await deps.audit.append(
      {
        actor: input.actor,
        action: 'devices.patch-window.set',
        target: cls ?? deviceId,
        detail: {
          rrule: rule.text,
          start: input.spec.start,
          durationMinutes: rule.durationMinutes,
          timeZone: rule.timeZone,
          capacity,
          replaced: !input.add,
        },
      },
      tx,
    );
    return rows[0]!.id;
  });
  return (await listWindows(deps.db)).find((w) => w.id === id)!;
}

export async function listWindows(db: Queryable): Promise<StoredWindow[]> {
  const rows = await db.query<{
    id: string;
    device_class: string | null;
    device_id: string | null;
    name: string | null;
    label: string;
    rrule: string;
    start_time: string;
    start_date: string;
    duration_minutes: number;
    time_zone: string;
    capacity: number;
  }>(
    `SELECT w.id, w.device_class, w.device_id, d.name, w.label, w.rrule, w.start_time,
       to_char(w.start_date, 'YYYY-MM-DD') AS start_date, w.duration_minutes, w.time_zone, w.capacity
     FROM device_patch_windows w LEFT JOIN devices d ON d.asset_id = w.device_id
     ORDER BY w.device_class NULLS LAST, lower(d.name), w.seq`,
  );
  return rows.map((r) => ({
    id: r.id,
    deviceClass: r.device_class as DeviceClass | null,
    deviceId: r.device_id,
    deviceName: r.name,
    label: r.label,
    rrule: r.rrule,
    start: r.start_time,
    startDate: r.start_date,
    durationMinutes: Number(r.duration_minutes),
    timeZone: r.time_zone,
    capacity: Number(r.capacity),
  }));
}

export async function addBlackout(
  deps: DevicesDeps,
  input: { from: string; to: string; reason?: string; actor: string },
): Promise<void> {
  for (const d of [input.from, input.to]) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(d)))
      throw new WindowRuleError(`blackout date "${d}": expected YYYY-MM-DD`);
  }
  if (input.to < input.from)
    throw new WindowRuleError(`blackout ends ${input.to} before it starts ${input.from}`);
  await deps.db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO device_patch_blackouts (starts_on, ends_on, reason, created_by, created_at) VALUES ($1, $2, $3, $4, $5)`,
      [input.from, input.to, input.reason ?? '', input.actor, deps.clock.now()],
    );
    await deps.audit.append(
      {
        actor: input.actor,
        action: 'devices.patch-blackout.add',
        detail: { from: input.from, to: input.to, reason: input.reason ?? '' },
      },
      tx,
    );
  });
}

export async function listBlackouts(db: Queryable): Promise<Blackout[]> {
  return db.query<Blackout>(
    `SELECT to_char(starts_on, 'YYYY-MM-DD') AS "from", to_char(ends_on, 'YYYY-MM-DD') AS "to", reason
     FROM device_patch_blackouts ORDER BY starts_on, ends_on`,
  );
}

/** leadDays null removes the rule. */
export async function setVendorValidation(
  deps: DevicesDeps,
  input: { manufacturer: string; leadDays: number | null; actor: string },
): Promise<void> {
  const m = input.manufacturer.trim().toLowerCase();
  if (!m) throw new WindowRuleError('manufacturer is empty');
  if (
    input.leadDays !== null &&
    (!Number.isInteger(input.leadDays) || input.leadDays < 0 || input.leadDays > 365)
  ) {
    throw new WindowRuleError(`lead time ${input.leadDays}: whole days 0..365`);
  }
  await deps.db.transaction(async (tx) => {
    if (input.leadDays === null) {
      await tx.query('DELETE FROM device_vendor_validation WHERE manufacturer = $1', [m]);
    } else {
      await tx.query(
        `INSERT INTO device_vendor_validation (manufacturer, lead_days, updated_by, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (manufacturer) DO UPDATE SET lead_days = EXCLUDED.lead_days, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
        [m, input.leadDays, input.actor, deps.clock.now()],
      );
    }
    await deps.audit.append(
      {
        actor: input.actor,
        action: 'devices.vendor-validation.set',
        target: m,
        detail: { leadDays: input.leadDays },
      },
      tx,
    );
  });
}

export async function listVendorValidation(db: Queryable): Promise<VendorValidation[]> {
  const rows = await db.query<{ manufacturer: string; lead_days: number }>(
    'SELECT manufacturer, lead_days FROM device_vendor_validation ORDER BY manufacturer',
  );
  return rows.map((r) => ({ manufacturer: r.manufacturer, leadDays: Number(r.lead_days) }));
}

/**
 * The plan for the next `days` days: every device match whose finding is still open or in
 * progress, with the finding's due date; windows, blackouts and vendor rules as stored.
 */
export async function buildPatchPlan(
  deps: DevicesDeps,
  opts: { days?: number } = {},
): Promise<PatchPlan> {
  const now = deps.clock.now();
  const due = new Map<string, string | null>();
  for (let offset = 0; ; offset += 500) {
    const page = await deps.core.listFindings({
      safeguard: ['devices'],
      status: ['open', 'in_progress'],
      limit: 500,
      offset,
    });
    for (const f of page.items) due.set(f.id, f.due);
    if (page.items.length < 500) break;
  }
  const matches = await deps.db.query<{
    device_id: string;
    cve: string;
    kev: boolean;
    risk: number;
    finding_id: string | null;
  }>('SELECT device_id, cve, kev, risk, finding_id FROM device_vulns ORDER BY device_id, cve');
  const vulns: PlanVuln[] = matches
    .filter((m) => m.finding_id !== null && due.has(m.finding_id))
    .map((m) => ({
      deviceId: m.device_id,
      cve: m.cve,
      kev: m.kev,
      risk: Number(m.risk),
      due: due.get(m.finding_id!) ?? null,
    }));
  const devices = await deps.db.query<{
    id: string;
    name: string;
    device_class: DeviceClass;
    manufacturer: string | null;
  }>(
    `SELECT asset_id AS id, name, device_class, manufacturer FROM devices
     WHERE asset_id IN (SELECT DISTINCT device_id FROM device_vulns)`,
  );
  const windows: PlanWindow[] = (await listWindows(deps.db)).map((w) => ({
    id: w.id,
    deviceClass: w.deviceClass,
    deviceId: w.deviceId,
    capacity: w.capacity,
    rule: parseWindowRule({
      rrule: w.rrule,
      start: w.start,
      duration: w.durationMinutes,
      timeZone: w.timeZone,
      startDate: w.startDate,
    }),
  }));
  return planPatches({
    devices: devices.map((d) => ({
      id: d.id,
      name: d.name,
      deviceClass: d.device_class,
      manufacturer: d.manufacturer,
    })),
    vulns,
    windows,
    blackouts: await listBlackouts(deps.db),
    vendorValidation: await listVendorValidation(deps.db),
    now,
    horizonDays: opts.days ?? 90,
  });
}

import type { AssetInput } from '../../../api-types.ts';
import type { Queryable } from '../../../platform/db/index.ts';
import { assetTypeOf, criticalityOf } from './device-class.ts';
import { parseDeviceCsv } from './device-csv.ts';
import type { DevicesDeps } from './device-deps.ts';
import type { DeviceColumnMapping } from './device-fields.ts';
import { DeviceIdentityIndex, mergeRecord, type FieldChange } from './device-identity.ts';
import type { DeviceRecord } from './device-record.ts';
import { loadDevices, RECORD_COLUMNS, recordValues, type StoredDevice } from './device-rows.ts';

export interface DeviceImportInput {
  fileName: string;
  text: string | Buffer;
  mapping?: DeviceColumnMapping;
  actor: string;
}

export interface DeviceImportResult {
  fileName: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  devices: Array<{ id: string; name: string; outcome: 'created' | 'updated' | 'unchanged' }>;
}

interface Planned {
  record: DeviceRecord;
  stored: StoredDevice | null;
  changes: FieldChange[];
  assetId?: string;
}

/**
 * Imports an inventory CSV (CMMS or NAC export). Rows merge into existing devices (MAC, then
 * serial, then IP + host name, then name) without duplicates; every changed field is written
 * to the device's history. The whole file is validated before anything is stored.
 */
export async function importDeviceCsv(
  deps: DevicesDeps,
  input: DeviceImportInput,
): Promise<DeviceImportResult> {
  const { rows, present } = parseDeviceCsv(input.fileName, input.text, input.mapping);
  const existing = await loadDevices(deps.db);
  const index = new DeviceIdentityIndex<Planned>();
  for (const d of existing) index.add(d, { record: d, stored: d, changes: [] });
  const planned: Planned[] = [];
  const outcomes: Planned[] = [];
  for (const { record } of rows) {
    const hit = index.find(record);
    if (!hit) {
      const p: Planned = { record, stored: null, changes: [] };
      planned.push(p);
      outcomes.push(p);
      index.add(record, p);
      continue;
    }
    const { merged, changes } = mergeRecord(hit.record, record, present);
    hit.record = merged;
    hit.changes.push(...changes);
    if (!planned.includes(hit)) planned.push(hit);
    outcomes.push(hit);
    index.add(merged, hit);
  }

  const fresh = planned.filter((p) => !p.stored);
  const assets = await deps.core.findOrCreateAssets(
    fresh.map((p) => assetInput(p.record)),
    input.actor,
  );
  const byAsset = new Map(existing.map((d) => [d.id, d]));
  fresh.forEach((p, i) => {
    p.assetId = assets[i]!.id;
    // The asset already is a device under another name (renamed since): update that one.
    const other = byAsset.get(p.assetId);
    if (other) {
      const { merged, changes } = mergeRecord(other, p.record, present);
      p.stored = other;
      p.record = merged;
      p.changes = changes;
    }
  });
  for (const p of planned) p.assetId ??= p.stored!.id;

  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    for (const p of planned) {
      if (!p.stored) await insertDevice(tx, p.assetId!, p.record, input.fileName, now);
      else if (p.changes.length) await updateDevice(tx, p.assetId!, p.record, now);
    }
    await writeHistory(tx, planned, input, now);
    await deps.audit.append(
      {
        actor: input.actor,
        action: 'devices.import',
        target: null,
        detail: {
          file: input.fileName,
          rows: rows.length,
          created: planned.filter((p) => !p.stored).length,
          updated: planned.filter((p) => p.stored && p.changes.length).length,
        },
      },
      tx,
    );
  });
  await syncAssets(deps, planned, input.actor);

  const outcome = (p: Planned) =>
    !p.stored ? 'created' : p.changes.length ? 'updated' : ('unchanged' as const);
  const unique = [...new Set(outcomes)];
  return {
    fileName: input.fileName,
    rows: rows.length,
    created: unique.filter((p) => outcome(p) === 'created').length,
    updated: unique.filter((p) => outcome(p) === 'updated').length,
    unchanged: unique.filter((p) => outcome(p) === 'unchanged').length,
    devices: unique.map((p) => ({ id: p.assetId!, name: p.record.name, outcome: outcome(p) })),
  };
}

function assetInput(r: DeviceRecord): AssetInput {
  return {
    type: assetTypeOf(r.deviceClass),
    name: r.name,
    ips: r.ip ? [r.ip] : [],
    macs: r.mac ? [r.mac] : [],
    hostnames: r.hostname ? [r.hostname] : [],
    department: r.department,
    location: r.location,
    owner: r.owner,
    os: r.os,
    criticality: criticalityOf(r.deviceClass),
    tags: ['device-inventory'],
  };
}

async function insertDevice(
  tx: Queryable,
  assetId: string,
  r: DeviceRecord,
  source: string,
  now: Date,
): Promise<void> {
  const values = recordValues(r);
  const params = values.map((_, i) => `$${i + 2}`).join(', ');
  await tx.query(
    `INSERT INTO devices (asset_id, ${RECORD_COLUMNS}, source, created_at, updated_at)
     VALUES ($1, ${params}, $${values.length + 2}, $${values.length + 3}, $${values.length + 3})`,
    [assetId, ...values, source, now],
  );
}

async function updateDevice(tx: Queryable, assetId: string, r: DeviceRecord, now: Date) {
  const values = recordValues(r);
  const sets = RECORD_COLUMNS.split(', ')
    .map((c, i) => `${c} = $${i + 2}`)
    .join(', ');
  await tx.query(
    `UPDATE devices SET ${sets}, updated_at = $${values.length + 2} WHERE asset_id = $1`,
    [assetId, ...values, now],
  );
}

async function writeHistory(
  tx: Queryable,
  planned: readonly Planned[],
  input: DeviceImportInput,
  now: Date,
): Promise<void> {
  const rows = planned.flatMap((p) =>
    p.stored
      ? p.changes.map((c) => ({
          device_id: p.assetId,
          field: c.field,
          old_value: c.oldValue,
          new_value: c.newValue,
        }))
      : [{ device_id: p.assetId, field: 'created', old_value: null, new_value: p.record.name }],
  );
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO device_history (device_id, field, old_value, new_value, source, changed_by, changed_at)
     SELECT device_id, field, old_value, new_value, $2, $3, $4
     FROM json_to_recordset($1::json) AS t(device_id uuid, field text, old_value text, new_value text)`,
    [JSON.stringify(rows), input.fileName, input.actor, now],
  );
}

/**
 * Keeps the core asset in step with a changed device: identifiers the inventory replaced are
 * swapped (so scanner imports keep matching), and department, location and criticality follow.
 */
async function syncAssets(deps: DevicesDeps, planned: readonly Planned[], actor: string) {
  const touched = new Set([
    'ip',
    'mac',
    'hostname',
    'department',
    'location',
    'device_class',
    'owner',
  ]);
  for (const p of planned) {
    if (!p.stored || !p.changes.some((c) => touched.has(c.field))) continue;
    const asset = await deps.core.getAsset(p.assetId!);
    if (!asset) continue;
    const swap = (list: string[], old: string | null, next: string | null) => [
      ...new Set([...list.filter((v) => v !== old), ...(next ? [next] : [])]),
    ];
    const r = p.record;
    await deps.core.updateAsset(
      p.assetId!,
      {
        ips: swap(asset.ips, p.stored.ip, r.ip),
        macs: swap(asset.macs, p.stored.mac, r.mac),
        hostnames: swap(asset.hostnames, p.stored.hostname, r.hostname),
        department: r.department,
        location: r.location,
        owner: r.owner,
        criticality: criticalityOf(r.deviceClass),
      },
      actor,
    );
  }
}

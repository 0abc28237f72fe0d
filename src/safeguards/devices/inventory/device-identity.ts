import { fieldText, TRACKED_FIELDS, type DeviceRecord } from './device-record.ts';

/**
 * Finds the device an inventory row describes, strongest identifier first: MAC, then serial,
 * then IP and host name together (an IP alone is reassigned by DHCP), then the name. Keys are
 * added as devices are met, so two rows of one file naming the same device merge too.
 */
export class DeviceIdentityIndex<T> {
  private readonly maps = {
    mac: new Map<string, T>(),
    serial: new Map<string, T>(),
    ipHost: new Map<string, T>(),
    name: new Map<string, T>(),
  };

  add(r: Pick<DeviceRecord, 'mac' | 'serial' | 'ip' | 'hostname' | 'name'>, value: T): void {
    for (const [kind, key] of identityKeys(r)) this.maps[kind].set(key, value);
  }

  find(r: Pick<DeviceRecord, 'mac' | 'serial' | 'ip' | 'hostname' | 'name'>): T | undefined {
    for (const [kind, key] of identityKeys(r)) {
      const hit = this.maps[kind].get(key);
      if (hit !== undefined) return hit;
    }
    return undefined;
  }
}

function identityKeys(
  r: Pick<DeviceRecord, 'mac' | 'serial' | 'ip' | 'hostname' | 'name'>,
): Array<['mac' | 'serial' | 'ipHost' | 'name', string]> {
  const keys: Array<['mac' | 'serial' | 'ipHost' | 'name', string]> = [];
  if (r.mac) keys.push(['mac', r.mac]);
  if (r.serial) keys.push(['serial', r.serial.toLowerCase()]);
  if (r.ip && r.hostname) keys.push(['ipHost', `${r.ip}|${r.hostname.toLowerCase()}`]);
  keys.push(['name', r.name.toLowerCase()]);
  return keys;
}

export interface FieldChange {
  field: string;
  oldValue: string | null;
  newValue: string | null;
}

/**
 * The record after an import row: cells the row leaves empty keep what is stored (a CSV without
 * a serial column must not erase serials), CPEs given replace the stored ones.
 */
export function mergeRecord(
  stored: DeviceRecord,
  row: DeviceRecord,
  present: ReadonlySet<keyof DeviceRecord>,
): { merged: DeviceRecord; changes: FieldChange[] } {
  const merged = { ...stored };
  const changes: FieldChange[] = [];
  for (const key of Object.keys(TRACKED_FIELDS) as (keyof DeviceRecord)[]) {
    if (!present.has(key)) continue;
    const next = row[key];
    if (next === null || (Array.isArray(next) && next.length === 0)) continue;
    const before = fieldText(stored[key]);
    const after = fieldText(next);
    if (before === after) continue;
    (merged as Record<string, unknown>)[key] = next;
    changes.push({ field: TRACKED_FIELDS[key], oldValue: before, newValue: after });
  }
  return { merged, changes };
}

import type { DeviceClass } from './device-class.ts';

export type ScanPolicy = 'discovery_only' | 'do_not_scan';

/** One device as an inventory row states it, validated and normalised. */
export interface DeviceRecord {
  name: string;
  manufacturer: string | null;
  model: string | null;
  deviceType: string | null;
  deviceClass: DeviceClass;
  os: string | null;
  version: string | null;
  serial: string | null;
  udi: string | null;
  ip: string | null;
  /** Upper case with colons, as the asset registry stores MACs. */
  mac: string | null;
  hostname: string | null;
  department: string | null;
  location: string | null;
  vlan: string | null;
  cmmsId: string | null;
  owner: string | null;
  /** `YYYY-MM-DD`. */
  supportEnd: string | null;
  phi: boolean;
  internetFacing: boolean;
  scanPolicy: ScanPolicy;
  cpes: string[];
}

/** The device fields whose changes the history records, with their column names. */
export const TRACKED_FIELDS = {
  name: 'name',
  manufacturer: 'manufacturer',
  model: 'model',
  deviceType: 'device_type',
  deviceClass: 'device_class',
  os: 'os',
  version: 'version',
  serial: 'serial',
  udi: 'udi',
  ip: 'ip',
  mac: 'mac',
  hostname: 'hostname',
  department: 'department',
  location: 'location',
  vlan: 'vlan',
  cmmsId: 'cmms_id',
  owner: 'owner',
  supportEnd: 'support_end',
  phi: 'phi',
  internetFacing: 'internet_facing',
  scanPolicy: 'scan_policy',
  cpes: 'cpes',
} as const satisfies Record<keyof DeviceRecord, string>;

/** A field value as history text (lists joined, booleans as true/false). */
export function fieldText(v: DeviceRecord[keyof DeviceRecord]): string | null {
  if (v === null) return null;
  if (Array.isArray(v)) return v.length ? v.join(' ') : null;
  return String(v);
}

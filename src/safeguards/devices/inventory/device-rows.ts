import type { Queryable, SqlParam } from '../../../platform/db/index.ts';
import type { DeviceClass } from './device-class.ts';
import type { DeviceRecord, ScanPolicy } from './device-record.ts';

/** A stored device: its record and the core asset it is. */
export interface StoredDevice extends DeviceRecord {
  id: string;
  createdAt: string;
  updatedAt: string;
}

export const DEVICE_COLUMNS = `d.asset_id, d.name, d.manufacturer, d.model, d.device_type, d.device_class, d.os,
  d.version, d.serial, d.udi, d.ip, d.mac, d.hostname, d.department, d.location, d.vlan, d.cmms_id, d.owner,
  to_char(d.support_end, 'YYYY-MM-DD') AS support_end, d.phi, d.internet_facing, d.scan_policy, d.cpes,
  d.created_at, d.updated_at`;

export interface DeviceRow {
  asset_id: string;
  name: string;
  manufacturer: string | null;
  model: string | null;
  device_type: string | null;
  device_class: string;
  os: string | null;
  version: string | null;
  serial: string | null;
  udi: string | null;
  ip: string | null;
  mac: string | null;
  hostname: string | null;
  department: string | null;
  location: string | null;
  vlan: string | null;
  cmms_id: string | null;
  owner: string | null;
  support_end: string | null;
  phi: boolean;
  internet_facing: boolean;
  scan_policy: string;
  cpes: string[];
  created_at: Date | string;
  updated_at: Date | string;
}

export function toStoredDevice(r: DeviceRow): StoredDevice {
  return {
    id: r.asset_id,
    name: r.name,
    manufacturer: r.manufacturer,
    model: r.model,
    deviceType: r.device_type,
    deviceClass: r.device_class as DeviceClass,
    os: r.os,
    version: r.version,
    serial: r.serial,
    udi: r.udi,
    ip: r.ip,
    mac: r.mac,
    hostname: r.hostname,
    department: r.department,
    location: r.location,
    vlan: r.vlan,
    cmmsId: r.cmms_id,
    owner: r.owner,
    supportEnd: r.support_end,
    phi: r.phi,
    internetFacing: r.internet_facing,
    scanPolicy: r.scan_policy as ScanPolicy,
    cpes: r.cpes ?? [],
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** Every device (inventories are thousands, not millions: matching works on the whole set). */
export async function loadDevices(db: Queryable): Promise<StoredDevice[]> {
  const rows = await db.query<DeviceRow>(
    `SELECT ${DEVICE_COLUMNS} FROM devices d ORDER BY lower(d.name), d.asset_id`,
  );
  return rows.map(toStoredDevice);
}

/** The record's values in the column order of the devices INSERT and UPDATE below. */
export function recordValues(r: DeviceRecord): SqlParam[] {
  return [
    r.name,
    r.manufacturer,
    r.model,
    r.deviceType,
    r.deviceClass,
    r.os,
    r.version,
    r.serial,
    r.udi,
    r.ip,
    r.mac,
    r.hostname,
    r.department,
    r.location,
    r.vlan,
    r.cmmsId,
    r.owner,
    r.supportEnd,
    r.phi,
    r.internetFacing,
    r.scanPolicy,
    r.cpes,
  ];
}

export const RECORD_COLUMNS =
  'name, manufacturer, model, device_type, device_class, os, version, serial, udi, ip, mac, hostname, department, location, vlan, cmms_id, owner, support_end, phi, internet_facing, scan_policy, cpes';

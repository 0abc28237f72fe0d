import { isIP } from 'node:net';
import { parse as parseCsv } from 'csv-parse/sync';
import { classifyDeviceType, DEVICE_CLASSES, parseDeviceClass } from './device-class.ts';
import { DeviceInputError } from './device-errors.ts';
import { resolveColumns, type DeviceColumnMapping, type DeviceField } from './device-fields.ts';
import type { DeviceRecord } from './device-record.ts';

export interface ParsedDevice {
  line: number;
  record: DeviceRecord;
}

export interface ParsedInventory {
  rows: ParsedDevice[];
  /** The record fields the file has a column for; the others keep what is stored. */
  present: Set<keyof DeviceRecord>;
}

const RECORD_KEY: Record<DeviceField, keyof DeviceRecord> = {
  name: 'name',
  manufacturer: 'manufacturer',
  model: 'model',
  version: 'version',
  type: 'deviceType',
  ip: 'ip',
  mac: 'mac',
  hostname: 'hostname',
  department: 'department',
  location: 'location',
  cpe: 'cpes',
  serial: 'serial',
  udi: 'udi',
  deviceClass: 'deviceClass',
  vlan: 'vlan',
  phi: 'phi',
  os: 'os',
  cmmsId: 'cmmsId',
  owner: 'owner',
  supportEnd: 'supportEnd',
  scanPolicy: 'scanPolicy',
  internetFacing: 'internetFacing',
};

/**
 * Reads an inventory CSV (comma, semicolon or tab separated; UTF-8 with or without BOM) into
 * validated device records. Any bad row fails the whole file with its line and column, so an
 * import either stores all of it or nothing.
 */
export function parseDeviceCsv(
  fileName: string,
  input: string | Buffer,
  mapping?: DeviceColumnMapping,
): ParsedInventory {
  const text = (typeof input === 'string' ? input : input.toString('utf8')).replace(/^\uFEFF/, '');
  const headerLine = text.slice(0, text.search(/\r?\n|$/));
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text, {
      delimiter: sniffDelimiter(headerLine),
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new DeviceInputError(
      { file: fileName, line },
      `not a readable CSV file: ${(err as Error).message}`,
    );
  }
  const [head, ...body] = records;
  if (!head) throw new DeviceInputError({ file: fileName }, 'the file is empty');
  const header = head.record.map((c) => c.trim());
  const columns = resolveColumns(fileName, header, mapping);
  const present = new Set([...columns.keys()].map((f) => RECORD_KEY[f]));
  // The class follows the type when no class column says otherwise.
  if (columns.has('type')) present.add('deviceClass');
  const rows = body.map(({ record, info }) => {
    // info.lines is where the record ends; a quoted cell may span lines.
    const newlines = record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
    const line = info.lines - newlines;
    const cell = (f: DeviceField): string | null => {
      const i = columns.get(f);
      const v = i === undefined ? '' : (record[i] ?? '').trim();
      return v === '' ? null : v;
    };
    const fail = (f: DeviceField, message: string): never => {
      throw new DeviceInputError(
        { file: fileName, line, column: header[columns.get(f)!] },
        message,
      );
    };
    return { line, record: toRecord(cell, fail) };
  });
  return { rows, present };
}

function toRecord(
  cell: (f: DeviceField) => string | null,
  fail: (f: DeviceField, message: string) => never,
): DeviceRecord {
  const name = cell('name') ?? fail('name', 'a device name is required');
  const ip = cell('ip');
  if (ip !== null && !isIP(ip)) fail('ip', `not an IP address: ${JSON.stringify(ip)}`);
  const macText = cell('mac');
  const mac =
    macText === null
      ? null
      : (normaliseMac(macText) ?? fail('mac', `not a MAC address: ${JSON.stringify(macText)}`));
  const classText = cell('deviceClass');
  const deviceClass =
    classText === null
      ? classifyDeviceType(cell('type'))
      : (parseDeviceClass(classText) ??
        fail(
          'deviceClass',
          `unknown class ${JSON.stringify(classText)}; classes are ${DEVICE_CLASSES.join(', ')}`,
        ));
  const supportEnd = cell('supportEnd');
  if (supportEnd !== null && !/^\d{4}-\d{2}-\d{2}$/.test(supportEnd))
    fail('supportEnd', `expected a date YYYY-MM-DD, got ${JSON.stringify(supportEnd)}`);
  const scanText =
    cell('scanPolicy')
      ?.toLowerCase()
      .replace(/[\s-]+/g, '_') ?? 'discovery_only';
  if (scanText !== 'discovery_only' && scanText !== 'do_not_scan')
    fail('scanPolicy', `expected discovery_only or do_not_scan, got ${JSON.stringify(scanText)}`);
  const cpes = (cell('cpe') ?? '').split(/[\s;|]+/).filter(Boolean);
  for (const c of cpes)
    if (!/^cpe:(2\.3:[aho]:|\/[aho]:)/i.test(c))
      fail('cpe', `expected a CPE like cpe:2.3:o:vendor:product:version, got ${JSON.stringify(c)}`);
  return {
    name,
    manufacturer: cell('manufacturer'),
    model: cell('model'),
    deviceType: cell('type'),
    deviceClass,
    os: cell('os'),
    version: cell('version'),
    serial: cell('serial'),
    udi: cell('udi'),
    ip,
    mac,
    hostname: cell('hostname')?.toLowerCase() ?? null,
    department: cell('department'),
    location: cell('location'),
    vlan: cell('vlan'),
    cmmsId: cell('cmmsId'),
    owner: cell('owner'),
    supportEnd,
    phi: yesNo(cell('phi'), (m) => fail('phi', m)),
    internetFacing: yesNo(cell('internetFacing'), (m) => fail('internetFacing', m)),
    scanPolicy: scanText,
    cpes,
  };
}

/** `aa-bb-cc-dd-ee-ff`, `aabb.ccdd.eeff`, `aabbccddeeff` → `AA:BB:CC:DD:EE:FF`. */
export function normaliseMac(text: string): string | null {
  const hex = text.replace(/[:\-.\s]/g, '').toUpperCase();
  if (!/^[0-9A-F]{12}$/.test(hex)) return null;
  return hex.match(/../g)!.join(':');
}

function yesNo(v: string | null, fail: (message: string) => never): boolean {
  if (v === null) return false;
  const t = v.toLowerCase();
  if (['yes', 'y', 'true', '1', 'x'].includes(t)) return true;
  if (['no', 'n', 'false', '0', '-'].includes(t)) return false;
  return fail(`expected yes or no, got ${JSON.stringify(v)}`);
}

function sniffDelimiter(headerLine: string): string {
  const outsideQuotes = headerLine.replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => ({ d, n: outsideQuotes.split(d).length - 1 }));
  const best = counts.reduce((a, b) => (b.n > a.n ? b : a));
  return best.n > 0 ? best.d : ',';
}

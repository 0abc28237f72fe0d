import { DeviceInputError } from './device-errors.ts';

/** What an inventory column can mean. */
export const DEVICE_FIELDS = [
  'name',
  'manufacturer',
  'model',
  'version',
  'type',
  'ip',
  'mac',
  'hostname',
  'department',
  'location',
  'cpe',
  'serial',
  'udi',
  'deviceClass',
  'vlan',
  'phi',
  'os',
  'cmmsId',
  'owner',
  'supportEnd',
  'scanPolicy',
  'internetFacing',
] as const;
export type DeviceField = (typeof DEVICE_FIELDS)[number];

/** Field → the CSV column that holds it, overriding the header names below. */
export type DeviceColumnMapping = Partial<Record<DeviceField, string>>;

/** Header names (compared without case, spaces or punctuation) that CMMS and NAC exports use. */
export const COLUMN_SYNONYMS: Record<DeviceField, readonly string[]> = {
  name: ['name', 'device name', 'asset name', 'device', 'asset'],
  manufacturer: ['manufacturer', 'vendor', 'make', 'mfr', 'mfg'],
  model: ['model', 'product', 'model name', 'product name', 'model number'],
  version: [
    'version',
    'firmware',
    'firmware version',
    'software version',
    'sw version',
    'fw version',
  ],
  type: ['type', 'device type', 'category', 'asset type', 'equipment type'],
  ip: ['ip', 'ip address', 'ipv4', 'ip addr'],
  mac: ['mac', 'mac address'],
  hostname: ['hostname', 'host name', 'host', 'dns name'],
  department: ['department', 'dept', 'unit', 'cost center'],
  location: ['location', 'room', 'site', 'building'],
  cpe: ['cpe', 'cpes', 'cpe23'],
  serial: ['serial', 'serial number', 'sn'],
  udi: ['udi', 'udi di'],
  deviceClass: ['device class', 'class', 'criticality', 'clinical criticality'],
  vlan: ['vlan', 'segment', 'network segment', 'vlan name', 'network'],
  phi: ['phi', 'ephi', 'patient data', 'stores phi'],
  os: ['os', 'operating system'],
  cmmsId: ['cmms id', 'cmms', 'asset tag', 'asset number', 'equipment number'],
  owner: ['owner', 'responsible', 'contact'],
  supportEnd: ['support end', 'end of support', 'eos', 'end of life', 'eol'],
  scanPolicy: ['scan policy'],
  internetFacing: ['internet facing', 'internet exposed', 'external'],
};

export const REQUIRED_FIELDS: readonly DeviceField[] = ['name', 'manufacturer', 'model'];

export function normaliseColumn(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function knownField(text: string): DeviceField | undefined {
  const n = normaliseColumn(text);
  return DEVICE_FIELDS.find((f) => normaliseColumn(f) === n);
}

/**
 * `--map "Asset Label=name,Hersteller=manufacturer"`: column=field pairs. field=column is read
 * too, whichever side names a field, so both habits work.
 */
export function parseDeviceMapping(text: string): DeviceColumnMapping {
  const mapping: DeviceColumnMapping = {};
  for (const pair of text.split(/[,;]/)) {
    if (!pair.trim()) continue;
    const eq = pair.indexOf('=');
    const left = eq < 0 ? '' : pair.slice(0, eq).trim();
    const right = eq < 0 ? '' : pair.slice(eq + 1).trim();
    if (!left || !right) {
      throw new DeviceInputError(
        { file: '--map' },
        `expected column=field, got ${JSON.stringify(pair.trim())}`,
      );
    }
    const asRight = knownField(right);
    const asLeft = knownField(left);
    if (asRight) mapping[asRight] = left;
    else if (asLeft) mapping[asLeft] = right;
    else {
      throw new DeviceInputError(
        { file: '--map' },
        `no field in ${JSON.stringify(pair.trim())}; fields are ${DEVICE_FIELDS.join(', ')}`,
      );
    }
  }
  return mapping;
}

/**
 * Which header column holds each field: the mapping first, then the synonyms. A missing
 * required column is an error naming it and listing the header as found.
 */
export function resolveColumns(
  fileName: string,
  header: readonly string[],
  mapping: DeviceColumnMapping = {},
): Map<DeviceField, number> {
  const byNorm = new Map<string, number>();
  header.forEach((h, i) => {
    const n = normaliseColumn(h);
    if (n && !byNorm.has(n)) byNorm.set(n, i);
  });
  const out = new Map<DeviceField, number>();
  for (const [field, column] of Object.entries(mapping) as [DeviceField, string][]) {
    const i = byNorm.get(normaliseColumn(column));
    if (i === undefined) {
      throw new DeviceInputError(
        { file: fileName },
        `--map names column "${column}" for ${field}, but the header has: ${header.join(', ')}`,
      );
    }
    out.set(field, i);
  }
  const taken = new Set(out.values());
  for (const field of DEVICE_FIELDS) {
    if (out.has(field)) continue;
    for (const syn of COLUMN_SYNONYMS[field]) {
      const i = byNorm.get(normaliseColumn(syn));
      if (i !== undefined && !taken.has(i)) {
        out.set(field, i);
        taken.add(i);
        break;
      }
    }
  }
  for (const field of REQUIRED_FIELDS) {
    if (!out.has(field)) {
      const names = COLUMN_SYNONYMS[field].slice(1, 4).join(', ');
      throw new DeviceInputError(
        { file: fileName },
        `no "${field}" column (also read as ${names}); the header has: ${header.join(', ')}. Name it with --map "<column>=${field}"`,
      );
    }
  }
  return out;
}

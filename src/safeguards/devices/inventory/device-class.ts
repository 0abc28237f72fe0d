import type { AssetType, Criticality } from '../../../api-types.ts';

/** Healthcare device taxonomy (Cisco medical NAC whitepaper, with support and building IoT split out). */
export const DEVICE_CLASSES = [
  'life_critical',
  'clinical',
  'clinical_support',
  'building_iot',
  'it',
] as const;
export type DeviceClass = (typeof DEVICE_CLASSES)[number];

// Keywords of device types as CMMS exports name them; first match wins, so the life-critical
// words come first ("infusion pump monitor" is a pump).
const KEYWORDS: ReadonlyArray<[DeviceClass, RegExp]> = [
  [
    'life_critical',
    /infusion|pump|ventilat|defibrillat|\baed\b|patient monitor|anesthe|anaesthe|dialysis|pacemaker|life support|ecmo|telemetry|incubator/,
  ],
  [
    'clinical',
    /\bct\b|\bmri\b|x-?ray|ultrasound|imaging|modality|radiograph|mammograph|endoscop|analy[sz]er|laborator|\blab\b|ecg|ekg|monitor|scanner/,
  ],
  [
    'clinical_support',
    /pacs|nurse call|rtls|medication cabinet|dispens|label printer|wristband|barcode|workstation on wheels|\bwow\b|hl7|interface engine|bed/,
  ],
  [
    'building_iot',
    /hvac|bacnet|\bbms\b|building|camera|cctv|badge|access control|door|elevator|lift|lighting|thermostat|ups|power|sensor|iot/,
  ],
];

/** The class a free-text device type suggests, `it` when nothing clinical is recognised. */
export function classifyDeviceType(type: string | null | undefined): DeviceClass {
  const t = (type ?? '').toLowerCase();
  for (const [cls, re] of KEYWORDS) if (re.test(t)) return cls;
  return 'it';
}

/** An explicit class or criticality cell: taxonomy names, core criticalities, common words. */
export function parseDeviceClass(text: string): DeviceClass | null {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  if ((DEVICE_CLASSES as readonly string[]).includes(t)) return t as DeviceClass;
  const aliases: Record<string, DeviceClass> = {
    life_support: 'life_critical',
    critical: 'life_critical',
    high: 'life_critical',
    medical: 'clinical',
    medium: 'clinical',
    support: 'clinical_support',
    business: 'building_iot',
    iot: 'building_iot',
    building: 'building_iot',
    facilities: 'building_iot',
    low: 'it',
  };
  return aliases[t] ?? null;
}

export function assetTypeOf(cls: DeviceClass): AssetType {
  if (cls === 'building_iot') return 'iot_device';
  if (cls === 'it') return 'host';
  return 'medical_device';
}

export function criticalityOf(cls: DeviceClass): Criticality {
  if (cls === 'life_critical') return 'life_critical';
  if (cls === 'clinical' || cls === 'clinical_support') return 'clinical';
  if (cls === 'building_iot') return 'business';
  return 'it';
}

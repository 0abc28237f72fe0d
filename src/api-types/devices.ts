// Devices (safeguard 5): the medical and IoT device inventory, its vulnerabilities and VEX,
// part of the shared API contract (web code imports it through src/api-types.ts).
// The server declares the same shapes in src/safeguards/devices/inventory/.

/** Healthcare device taxonomy, most critical first. */
export const DEVICE_CLASSES = [
  'life_critical',
  'clinical',
  'clinical_support',
  'building_iot',
  'it',
] as const;
export type DeviceClass = (typeof DEVICE_CLASSES)[number];

export type DeviceScanPolicy = 'discovery_only' | 'do_not_scan';

/** One device of the inventory; `id` is the core asset's id. */
export interface Device {
  id: string;
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
  /** Upper case with colons. */
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
  scanPolicy: DeviceScanPolicy;
  cpes: string[];
  createdAt: string;
  updatedAt: string;
}

/** GET /api/devices: riskiest first, then by name. */
export interface DeviceListItem extends Device {
  /** The highest risk of its current vulnerability matches (null: none, or never matched). */
  risk: number | null;
  vulns: number;
  kev: number;
}

export interface DeviceQuery {
  /** Part of the name, manufacturer or model; or an exact IP or MAC. */
  q?: string;
  deviceClass?: DeviceClass;
  limit?: number;
  offset?: number;
}

export type DeviceVulnSource = 'nvd' | 'csaf' | 'osv';

export interface DeviceVuln {
  cve: string;
  source: DeviceVulnSource;
  /** Why it matched: the CPE, product range or advisory that applies to this device. */
  why: string;
  kev: boolean;
  cvss: number | null;
  epss: number | null;
  /** 0..100. */
  risk: number;
  /** The risk's arithmetic in words (KEV, ransomware use, EPSS, CVSS, exposure, impact). */
  riskWhy: string;
  findingId: string | null;
  matchedAt: string;
}

export interface DeviceComponent {
  name: string;
  version: string | null;
  purl: string | null;
  cpe: string | null;
  supplier: string | null;
  /** The SBOM file it came from. */
  sbom: string;
}

export const DEVICE_DECISION_STATUSES = [
  'not_affected',
  'affected',
  'fixed',
  'under_investigation',
] as const;
export type DeviceDecisionStatus = (typeof DEVICE_DECISION_STATUSES)[number];

export interface DeviceDecisionEntry {
  cve: string;
  status: DeviceDecisionStatus;
  justification: string | null;
  decidedBy: string;
  decidedAt: string;
}

export interface DeviceHistoryEntry {
  field: string;
  oldValue: string | null;
  newValue: string | null;
  source: string;
  changedBy: string;
  changedAt: string;
}

/** GET /api/devices/:id (id, or exact name). */
export interface DeviceDetail extends Device {
  components: DeviceComponent[];
  vulns: DeviceVuln[];
  decisions: DeviceDecisionEntry[];
  /** Newest first. */
  history: DeviceHistoryEntry[];
}

/** POST /api/devices/import (multipart: `file`, optional `mapping` "Column=field,…"). */
export interface DeviceImportResult {
  fileName: string;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  devices: { id: string; name: string; outcome: 'created' | 'updated' | 'unchanged' }[];
}

/** POST /api/devices/:id/decisions. not_affected needs a justification. */
export interface DeviceDecisionRequest {
  cve: string;
  status: DeviceDecisionStatus;
  justification?: string | null;
}

export interface DeviceVulnDecision extends DeviceDecisionEntry {
  deviceId: string;
  deviceName: string;
}

import type {
  DeviceClass,
  DeviceDecisionStatus,
  DeviceScanPolicy,
  DeviceVuln,
  DeviceVulnSource,
} from '../../../src/api-types.ts';

/** Device classes in words: the list, table and detail all say the same thing. */
export const DEVICE_CLASS_LABEL: Record<DeviceClass, string> = {
  life_critical: 'Life-critical',
  clinical: 'Clinical',
  clinical_support: 'Clinical support',
  building_iot: 'Building and IoT',
  it: 'IT',
};

export const SCAN_POLICY_LABEL: Record<DeviceScanPolicy, string> = {
  discovery_only: 'Discovery only (no active scans)',
  do_not_scan: 'Do not scan',
};

export const VULN_SOURCE_LABEL: Record<DeviceVulnSource, string> = {
  nvd: 'NVD',
  csaf: 'Manufacturer advisory (CSAF)',
  osv: 'OSV',
};

export const DECISION_STATUS_LABEL: Record<DeviceDecisionStatus, string> = {
  not_affected: 'Not affected',
  affected: 'Affected',
  fixed: 'Fixed',
  under_investigation: 'Under investigation',
};

/** Risk 0..100 in words, so colour is never the only signal. */
export function riskLevel(risk: number): { label: string; className: string } {
  if (risk >= 70) return { label: 'Critical', className: 'sev-critical' };
  if (risk >= 40) return { label: 'High', className: 'sev-high' };
  if (risk >= 15) return { label: 'Medium', className: 'sev-medium' };
  return { label: 'Low', className: 'sev-low' };
}

/** The risk arithmetic names known ransomware use when KEV records it ("ransomware 10"). */
export const usedByRansomware = (v: Pick<DeviceVuln, 'kev' | 'riskWhy'>): boolean =>
  v.kev && /\bransomware\b/i.test(v.riskWhy);

export const nvdHref = (cve: string) =>
  `https://nvd.nist.gov/vuln/detail/${encodeURIComponent(cve)}`;

/** The commands that fill the inventory when nothing has been imported through the UI. */
export const DEVICE_COMMANDS = [
  { command: 'npx ward feeds import FILES…', what: 'load the NVD, KEV, EPSS and CSAF files' },
  {
    command: 'npx ward devices import FILE.csv',
    what: 'import the inventory from the CMMS or NAC',
  },
  { command: 'npx ward devices vulns', what: 'match the devices to known vulnerabilities' },
] as const;

import type {
  AssetType,
  Criticality,
  FindingStatus,
  Role,
  Safeguard,
  Severity,
} from '../../src/api-types.ts';

/** Human names for the API's enum values, in one place so every page says the same thing. */
export const SAFEGUARD_INFO: Record<Safeguard, { title: string; summary: string }> = {
  email: {
    title: 'Email security',
    summary: 'Inbound mail filtering: authentication, links, attachments, impersonation.',
  },
  credentials: {
    title: 'Credentials',
    summary: 'Password policy, breached passwords, MFA coverage.',
  },
  awareness: {
    title: 'Awareness',
    summary: 'Phishing simulations and ransomware tabletop exercises.',
  },
  ransomware: {
    title: 'Ransomware',
    summary: 'Detection rules over event logs, canary files, recovery readiness.',
  },
  devices: {
    title: 'Medical & IoT devices',
    summary: 'Device inventory matched to known vulnerabilities and patch windows.',
  },
  suppliers: {
    title: 'Suppliers',
    summary: 'Vendor registry with passive external assessment and BAA tracking.',
  },
  drills: {
    title: 'Vulnerability drills',
    summary: 'Scheduled scans and imported scanner and pen-test results.',
  },
};

export const SEVERITY_LABEL: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

export const STATUS_LABEL: Record<FindingStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  fixed: 'Fixed',
  accepted_risk: 'Accepted risk',
  false_positive: 'False positive',
};

export const ASSET_TYPE_LABEL: Record<AssetType, string> = {
  host: 'Host',
  medical_device: 'Medical device',
  iot_device: 'IoT device',
  domain: 'Domain',
  mailbox: 'Mailbox',
  account: 'Account',
  application: 'Application',
  vendor: 'Vendor',
};

export const CRITICALITY_LABEL: Record<Criticality, string> = {
  life_critical: 'Life-critical',
  clinical: 'Clinical',
  business: 'Business',
  it: 'IT',
};

export const ROLE_LABEL: Record<Role, string> = {
  admin: 'Administrator',
  analyst: 'Analyst',
  auditor: 'Auditor (read only)',
};

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const number = new Intl.NumberFormat();

/** `2025-03-01T10:00:00Z` -> local date and time; null -> an em dash. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}

/** Dates without a time (due dates, trend days) are shown in UTC so a day never shifts by one. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return iso.length === 10
    ? new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(d)
    : dateOnly.format(d);
}

export function formatNumber(n: number): string {
  return number.format(n);
}

/** "1 finding", "3 findings". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

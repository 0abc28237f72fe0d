/**
 * Request and response shapes of the HTTP API, shared by the server and the web UI.
 * Types only: the web bundle imports this file, so it must not import server code.
 * Dates are ISO 8601 strings on the wire.
 */

export type Role = 'admin' | 'analyst' | 'auditor';

export type Safeguard =
  'email' | 'credentials' | 'awareness' | 'ransomware' | 'devices' | 'suppliers' | 'drills';
export const SAFEGUARDS: readonly Safeguard[] = [
  'email',
  'credentials',
  'awareness',
  'ransomware',
  'devices',
  'suppliers',
  'drills',
];

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export type FindingStatus = 'open' | 'in_progress' | 'fixed' | 'accepted_risk' | 'false_positive';
export const FINDING_STATUSES: readonly FindingStatus[] = [
  'open',
  'in_progress',
  'fixed',
  'accepted_risk',
  'false_positive',
];

export type FindingSource = 'scanner' | 'analyzer' | 'manual';

export type AssetType =
  | 'host'
  | 'medical_device'
  | 'iot_device'
  | 'domain'
  | 'mailbox'
  | 'account'
  | 'application'
  | 'vendor';
export const ASSET_TYPES: readonly AssetType[] = [
  'host',
  'medical_device',
  'iot_device',
  'domain',
  'mailbox',
  'account',
  'application',
  'vendor',
];

export type Criticality = 'life_critical' | 'clinical' | 'business' | 'it';
export const CRITICALITIES: readonly Criticality[] = [
  'life_critical',
  'clinical',
  'business',
  'it',
];

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface ApiError {
  error: { code: string; message: string; details?: unknown };
}

// --- auth -------------------------------------------------------------------------------------

export interface LoginRequest {
  username: string;
  password: string;
  /** Six-digit TOTP code; required when the user enrolled a second factor. */
  totp?: string;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  totpEnabled: boolean;
  /** Set for the demo's one-time admin password and after an admin reset: ask for a new one. */
  mustChangePassword: boolean;
  /** Send as the `x-csrf-token` header on every state-changing request made with the cookie. */
  csrfToken: string;
}

export interface LoginResponse {
  /** `totp_required`: password accepted, ask for the code and send both again. */
  status: 'ok' | 'totp_required';
  me?: Me;
}

export interface SetupStatus {
  /** True when no user exists yet and the first admin must be created. */
  needsSetup: boolean;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  totpEnabled: boolean;
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface CreateUserRequest {
  username: string;
  displayName?: string;
  role: Role;
  password: string;
}

export interface UpdateUserRequest {
  displayName?: string;
  role?: Role;
  disabled?: boolean;
  password?: string;
}

export interface TotpEnrolment {
  /** otpauth:// URI and the same as a QR code PNG data URL. */
  uri: string;
  qrDataUrl: string;
  secret: string;
}

export interface ApiToken {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

export interface CreatedApiToken extends ApiToken {
  /** Shown once; only its hash is stored. */
  token: string;
}

// --- assets -----------------------------------------------------------------------------------

export interface Asset {
  id: string;
  type: AssetType;
  name: string;
  ips: string[];
  macs: string[];
  hostnames: string[];
  fqdn: string | null;
  email: string | null;
  owner: string | null;
  department: string | null;
  location: string | null;
  criticality: Criticality;
  tags: string[];
  os: string | null;
  firstSeen: string;
  lastSeen: string;
  openFindings: number;
}

export interface AssetInput {
  type: AssetType;
  name: string;
  ips?: string[];
  macs?: string[];
  hostnames?: string[];
  fqdn?: string | null;
  email?: string | null;
  owner?: string | null;
  department?: string | null;
  location?: string | null;
  criticality?: Criticality;
  tags?: string[];
  os?: string | null;
}

// --- findings ---------------------------------------------------------------------------------

export interface FindingSummary {
  id: string;
  safeguard: Safeguard;
  source: FindingSource;
  tool: string | null;
  title: string;
  severity: Severity;
  cvssScore: number | null;
  cves: string[];
  status: FindingStatus;
  asset: { id: string; name: string } | null;
  /** Port/protocol or other location on the asset, e.g. `443/tcp`. */
  location: string | null;
  firstSeen: string;
  lastSeen: string;
  due: string | null;
  overdue: boolean;
  assignee: string | null;
}

export interface FindingDetail extends FindingSummary {
  description: string;
  solution: string | null;
  cvssVector: string | null;
  cwes: string[];
  evidence: string | null;
  dedupKey: string;
  acceptedUntil: string | null;
  justification: string | null;
  comments: FindingComment[];
  history: FindingEvent[];
}

export interface FindingComment {
  id: string;
  author: string;
  body: string;
  createdAt: string;
}

export interface FindingEvent {
  at: string;
  actor: string;
  /** created, seen, status, assignee, comment, reopened ... */
  kind: string;
  from: string | null;
  to: string | null;
  note: string | null;
}

export interface FindingQuery {
  severity?: Severity[];
  status?: FindingStatus[];
  safeguard?: Safeguard[];
  assetId?: string;
  q?: string;
  overdue?: boolean;
  sort?: 'severity' | 'due' | 'last_seen' | 'first_seen' | 'title' | 'cvss';
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

export interface FindingUpdate {
  status?: FindingStatus;
  assignee?: string | null;
  /** Required with status accepted_risk (and with false_positive). */
  justification?: string;
  /** Required with accepted_risk: ISO date after which the finding reopens. */
  acceptedUntil?: string;
}

// --- imports ----------------------------------------------------------------------------------

export type ImportFormat = 'nmap' | 'nessus';
export type ImportState = 'queued' | 'running' | 'done' | 'failed';

export interface ImportRun {
  id: string;
  fileName: string;
  format: ImportFormat | null;
  state: ImportState;
  /** 0..1 */
  progress: number;
  hosts: number;
  findingsNew: number;
  findingsSeen: number;
  findingsFixed: number;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  createdBy: string;
}

// --- posture ----------------------------------------------------------------------------------

export interface SafeguardPosture {
  safeguard: Safeguard;
  configured: boolean;
  openBySeverity: Record<Severity, number>;
  overdue: number;
  lastAssessment: string | null;
}

export interface Posture {
  safeguards: SafeguardPosture[];
  assets: number;
}

export interface TrendPoint {
  day: string;
  open: Record<Severity, number>;
}

// --- audit ------------------------------------------------------------------------------------

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  ip: string | null;
  action: string;
  target: string | null;
  status: number | null;
  detail: unknown;
}

export interface AuditVerifyResult {
  ok: boolean;
  entries: number;
  /** The first entry whose hash or link does not match, and why. */
  firstBad?: { seq: number; reason: string };
}

// The safeguards' request/response types live beside this file, one file per safeguard, and are
// re-exported here so that this stays the one module web/ imports (see eslint.config.js).
export * from './api-types/credentials.ts';
export * from './api-types/ransomware.ts';
export * from './api-types/devices.ts';

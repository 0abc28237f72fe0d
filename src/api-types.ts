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

// ---- Credentials (safeguard 2) ----

/** Why a password was refused; `code` is stable, `message` is the sentence shown to the user. */
export interface PasswordReason {
  code:
    | 'too_short'
    | 'too_long'
    | 'control_characters'
    | 'breached'
    | 'common_password'
    | 'dictionary_word'
    | 'context_word'
    | 'username'
    | 'personal_name'
    | 'season_or_year'
    | 'medical_term'
    | 'pattern'
    | 'weak';
  message: string;
}

export interface PasswordStrength {
  /** zxcvbn score 0 (guessable) to 4 (very unguessable). */
  score: 0 | 1 | 2 | 3 | 4;
  /** Estimated time to guess offline against a slow hash, human-readable ("3 centuries"). */
  crackTime: string;
  warning: string | null;
  suggestions: string[];
}

export interface PasswordCheckRequest {
  password: string;
  username?: string;
  displayName?: string;
  /** Account class from the configured list (default: single_factor). */
  accountClass?: string;
}

export interface PasswordCheckResult {
  ok: boolean;
  reasons: PasswordReason[];
  strength: PasswordStrength;
  /** Times seen in the breached corpus; null when no corpus is imported. */
  breachedCount: number | null;
  minLength: number;
}

export type CorpusKind = 'sha1' | 'ntlm';

export interface CorpusIndexStatus {
  kind: CorpusKind;
  entries: number;
  bytes: number;
  /** Fingerprint-only index: lookups work, the range API does not. */
  compact: boolean;
  importedAt: string;
  sources: string[];
}

export interface CorpusStatus {
  indexes: CorpusIndexStatus[];
}

export type CredentialCategory =
  | 'empty'
  | 'lm_hash'
  | 'breached'
  | 'username_as_password'
  | 'dictionary'
  | 'shared_password'
  | 'weak_storage';

export type CredentialFileFormat = 'ntds' | 'shadow' | 'htpasswd' | 'csv';

/** One problem with one stored credential. Never carries a password or a full hash. */
export interface CredentialAuditFinding {
  account: string;
  category: CredentialCategory;
  detail: string;
}

export interface CredentialAuditRun {
  id: string;
  fileName: string;
  format: CredentialFileFormat;
  accounts: number;
  /** Findings per category. */
  summary: Partial<Record<CredentialCategory, number>>;
  /** Storage algorithms seen, with how many accounts use each. */
  algorithms: Record<string, number>;
  createdBy: string;
  createdAt: string;
}

export interface CredentialAuditDetail extends CredentialAuditRun {
  findings: CredentialAuditFinding[];
}

export type DirectorySource = 'ad' | 'entra' | 'okta';

export type DirectoryCheck =
  | 'no_mfa'
  | 'privileged_no_mfa'
  | 'stale_account'
  | 'leaver_enabled'
  | 'password_never_expires'
  | 'shared_account';

export interface DirectoryImportResult {
  id: string;
  source: DirectorySource;
  fileName: string;
  users: number;
  enabledUsers: number;
  /** Problems found per check in this export. */
  checks: Partial<Record<DirectoryCheck, number>>;
  findingsOpened: number;
  findingsFixed: number;
  /** False when the export has no MFA data (Active Directory alone): coverage counts are 0, not measured. */
  mfaKnown: boolean;
  coverage: MfaCoveragePoint;
}

export interface MfaCoveragePoint {
  at: string;
  source: DirectorySource;
  users: number;
  usersWithMfa: number;
  privileged: number;
  privilegedWithMfa: number;
  phishingResistant: number;
}

// ---- Ransomware (safeguard 4) ----

export type AlertLevel = 'informational' | 'low' | 'medium' | 'high' | 'critical';
export type AlertStatus = 'open' | 'acknowledged' | 'closed';

/** A log shipper allowed to post events; its token is shown once and stored hashed. */
export interface IngestSource {
  id: string;
  name: string;
  description: string | null;
  /** First characters of the token, to tell tokens apart. */
  tokenPrefix: string;
  createdAt: string;
  createdBy: string;
  lastEventAt: string | null;
  events: number;
  disabled: boolean;
}

export interface CreatedIngestSource extends IngestSource {
  token: string;
}

export interface IngestResult {
  accepted: number;
  rejected: { index: number; reason: string }[];
}

/** The rule behind an alert. SigmaHQ rules are DRL 1.1: every view shows author, id and link. */
export interface SigmaRuleRef {
  id: string;
  title: string;
  author: string | null;
  level: AlertLevel;
  tags: string[];
  /** Where the rule is published (first reference or the SigmaHQ page), if known. */
  link: string | null;
  path: string | null;
}

/** Matches of one rule on one host within the grouping window: one alert, not a flood. */
export interface Alert {
  id: string;
  rule: SigmaRuleRef;
  host: string | null;
  level: AlertLevel;
  status: AlertStatus;
  firstSeen: string;
  lastSeen: string;
  count: number;
  caseId: string | null;
  /** Fields of the first matching event. */
  sample: Record<string, unknown>;
}

export interface AlertEvent {
  at: string;
  source: string | null;
  recordId: number | null;
  fields: Record<string, unknown>;
}

export interface AlertDetail extends Alert {
  events: AlertEvent[];
}

export interface AlertQuery {
  status?: AlertStatus[];
  level?: AlertLevel[];
  host?: string;
  limit?: number;
  offset?: number;
}

export type CaseStatus = 'open' | 'in_progress' | 'closed';
export type CaseResolution = 'true_positive' | 'benign' | 'false_positive';

export interface Case {
  id: string;
  title: string;
  status: CaseStatus;
  severity: AlertLevel;
  assignee: string | null;
  hosts: string[];
  alerts: number;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  resolution: CaseResolution | null;
}

export interface ContainmentStep {
  key:
    'isolate_host' | 'disable_account' | 'block_hash' | 'reset_credentials' | 'preserve_evidence';
  label: string;
  /** What the step acts on (host name, account, SHA-256). */
  target: string | null;
  done: boolean;
  doneBy: string | null;
  doneAt: string | null;
  /** Outcome of the containment webhook, when one is configured. */
  webhook: string | null;
}

export interface CaseEvidence {
  id: string;
  label: string;
  url: string | null;
  note: string | null;
  addedBy: string;
  addedAt: string;
}

export interface CaseTimelineEntry {
  at: string;
  actor: string;
  /** created, alert, status, assignee, comment, evidence, containment, closed ... */
  kind: string;
  text: string | null;
}

export interface CaseDetail extends Case {
  alertList: Alert[];
  containment: ContainmentStep[];
  evidence: CaseEvidence[];
  timeline: CaseTimelineEntry[];
  closeNote: string | null;
}

export interface CreateCaseRequest {
  title: string;
  alertIds: string[];
}

export interface CaseUpdate {
  status?: CaseStatus;
  assignee?: string | null;
  /** Required when closing. */
  resolution?: CaseResolution;
  closeNote?: string;
  /** With resolution false_positive: add a site filter so the same events stop alerting. */
  addFilter?: boolean;
}

export type ReadinessAnswerValue = 'yes' | 'partial' | 'no' | 'unknown';

export interface ReadinessQuestion {
  key: string;
  text: string;
  help: string;
  /** An answer older than this is stale and counts as unknown. */
  maxAgeDays: number;
}

export interface ReadinessAnswer {
  key: string;
  answer: ReadinessAnswerValue;
  evidence: string | null;
  answeredAt: string;
  answeredBy: string;
  expiresAt: string;
  stale: boolean;
}

export interface ReadinessAssessment {
  questions: (ReadinessQuestion & { answer: ReadinessAnswer | null })[];
  /** 0..100: yes counts 1, partial 0.5, stale/unknown/no 0. */
  score: number;
}

// ---------------------------------------------------------------------------------------------
// Devices (safeguard 5): the medical and IoT device inventory, its vulnerabilities and VEX.
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

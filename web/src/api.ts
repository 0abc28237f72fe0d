import type {
  AlertDetail,
  AlertQuery,
  AlertStatus,
  ApiToken,
  Alert,
  Case,
  CaseDetail,
  CaseEvidence,
  CaseStatus,
  CaseUpdate,
  ContainmentStep,
  CreatedIngestSource,
  IngestSource,
  ReadinessAnswerValue,
  ReadinessAssessment,
  Asset,
  AuditEntry,
  AuditVerifyResult,
  CorpusStatus,
  CreatedApiToken,
  CreateUserRequest,
  CredentialAuditDetail,
  CredentialAuditRun,
  CredentialFileFormat,
  DeviceDecisionRequest,
  DeviceDetail,
  DeviceImportResult,
  DeviceListItem,
  DeviceQuery,
  DeviceVulnDecision,
  DirectoryImportResult,
  DirectorySource,
  FindingComment,
  FindingDetail,
  FindingQuery,
  FindingSummary,
  FindingUpdate,
  ImportRun,
  LoginRequest,
  LoginResponse,
  Me,
  MfaCoveragePoint,
  Page,
  PasswordCheckRequest,
  PasswordCheckResult,
  Posture,
  Role,
  SetupStatus,
  TotpEnrolment,
  TrendPoint,
  UpdateUserRequest,
  User,
} from '../../src/api-types.ts';

/** A non-2xx answer from the API, carrying the server's `{ error: { code, message, details } }`. */
export class ApiRequestError extends Error {
  override name = 'ApiRequestError';
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// The token from the last /api/auth/me or login answer. The readable `ward_csrf` cookie wins when
// present, because the server may rotate it (new session) without the UI asking for /me again.
let knownCsrfToken = '';
let onUnauthorized: (() => void) | null = null;

export function rememberCsrfToken(token: string): void {
  knownCsrfToken = token;
}

/** Called when a request that needed a session got 401: the session expired or was revoked. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

function csrfToken(): string {
  const match = /(?:^|;\s*)ward_csrf=([^;]*)/.exec(document.cookie);
  return match?.[1] ? decodeURIComponent(match[1]) : knownCsrfToken;
}

interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal | undefined;
  /** Auth endpoints answer 401 as part of their normal flow; do not treat it as an expired session. */
  expect401?: boolean;
}

/** One call to the API. JSON in and out; FormData bodies are sent as multipart. */
export async function request<T>(
  method: string,
  path: string,
  opts: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) {
    body = opts.body;
  } else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (MUTATING.has(method)) headers['x-csrf-token'] = csrfToken();

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiRequestError(
      0,
      'network',
      'The Ward server could not be reached. Check the connection and try again.',
    );
  }

  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!response.ok) {
    const err = (
      data as { error?: { code?: string; message?: string; details?: unknown } } | undefined
    )?.error;
    if (response.status === 401 && !opts.expect401) onUnauthorized?.();
    throw new ApiRequestError(
      response.status,
      err?.code ?? `http_${response.status}`,
      err?.message ?? `The server answered ${response.status} ${response.statusText}`.trim(),
      err?.details,
    );
  }
  return data as T;
}

/** Builds `?a=1&b=x,y` from a flat object, skipping empty values; arrays become comma lists. */
export function toQuery(
  params: Record<string, string | number | boolean | readonly string[] | undefined | null>,
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) search.set(key, value.join(','));
    } else {
      search.set(key, String(value));
    }
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

const get = <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, { signal });
const post = <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} });
const patch = <T>(path: string, body: unknown) => request<T>('PATCH', path, { body });
const put = <T>(path: string, body: unknown) => request<T>('PUT', path, { body });
const del = <T>(path: string) => request<T>('DELETE', path);
const id = (value: string) => encodeURIComponent(value);

/** Typed helpers, one per endpoint of src/api-types.ts. */
export const api = {
  setupStatus: (signal?: AbortSignal) => get<SetupStatus>('/api/setup', signal),
  setup: (body: { username: string; password: string; displayName?: string }) =>
    request<Me>('POST', '/api/setup', { body, expect401: true }),
  login: (body: LoginRequest) =>
    request<LoginResponse>('POST', '/api/auth/login', { body, expect401: true }),
  logout: () => request<unknown>('POST', '/api/auth/logout', { body: {}, expect401: true }),
  me: (signal?: AbortSignal) => request<Me>('GET', '/api/auth/me', { signal, expect401: true }),
  changePassword: (currentPassword: string, newPassword: string) =>
    post<unknown>('/api/auth/password', { currentPassword, newPassword }),
  totpEnrol: () => post<TotpEnrolment>('/api/auth/totp/enrol'),
  totpConfirm: (code: string) => post<unknown>('/api/auth/totp/confirm', { code }),
  totpDisable: (password: string) => post<unknown>('/api/auth/totp/disable', { password }),

  users: (signal?: AbortSignal) => get<User[]>('/api/users', signal),
  createUser: (body: CreateUserRequest) => post<User>('/api/users', body),
  updateUser: (userId: string, body: UpdateUserRequest) =>
    patch<User>(`/api/users/${id(userId)}`, body),
  disableUser: (userId: string) => del<unknown>(`/api/users/${id(userId)}`),

  tokens: (signal?: AbortSignal) => get<ApiToken[]>('/api/tokens', signal),
  createToken: (body: { name: string; role?: Role; expiresInDays?: number }) =>
    post<CreatedApiToken>('/api/tokens', body),
  revokeToken: (tokenId: string) => del<unknown>(`/api/tokens/${id(tokenId)}`),

  posture: (signal?: AbortSignal) => get<Posture>('/api/posture', signal),
  trend: (days: number, signal?: AbortSignal) =>
    get<TrendPoint[]>(`/api/posture/trend${toQuery({ days })}`, signal),

  assets: (
    query: { type?: string; q?: string; limit?: number; offset?: number },
    signal?: AbortSignal,
  ) => get<Page<Asset>>(`/api/assets${toQuery(query)}`, signal),
  asset: (assetId: string, signal?: AbortSignal) =>
    get<Asset>(`/api/assets/${id(assetId)}`, signal),

  findings: (query: FindingQuery, signal?: AbortSignal) =>
    get<Page<FindingSummary>>(`/api/findings${toQuery({ ...query })}`, signal),
  finding: (findingId: string, signal?: AbortSignal) =>
    get<FindingDetail>(`/api/findings/${id(findingId)}`, signal),
  updateFinding: (findingId: string, body: FindingUpdate) =>
    patch<FindingDetail>(`/api/findings/${id(findingId)}`, body),
  addComment: (findingId: string, body: string) =>
    post<FindingComment>(`/api/findings/${id(findingId)}/comments`, { body }),

  startImport: (file: File, format: 'auto' | 'nmap' | 'nessus') => {
    const form = new FormData();
    // Fields before the file: a streaming multipart parser sees `format` before it reads the file.
    form.append('format', format);
    form.append('file', file, file.name);
    return request<ImportRun>('POST', '/api/findings/imports', { body: form });
  },
  imports: (query: { limit: number; offset: number }, signal?: AbortSignal) =>
    get<Page<ImportRun>>(`/api/findings/imports${toQuery(query)}`, signal),
  importRun: (runId: string, signal?: AbortSignal) =>
    get<ImportRun>(`/api/findings/imports/${id(runId)}`, signal),

  audit: (query: { limit: number; offset: number }, signal?: AbortSignal) =>
    get<Page<AuditEntry>>(`/api/audit${toQuery(query)}`, signal),
  verifyAudit: () => get<AuditVerifyResult>('/api/audit/verify'),

  // The password travels in the POST body only, never in the address (logs, history, referrers).
  checkPassword: (body: PasswordCheckRequest, signal?: AbortSignal) =>
    request<PasswordCheckResult>('POST', '/api/creds/check', { body, signal }),
  corpusStatus: (signal?: AbortSignal) => get<CorpusStatus>('/api/creds/corpus', signal),
  credentialAudits: (signal?: AbortSignal) =>
    get<CredentialAuditRun[]>('/api/creds/audits', signal),
  credentialAudit: (auditId: string, signal?: AbortSignal) =>
    get<CredentialAuditDetail>(`/api/creds/audits/${id(auditId)}`, signal),
  startCredentialAudit: (file: File, format: 'auto' | CredentialFileFormat, system: string) => {
    const form = new FormData();
    form.append('format', format);
    if (system.trim()) form.append('system', system.trim());
    form.append('file', file, file.name);
    return request<CredentialAuditDetail>('POST', '/api/creds/audits', { body: form });
  },
  importDirectory: (file: File, source: 'auto' | DirectorySource, terminations?: File | null) => {
    const form = new FormData();
    form.append('source', source);
    form.append('file', file, file.name);
    if (terminations) form.append('terminations', terminations, terminations.name);
    return request<DirectoryImportResult>('POST', '/api/creds/directory/imports', { body: form });
  },
  mfaCoverage: (days: number, signal?: AbortSignal) =>
    get<MfaCoveragePoint[]>(`/api/creds/mfa-coverage${toQuery({ days })}`, signal),

  alerts: (query: AlertQuery, signal?: AbortSignal) =>
    get<Page<Alert>>(`/api/ransomware/alerts${toQuery({ ...query })}`, signal),
  alert: (alertId: string, signal?: AbortSignal) =>
    get<AlertDetail>(`/api/ransomware/alerts/${id(alertId)}`, signal),
  updateAlert: (alertId: string, status: AlertStatus) =>
    patch<Alert>(`/api/ransomware/alerts/${id(alertId)}`, { status }),
  /** Without a case id the alert starts a new case. */
  alertToCase: (alertId: string, caseId?: string) =>
    post<CaseDetail>(`/api/ransomware/alerts/${id(alertId)}/case`, caseId ? { caseId } : {}),
  cases: (
    query: { status?: CaseStatus[]; assignee?: string; limit?: number; offset?: number },
    signal?: AbortSignal,
  ) => get<Page<Case>>(`/api/ransomware/cases${toQuery({ ...query })}`, signal),
  createCase: (title: string, alertIds: string[]) =>
    post<CaseDetail>('/api/ransomware/cases', { title, alertIds }),
  rwCase: (caseId: string, signal?: AbortSignal) =>
    get<CaseDetail>(`/api/ransomware/cases/${id(caseId)}`, signal),
  updateCase: (caseId: string, body: CaseUpdate) =>
    patch<CaseDetail>(`/api/ransomware/cases/${id(caseId)}`, body),
  addCaseComment: (caseId: string, text: string) =>
    post<unknown>(`/api/ransomware/cases/${id(caseId)}/comments`, { text }),
  addCaseEvidence: (caseId: string, body: { label: string; url?: string; note?: string }) =>
    post<CaseEvidence>(`/api/ransomware/cases/${id(caseId)}/evidence`, body),
  containCase: (caseId: string, step: ContainmentStep['key'], target?: string) =>
    post<unknown>(
      `/api/ransomware/cases/${id(caseId)}/containment/${id(step)}`,
      target ? { target } : {},
    ),
  readiness: (signal?: AbortSignal) =>
    get<ReadinessAssessment>('/api/ransomware/readiness', signal),
  answerReadiness: (key: string, answer: ReadinessAnswerValue, evidence?: string) =>
    put<ReadinessAssessment>(`/api/ransomware/readiness/${id(key)}`, {
      answer,
      ...(evidence ? { evidence } : {}),
    }),
  ingestSources: (signal?: AbortSignal) => get<IngestSource[]>('/api/ransomware/sources', signal),
  createIngestSource: (body: { name: string; description?: string }) =>
    post<CreatedIngestSource>('/api/ransomware/sources', body),
  disableIngestSource: (sourceId: string) =>
    del<unknown>(`/api/ransomware/sources/${id(sourceId)}`),

  devices: (query: DeviceQuery, signal?: AbortSignal) =>
    get<Page<DeviceListItem>>(`/api/devices${toQuery({ ...query })}`, signal),
  device: (deviceId: string, signal?: AbortSignal) =>
    get<DeviceDetail>(`/api/devices/${id(deviceId)}`, signal),
  /** `mapping`: "Column=field,…" for exports whose headers Ward does not recognise. */
  importDevices: (file: File, mapping?: string) => {
    const form = new FormData();
    if (mapping?.trim()) form.append('mapping', mapping.trim());
    form.append('file', file, file.name);
    return request<DeviceImportResult>('POST', '/api/devices/import', { body: form });
  },
  decideDeviceVuln: (deviceId: string, body: DeviceDecisionRequest) =>
    post<DeviceVulnDecision>(`/api/devices/${id(deviceId)}/decisions`, body),
};

/** A message for people: the server's text, plus the reasons in `details` when it gives a list. */
export function describeError(err: unknown): { message: string; reasons: string[] } {
  if (err instanceof ApiRequestError) {
    return { message: err.message, reasons: reasonsOf(err.details) };
  }
  return { message: err instanceof Error ? err.message : String(err), reasons: [] };
}

function reasonsOf(details: unknown): string[] {
  const list = Array.isArray(details)
    ? details
    : Array.isArray((details as { reasons?: unknown } | null)?.reasons)
      ? (details as { reasons: unknown[] }).reasons
      : [];
  return list
    .map((d) => {
      if (typeof d === 'string') return d;
      const entry = d as { where?: string; message?: string; reason?: string };
      const text = entry.message ?? entry.reason;
      if (!text) return '';
      return entry.where ? `${entry.where}: ${text}` : text;
    })
    .filter((s) => s !== '');
}

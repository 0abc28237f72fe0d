// Ransomware (safeguard 4): ingest sources, alerts, cases, readiness;
// part of the shared API contract (web code imports it through src/api-types.ts).

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

import type {
  AlertLevel,
  AlertStatus,
  CaseResolution,
  CaseStatus,
  ReadinessAnswerValue,
} from '../../../src/api-types.ts';

/** Names for the ransomware API's enum values, shared by the alert, case and readiness pages. */
export const ALERT_LEVELS: readonly AlertLevel[] = [
  'critical',
  'high',
  'medium',
  'low',
  'informational',
];
export const ALERT_STATUSES: readonly AlertStatus[] = ['open', 'acknowledged', 'closed'];
export const CASE_STATUSES: readonly CaseStatus[] = ['open', 'in_progress', 'closed'];
export const RESOLUTIONS: readonly CaseResolution[] = ['true_positive', 'benign', 'false_positive'];
export const READINESS_ANSWERS: readonly ReadinessAnswerValue[] = [
  'yes',
  'partial',
  'no',
  'unknown',
];

export const LEVEL_LABEL: Record<AlertLevel, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  informational: 'Informational',
};

/** The finding severity classes carry the colours; Sigma's "informational" is Ward's "info". */
export const LEVEL_CLASS: Record<AlertLevel, string> = {
  critical: 'sev-critical',
  high: 'sev-high',
  medium: 'sev-medium',
  low: 'sev-low',
  informational: 'sev-info',
};

export const ALERT_STATUS_LABEL: Record<AlertStatus, string> = {
  open: 'Open',
  acknowledged: 'Acknowledged',
  closed: 'Closed',
};

export const CASE_STATUS_LABEL: Record<CaseStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  closed: 'Closed',
};

export const RESOLUTION_LABEL: Record<CaseResolution, string> = {
  true_positive: 'True positive',
  benign: 'Benign (real, but expected)',
  false_positive: 'False positive',
};

export const READINESS_LABEL: Record<ReadinessAnswerValue, string> = {
  yes: 'Yes',
  partial: 'Partly',
  no: 'No',
  unknown: 'Unknown',
};

/** The alert list opens on the work queue, like the findings list. */
export const ALERTS_QUEUE_HREF = '/alerts?status=open,acknowledged';
export const CASES_QUEUE_HREF = '/cases?status=open,in_progress';

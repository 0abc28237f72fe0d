import type { AlertLevel, AlertStatus, CaseStatus } from '../../../src/api-types.ts';
import { ALERT_STATUS_LABEL, CASE_STATUS_LABEL, LEVEL_CLASS, LEVEL_LABEL } from './rw-labels.ts';

/** Level written out as well as coloured, as severities are everywhere else. */
export function LevelBadge({ level }: { level: AlertLevel }) {
  return <span className={`badge ${LEVEL_CLASS[level]}`}>{LEVEL_LABEL[level]}</span>;
}

export function AlertStatusBadge({ status }: { status: AlertStatus }) {
  return <span className={`badge rw-status-${status}`}>{ALERT_STATUS_LABEL[status]}</span>;
}

export function CaseStatusBadge({ status }: { status: CaseStatus }) {
  return <span className={`badge rw-status-${status}`}>{CASE_STATUS_LABEL[status]}</span>;
}

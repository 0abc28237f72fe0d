import type { FindingStatus, Severity } from '../../../src/api-types.ts';
import { SEVERITY_LABEL, STATUS_LABEL } from '../format.ts';

/** Severity as colour and as text: colour alone would fail colour-blind readers and print. */
export function SeverityBadge({ severity }: { severity: Severity }) {
  return <span className={`badge sev-${severity}`}>{SEVERITY_LABEL[severity]}</span>;
}

export function StatusBadge({ status }: { status: FindingStatus }) {
  return <span className={`badge status-${status}`}>{STATUS_LABEL[status]}</span>;
}

import type { Severity } from '../../api-types.ts';

/** Remediation deadlines in days from first seen, per severity. Informational findings have none. */
export interface SlaPolicy {
  critical: number;
  high: number;
  medium: number;
  low: number;
}

const DAY_MS = 86_400_000;

/** Days allowed for a severity, or null for info (no deadline). */
export function slaDays(sla: SlaPolicy, severity: Severity): number | null {
  return severity === 'info' ? null : sla[severity];
}

/** first seen + the SLA for the severity; null for info. */
export function dueDate(sla: SlaPolicy, severity: Severity, firstSeen: Date): Date | null {
  const days = slaDays(sla, severity);
  return days === null ? null : new Date(firstSeen.getTime() + days * DAY_MS);
}

/**
 * The same rule in SQL, for statements that compute due dates over many rows. `slaParam` is
 * the placeholder of a jsonb parameter holding the policy (see `slaJson`); info has no key in
 * it, so the interval is NULL and so is the due date.
 */
export function dueDateSql(firstSeen: string, severity: string, slaParam: string): string {
  return `(${firstSeen} + make_interval(days => (${slaParam}::jsonb ->> ${severity})::int))`;
}

export function slaJson(sla: SlaPolicy): string {
  return JSON.stringify({
    critical: sla.critical,
    high: sla.high,
    medium: sla.medium,
    low: sla.low,
  });
}

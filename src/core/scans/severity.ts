import type { Severity } from '../../api-types.ts';

/**
 * CVSS v3.x qualitative rating (FIRST, CVSS v3.1 specification, section 5): 0.0 none,
 * 0.1-3.9 low, 4.0-6.9 medium, 7.0-8.9 high, 9.0-10.0 critical. "None" maps to info.
 */
export function severityFromCvss(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'info';
}

const NESSUS_LEVELS: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

/** Nessus ReportItem@severity: 0 info, 1 low, 2 medium, 3 high, 4 critical. */
export function severityFromNessusLevel(level: number): Severity | null {
  return NESSUS_LEVELS[level] ?? null;
}

const RISK_FACTORS: Record<string, Severity> = {
  none: 'info',
  low: 'low',
  medium: 'medium',
  high: 'high',
  critical: 'critical',
};

/** Nessus <risk_factor>: None, Low, Medium, High, Critical. */
export function severityFromRiskFactor(value: string): Severity | null {
  return RISK_FACTORS[value.trim().toLowerCase()] ?? null;
}

const CVE_PATTERN = /CVE-\d{4}-\d{4,}/gi;

/** CVE ids mentioned in free text, upper-cased, first occurrence order, no duplicates. */
export function extractCves(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(CVE_PATTERN)) found.add(match[0].toUpperCase());
  return [...found];
}

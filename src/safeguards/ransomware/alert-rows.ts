import type { Alert, AlertLevel, AlertStatus } from '../../api-types.ts';
import { toIso } from '../../platform/db/index.ts';

/** Columns of rw_alerts that make an Alert; select with `SELECT ${ALERT_COLUMNS} FROM rw_alerts a`. */
export const ALERT_COLUMNS = `a.id, a.rule_id, a.rule_title, a.rule_author, a.rule_level, a.rule_tags,
  a.rule_link, a.rule_path, a.host, a.status, a.first_seen, a.last_seen, a.count, a.sample, a.case_id`;

export interface AlertRow {
  id: string;
  rule_id: string;
  rule_title: string;
  rule_author: string | null;
  rule_level: AlertLevel;
  rule_tags: string[];
  rule_link: string | null;
  rule_path: string | null;
  host: string | null;
  status: AlertStatus;
  first_seen: Date | string;
  last_seen: Date | string;
  count: number | string;
  sample: Record<string, unknown>;
  case_id: string | null;
}

export function toAlert(row: AlertRow): Alert {
  return {
    id: row.id,
    rule: {
      id: row.rule_id,
      title: row.rule_title,
      author: row.rule_author,
      level: row.rule_level,
      tags: row.rule_tags,
      link: row.rule_link,
      path: row.rule_path,
    },
    host: row.host,
    level: row.rule_level,
    status: row.status,
    firstSeen: toIso(row.first_seen),
    lastSeen: toIso(row.last_seen),
    count: Number(row.count),
    caseId: row.case_id,
    sample: row.sample,
  };
}

const LEVEL_ORDER: readonly AlertLevel[] = ['informational', 'low', 'medium', 'high', 'critical'];

/** The more severe of two levels (a case is as severe as its worst alert). */
export function higherLevel(a: AlertLevel, b: AlertLevel): AlertLevel {
  return LEVEL_ORDER.indexOf(a) >= LEVEL_ORDER.indexOf(b) ? a : b;
}

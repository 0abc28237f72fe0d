import type {
  FindingComment,
  FindingEvent,
  FindingSource,
  FindingStatus,
  FindingSummary,
  Safeguard,
  Severity,
} from '../../api-types.ts';
import { toIso, toIsoOrNull, toNumberOrNull } from '../../platform/db/index.ts';

/** Open means someone still has to act: the statuses that count, have deadlines and can be overdue. */
export const ACTIVE_STATUSES: readonly FindingStatus[] = ['open', 'in_progress'];

/** Columns for a FindingSummary; FROM FINDING_SOURCES. */
export const SUMMARY_COLUMNS = `f.id, f.safeguard, f.source, f.tool, f.title, f.severity, f.cvss_score::float8 AS cvss_score,
  f.cves, f.status, f.asset_id, a.name AS asset_name, f.location, f.first_seen, s.last_seen, f.due_at, f.assignee`;

/** A finding with its asset (`a`, may be missing) and its sighting (`s`, always there). */
export const FINDING_SOURCES = `findings f JOIN finding_sightings s ON s.finding_id = f.id LEFT JOIN assets a ON a.id = f.asset_id`;

/** Columns for a FindingDetail; FROM FINDING_SOURCES LEFT JOIN finding_texts t ON t.id = f.text_id. */
export const DETAIL_COLUMNS = `${SUMMARY_COLUMNS}, t.description, t.solution, f.cvss_vector, f.cwes, f.evidence,
  f.dedup_key, f.accepted_until, f.justification`;

export interface SummaryRow {
  id: string;
  safeguard: Safeguard;
  source: FindingSource;
  tool: string | null;
  title: string;
  severity: Severity;
  cvss_score: number | string | null;
  cves: string[];
  status: FindingStatus;
  asset_id: string | null;
  asset_name: string | null;
  location: string | null;
  first_seen: Date | string;
  last_seen: Date | string;
  due_at: Date | string | null;
  assignee: string | null;
}

export interface DetailRow extends SummaryRow {
  description: string | null;
  solution: string | null;
  cvss_vector: string | null;
  cwes: string[];
  evidence: string | null;
  dedup_key: string;
  accepted_until: Date | string | null;
  justification: string | null;
}

/** Overdue: past its due date and still open or in progress. */
export function isOverdue(status: FindingStatus, dueAt: Date | string | null, now: Date): boolean {
  return (
    dueAt != null && ACTIVE_STATUSES.includes(status) && new Date(dueAt).getTime() < now.getTime()
  );
}

export function toFindingSummary(r: SummaryRow, now: Date): FindingSummary {
  return {
    id: r.id,
    safeguard: r.safeguard,
    source: r.source,
    tool: r.tool,
    title: r.title,
    severity: r.severity,
    cvssScore: toNumberOrNull(r.cvss_score),
    cves: r.cves,
    status: r.status,
    asset: r.asset_id ? { id: r.asset_id, name: r.asset_name ?? '' } : null,
    location: r.location,
    firstSeen: toIso(r.first_seen),
    lastSeen: toIso(r.last_seen),
    due: toIsoOrNull(r.due_at),
    overdue: isOverdue(r.status, r.due_at, now),
    assignee: r.assignee,
  };
}

export interface CommentRow {
  id: string;
  author: string;
  body: string;
  created_at: Date | string;
}

export function toFindingComment(r: CommentRow): FindingComment {
  return { id: r.id, author: r.author, body: r.body, createdAt: toIso(r.created_at) };
}

export interface EventRow {
  at: Date | string;
  actor: string;
  kind: string;
  from_value: string | null;
  to_value: string | null;
  note: string | null;
}

export function toFindingEvent(r: EventRow): FindingEvent {
  return {
    at: toIso(r.at),
    actor: r.actor,
    kind: r.kind,
    from: r.from_value,
    to: r.to_value,
    note: r.note,
  };
}

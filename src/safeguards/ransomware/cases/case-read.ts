import type {
  AlertLevel,
  Case,
  CaseDetail,
  CaseEvidence,
  CaseResolution,
  CaseStatus,
  CaseTimelineEntry,
  ContainmentStep,
  Page,
} from '../../../api-types.ts';
import {
  isUuid,
  toIso,
  toIsoOrNull,
  type Queryable,
  type SqlParam,
} from '../../../platform/db/index.ts';
import { notFound } from '../../../platform/http/index.ts';
import { ALERT_COLUMNS, toAlert, type AlertRow } from '../alert-rows.ts';
import { CONTAINMENT_STEPS } from './containment-targets.ts';

interface CaseRow {
  id: string;
  title: string;
  status: CaseStatus;
  severity: AlertLevel;
  assignee: string | null;
  resolution: CaseResolution | null;
  close_note: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  closed_at: Date | string | null;
  hosts: string[] | null;
  alerts: number | string;
}

// Hosts and alert counts come from the linked alerts, so they never drift from them.
const CASE_SELECT = `SELECT c.id, c.title, c.status, c.severity, c.assignee, c.resolution, c.close_note,
    c.created_at, c.updated_at, c.closed_at,
    (SELECT array_agg(DISTINCT a.host ORDER BY a.host) FROM rw_alerts a
      WHERE a.case_id = c.id AND a.host IS NOT NULL) AS hosts,
    (SELECT count(*) FROM rw_alerts a WHERE a.case_id = c.id) AS alerts
  FROM rw_cases c`;

function toCase(row: CaseRow): Case {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    severity: row.severity,
    assignee: row.assignee,
    hosts: row.hosts ?? [],
    alerts: Number(row.alerts),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    closedAt: toIsoOrNull(row.closed_at),
    resolution: row.resolution,
  };
}

export interface CaseQuery {
  status?: CaseStatus[] | undefined;
  assignee?: string | undefined;
  limit: number;
  offset: number;
}

/** Cases, most recently updated first. */
export async function listCases(q: Queryable, query: CaseQuery): Promise<Page<Case>> {
  const where: string[] = [];
  const params: SqlParam[] = [];
  if (query.status?.length) {
    params.push(query.status);
    where.push(`c.status = ANY($${params.length}::text[])`);
  }
  if (query.assignee !== undefined) {
    params.push(query.assignee);
    where.push(`lower(c.assignee) = lower($${params.length})`);
  }
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [count] = await q.query<{ n: number | string }>(
    `SELECT count(*) AS n FROM rw_cases c ${filter}`,
    params,
  );
  const rows = await q.query<CaseRow>(
    `${CASE_SELECT} ${filter} ORDER BY c.updated_at DESC, c.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, query.limit, query.offset],
  );
  return {
    items: rows.map(toCase),
    total: Number(count?.n ?? 0),
    limit: query.limit,
    offset: query.offset,
  };
}

/** The case with its alerts, checklist, evidence and timeline; 404 when there is none. */
export async function getCaseDetail(q: Queryable, id: string): Promise<CaseDetail> {
  if (!isUuid(id)) throw notFound(`case ${id}`);
  const [row] = await q.query<CaseRow>(`${CASE_SELECT} WHERE c.id = $1`, [id]);
  if (!row) throw notFound(`case ${id}`);
  const alerts = await q.query<AlertRow>(
    `SELECT ${ALERT_COLUMNS} FROM rw_alerts a WHERE a.case_id = $1 ORDER BY a.first_seen, a.id`,
    [id],
  );
  const steps = await q.query<{
    step: ContainmentStep['key'];
    target: string | null;
    done_by: string | null;
    done_at: Date | string | null;
    webhook: string | null;
  }>('SELECT step, target, done_by, done_at, webhook FROM rw_case_containment WHERE case_id = $1', [
    id,
  ]);
  const evidence = await q.query<{
    id: string;
    label: string;
    url: string | null;
    note: string | null;
    added_by: string;
    added_at: Date | string;
  }>(
    'SELECT id, label, url, note, added_by, added_at FROM rw_case_evidence WHERE case_id = $1 ORDER BY added_at, id',
    [id],
  );
  const events = await q.query<{
    at: Date | string;
    actor: string;
    kind: string;
    text: string | null;
  }>('SELECT at, actor, kind, text FROM rw_case_events WHERE case_id = $1 ORDER BY id', [id]);
  return {
    ...toCase(row),
    closeNote: row.close_note,
    alertList: alerts.map(toAlert),
    // Every step is listed, in checklist order, even if its row is missing.
    containment: CONTAINMENT_STEPS.map(({ key, label }): ContainmentStep => {
      const s = steps.find((r) => r.step === key);
      return {
        key,
        label,
        target: s?.target ?? null,
        done: s?.done_at != null,
        doneBy: s?.done_by ?? null,
        doneAt: toIsoOrNull(s?.done_at),
        webhook: s?.webhook ?? null,
      };
    }),
    evidence: evidence.map((e): CaseEvidence => ({
      id: e.id,
      label: e.label,
      url: e.url,
      note: e.note,
      addedBy: e.added_by,
      addedAt: toIso(e.added_at),
    })),
    timeline: events.map((e): CaseTimelineEntry => ({
      at: toIso(e.at),
      actor: e.actor,
      kind: e.kind,
      text: e.text,
    })),
  };
}

/** Locks the case row for a change; 404 when there is none. */
export async function lockCase(
  tx: Queryable,
  id: string,
): Promise<{ id: string; title: string; status: CaseStatus; severity: AlertLevel }> {
  if (!isUuid(id)) throw notFound(`case ${id}`);
  const [row] = await tx.query<{
    id: string;
    title: string;
    status: CaseStatus;
    severity: AlertLevel;
  }>('SELECT id, title, status, severity FROM rw_cases WHERE id = $1 FOR UPDATE', [id]);
  if (!row) throw notFound(`case ${id}`);
  return row;
}

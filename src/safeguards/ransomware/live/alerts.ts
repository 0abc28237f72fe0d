/** Reading alerts and changing their status (the analyst's triage). */
import type {
  Alert,
  AlertDetail,
  AlertEvent,
  AlertLevel,
  AlertStatus,
  Page,
} from '../../../api-types.ts';
import type { AuditLog } from '../../../platform/audit/index.ts';
import type { Database, SqlParam } from '../../../platform/db/index.ts';
import { notFound } from '../../../platform/http/index.ts';
import { ALERT_COLUMNS, toAlert, type AlertRow } from '../alert-rows.ts';

export interface AlertFilter {
  status?: AlertStatus[] | undefined;
  level?: AlertLevel[] | undefined;
  host?: string | undefined;
  limit: number;
  offset: number;
}

/** Newest activity first. */
export async function listAlerts(db: Database, q: AlertFilter): Promise<Page<Alert>> {
  const where: string[] = [];
  const params: SqlParam[] = [];
  if (q.status?.length) where.push(`status = ANY($${params.push(q.status)}::text[])`);
  if (q.level?.length) where.push(`rule_level = ANY($${params.push(q.level)}::text[])`);
  if (q.host) where.push(`lower(host) = lower($${params.push(q.host)})`);
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [total] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM rw_alerts ${clause}`,
    params,
  );
  const rows = await db.query<AlertRow>(
    `SELECT ${ALERT_COLUMNS} FROM rw_alerts a ${clause} ORDER BY last_seen DESC, id
     LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, q.limit, q.offset],
  );
  return { items: rows.map(toAlert), total: total?.n ?? 0, limit: q.limit, offset: q.offset };
}

export async function getAlert(db: Database, id: string): Promise<AlertDetail> {
  const [row] = await db.query<AlertRow>(
    `SELECT ${ALERT_COLUMNS} FROM rw_alerts a WHERE id::text = $1`,
    [id],
  );
  if (!row) throw notFound(`alert ${id}`);
  const events = await db.query<{
    at: Date;
    source: string | null;
    record_id: number | string | null;
    fields: Record<string, unknown>;
  }>(
    'SELECT at, source, record_id, fields FROM rw_alert_events WHERE alert_id = $1 ORDER BY at, id',
    [row.id],
  );
  return {
    ...toAlert(row),
    events: events.map((e): AlertEvent => ({
      at: new Date(e.at).toISOString(),
      source: e.source,
      recordId: e.record_id === null ? null : Number(e.record_id),
      fields: e.fields,
    })),
  };
}

export async function setAlertStatus(
  deps: { db: Database; audit: AuditLog },
  id: string,
  status: AlertStatus,
  actor: string,
): Promise<Alert> {
  return deps.db.transaction(async (tx) => {
    const [before] = await tx.query<{ status: AlertStatus }>(
      'SELECT status FROM rw_alerts WHERE id::text = $1 FOR UPDATE',
      [id],
    );
    if (!before) throw notFound(`alert ${id}`);
    const [row] = await tx.query<AlertRow>(
      `UPDATE rw_alerts a SET status = $2, updated_at = now() WHERE id::text = $1 RETURNING ${ALERT_COLUMNS}`,
      [id, status],
    );
    await deps.audit.append(
      { actor, action: 'alert.status', target: id, detail: { from: before.status, to: status } },
      tx,
    );
    return toAlert(row!);
  });
}

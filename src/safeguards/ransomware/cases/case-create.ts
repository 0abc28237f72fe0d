import type { CaseDetail } from '../../../api-types.ts';
import { invalidInput } from '../../../core/errors.ts';
import { isUuid, type Queryable } from '../../../platform/db/index.ts';
import { conflict, notFound } from '../../../platform/http/index.ts';
import { ALERT_COLUMNS, higherLevel, toAlert, type AlertRow } from '../alert-rows.ts';
import type { CaseDeps } from './case-deps.ts';
import { recordCaseEvents, type NewCaseEvent } from './case-events.ts';
import { getCaseDetail, lockCase } from './case-read.ts';
import { CONTAINMENT_STEPS, suggestTargets } from './containment-targets.ts';

export const MAX_TITLE = 200;

/**
 * Opens a case for one or more alerts. Its severity is the highest alert level; the containment
 * checklist gets targets suggested from the alerts' samples. An alert that already belongs to
 * another case that is not closed is a conflict (an alert is handled in one place); one from a
 * closed case moves to the new case.
 */
export async function createCase(
  deps: CaseDeps,
  input: { title: string; alertIds: readonly string[] },
  actor: string,
): Promise<CaseDetail> {
  const title = input.title.trim();
  if (!title) throw invalidInput('title', 'must not be empty');
  if (title.length > MAX_TITLE) throw invalidInput('title', `at most ${MAX_TITLE} characters`);
  const alertIds = [...new Set(input.alertIds)];
  if (alertIds.length === 0) throw invalidInput('alertIds', 'give at least one alert');
  const now = deps.clock.now();
  const id = await deps.db.transaction(async (tx) => {
    const alerts = await lockAlerts(tx, alertIds);
    const severity = alerts.map((a) => a.rule_level).reduce(higherLevel);
    const [created] = await tx.query<{ id: string }>(
      `INSERT INTO rw_cases (title, severity, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $4) RETURNING id`,
      [title, severity, actor, now],
    );
    const caseId = created!.id;
    const targets = suggestTargets(alerts);
    for (const { key } of CONTAINMENT_STEPS) {
      await tx.query(
        'INSERT INTO rw_case_containment (case_id, step, target) VALUES ($1, $2, $3)',
        [caseId, key, targets[key]],
      );
    }
    await recordCaseEvents(tx, caseId, [
      { at: now, actor, kind: 'created', text: `Case opened: ${title}` },
    ]);
    await linkAlerts(tx, caseId, alerts, actor, now);
    await deps.audit.append(
      {
        actor,
        action: 'ransomware.case.create',
        target: `case:${caseId}`,
        detail: { title, severity, alertIds },
      },
      tx,
    );
    return caseId;
  });
  return getCaseDetail(deps.db, id);
}

/**
 * "Alerts become or join cases": with a caseId the alert joins that case (raising its severity
 * if the alert is worse); with null a new case is opened, titled from the rule and host.
 * Joining the case the alert is already in changes nothing.
 */
export async function attachAlert(
  deps: CaseDeps,
  alertId: string,
  caseId: string | null,
  actor: string,
): Promise<CaseDetail> {
  if (caseId === null) {
    const [alert] = await readAlerts(deps.db, [alertId]);
    if (!alert) throw notFound(`alert ${alertId}`);
    const title = `${alert.rule_title} on ${alert.host ?? 'an unknown host'}`.slice(0, MAX_TITLE);
    return createCase(deps, { title, alertIds: [alertId] }, actor);
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const target = await lockCase(tx, caseId);
    if (target.status === 'closed') {
      throw conflict(`case "${target.title}" is closed; reopen it before adding alerts`);
    }
    const [alert] = await lockAlerts(tx, [alertId], caseId);
    if (!alert || alert.case_id === caseId) return;
    await linkAlerts(tx, caseId, [alert], actor, now);
    const severity = higherLevel(target.severity, alert.rule_level);
    if (severity !== target.severity) {
      await tx.query('UPDATE rw_cases SET severity = $2 WHERE id = $1', [caseId, severity]);
    }
    await refillTargets(tx, caseId);
    await deps.audit.append(
      {
        actor,
        action: 'ransomware.case.alert',
        target: `case:${caseId}`,
        detail: { alertId, rule: alert.rule_id, host: alert.host, severity },
      },
      tx,
    );
  });
  return getCaseDetail(deps.db, caseId);
}

async function readAlerts(q: Queryable, ids: readonly string[], lock = false): Promise<AlertRow[]> {
  const bad = ids.find((id) => !isUuid(id));
  if (bad) throw notFound(`alert ${bad}`);
  return q.query<AlertRow>(
    `SELECT ${ALERT_COLUMNS} FROM rw_alerts a WHERE a.id = ANY($1::uuid[]) ORDER BY a.first_seen, a.id
     ${lock ? 'FOR UPDATE' : ''}`,
    [ids],
  );
}

/** Locks the alerts; 404 for a missing one, 409 for one in another open case. */
async function lockAlerts(
  tx: Queryable,
  ids: readonly string[],
  joining?: string,
): Promise<AlertRow[]> {
  const alerts = await readAlerts(tx, ids, true);
  const missing = ids.find((id) => !alerts.some((a) => a.id === id));
  if (missing) throw notFound(`alert ${missing}`);
  const linked = alerts.filter((a) => a.case_id !== null && a.case_id !== joining);
  if (linked.length === 0) return alerts;
  const open = await tx.query<{ id: string; title: string }>(
    "SELECT id, title FROM rw_cases WHERE id = ANY($1::uuid[]) AND status <> 'closed'",
    [linked.map((a) => a.case_id)],
  );
  for (const alert of linked) {
    const other = open.find((c) => c.id === alert.case_id);
    if (other) {
      throw conflict(
        `alert ${alert.id} (${alert.rule_title} on ${alert.host ?? 'unknown host'}) is already in open case "${other.title}"`,
        { alertId: alert.id, caseId: other.id },
      );
    }
  }
  return alerts;
}

/**
 * Points the alerts at the case and marks them acknowledged (someone is on them now); an alert
 * moving out of a closed case leaves a note in that case's timeline.
 */
async function linkAlerts(
  tx: Queryable,
  caseId: string,
  alerts: readonly AlertRow[],
  actor: string,
  now: Date,
): Promise<void> {
  await tx.query(
    `UPDATE rw_alerts SET case_id = $1, status = 'acknowledged', updated_at = $3
     WHERE id = ANY($2::uuid[])`,
    [caseId, alerts.map((a) => a.id), now],
  );
  const events: NewCaseEvent[] = [];
  for (const alert of alerts) {
    const what = describeAlert(alert);
    events.push({ at: now, actor, kind: 'alert', text: `Alert added: ${what}` });
    if (alert.case_id && alert.case_id !== caseId) {
      await recordCaseEvents(tx, alert.case_id, [
        { at: now, actor, kind: 'alert', text: `Alert moved to another case: ${what}` },
      ]);
    }
  }
  await recordCaseEvents(tx, caseId, events);
}

function describeAlert(alert: AlertRow): string {
  const a = toAlert(alert);
  return `${a.rule.title} (${a.level}) on ${a.host ?? 'unknown host'}, ${a.count} event${a.count === 1 ? '' : 's'}`;
}

/** Suggests targets again from all the case's alerts, for the steps not yet done. */
async function refillTargets(tx: Queryable, caseId: string): Promise<void> {
  const alerts = await tx.query<Pick<AlertRow, 'host' | 'sample'>>(
    'SELECT host, sample FROM rw_alerts WHERE case_id = $1 ORDER BY first_seen, id',
    [caseId],
  );
  const targets = suggestTargets(alerts);
  for (const { key } of CONTAINMENT_STEPS) {
    await tx.query(
      `INSERT INTO rw_case_containment (case_id, step, target) VALUES ($1, $2, $3)
       ON CONFLICT (case_id, step) DO UPDATE SET target = EXCLUDED.target
       WHERE rw_case_containment.done_at IS NULL`,
      [caseId, key, targets[key]],
    );
  }
}

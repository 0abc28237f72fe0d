import {
  FINDING_STATUSES,
  type FindingDetail,
  type FindingStatus,
  type FindingUpdate,
} from '../../api-types.ts';
import type { CoreContext } from '../context.ts';
import { isUuid, toIso, toIsoOrNull } from '../../platform/db/index.ts';
import { invalidInput, notFound } from '../errors.ts';
import { refreshSnapshots } from '../posture/snapshots.ts';
import { recordFindingEvents, type NewFindingEvent } from './finding-events.ts';
import { requireFinding } from './finding-detail.ts';

export const MAX_JUSTIFICATION = 5_000;

interface CurrentRow {
  status: FindingStatus;
  assignee: string | null;
  accepted_until: Date | string | null;
  justification: string | null;
}

/**
 * Changes a finding's status and/or assignee under the triage rules:
 * - accepted_risk needs a justification and an acceptedUntil in the future; when that date
 *   passes the finding reopens (see reopenExpiredAcceptances);
 * - false_positive needs a justification;
 * - fixed records fixed_at; leaving fixed clears it.
 * Each change writes a history event and an audit entry in the same transaction as the change,
 * and refreshes today's posture snapshot.
 */
export async function updateFinding(
  ctx: CoreContext,
  input: { id: string; update: FindingUpdate; actor: string },
): Promise<FindingDetail> {
  const { id, update, actor } = input;
  if (!isUuid(id)) throw notFound(`finding ${id}`);
  if (update.status !== undefined && !FINDING_STATUSES.includes(update.status)) {
    throw invalidInput('status', `must be one of ${FINDING_STATUSES.join(', ')}`);
  }
  if (
    update.status === undefined &&
    update.assignee === undefined &&
    update.justification === undefined &&
    update.acceptedUntil === undefined
  ) {
    throw invalidInput(
      'body',
      'nothing to change: give status, assignee, justification or acceptedUntil',
    );
  }
  const justificationIn = update.justification?.trim();
  if (justificationIn !== undefined && justificationIn.length > MAX_JUSTIFICATION) {
    throw invalidInput('justification', `at most ${MAX_JUSTIFICATION} characters`);
  }
  const acceptedUntilIn =
    update.acceptedUntil === undefined ? undefined : parseDate(update.acceptedUntil);
  const assigneeIn = update.assignee === undefined ? undefined : normaliseAssignee(update.assignee);
  const now = ctx.clock.now();

  return ctx.db.transaction(async (tx) => {
    const [current] = await tx.query<CurrentRow>(
      'SELECT status, assignee, accepted_until, justification FROM findings WHERE id = $1 FOR UPDATE',
      [id],
    );
    if (!current) throw notFound(`finding ${id}`);
    const status = update.status ?? current.status;
    const statusChanged = status !== current.status;
    // Staying in a status keeps its justification and date unless new ones are given.
    const justification =
      justificationIn || (statusChanged ? undefined : (current.justification ?? undefined));
    let acceptedUntil: Date | null = null;
    if (status === 'accepted_risk') {
      if (!justification)
        throw invalidInput(
          'justification',
          'required when accepting a risk: say why it is acceptable',
        );
      const until =
        acceptedUntilIn ??
        (statusChanged || !current.accepted_until ? undefined : new Date(current.accepted_until));
      if (!until)
        throw invalidInput(
          'acceptedUntil',
          'required with status accepted_risk: the date the acceptance ends',
        );
      if (until.getTime() <= now.getTime())
        throw invalidInput('acceptedUntil', `must be in the future (now is ${now.toISOString()})`);
      acceptedUntil = until;
    } else if (acceptedUntilIn) {
      throw invalidInput('acceptedUntil', 'applies only to status accepted_risk');
    }
    if (status === 'false_positive' && !justification) {
      throw invalidInput(
        'justification',
        'required when marking a false positive: say how it was verified',
      );
    }
    const keepsJustification = status === 'accepted_risk' || status === 'false_positive';
    const newJustification = keepsJustification ? (justification ?? null) : null;
    const events: NewFindingEvent[] = [];
    const audits: { action: string; detail: object }[] = [];

    const acceptanceChanged =
      !statusChanged &&
      keepsJustification &&
      (newJustification !== current.justification ||
        toIsoOrNull(acceptedUntil) !== toIsoOrNull(current.accepted_until));
    if (statusChanged || acceptanceChanged) {
      await tx.query(
        `UPDATE findings SET status = $2, justification = $3, accepted_until = $4, updated_at = $5,
           fixed_at = CASE WHEN $2 = 'fixed' THEN coalesce(fixed_at, $5) ELSE NULL END
         WHERE id = $1`,
        [id, status, newJustification, acceptedUntil, now],
      );
      const note =
        [justificationIn, acceptedUntil ? `accepted until ${toIso(acceptedUntil)}` : null]
          .filter(Boolean)
          .join('; ') || null;
      events.push(
        statusChanged
          ? {
              findingId: id,
              at: now,
              actor,
              kind: 'status',
              from: current.status,
              to: status,
              note,
            }
          : {
              findingId: id,
              at: now,
              actor,
              kind: 'acceptance',
              from: toIsoOrNull(current.accepted_until),
              to: toIsoOrNull(acceptedUntil),
              note,
            },
      );
      audits.push({
        action: statusChanged ? 'finding.status' : 'finding.acceptance',
        detail: {
          from: current.status,
          to: status,
          justification: newJustification,
          acceptedUntil: toIsoOrNull(acceptedUntil),
        },
      });
    }
    if (assigneeIn !== undefined && assigneeIn !== current.assignee) {
      await tx.query('UPDATE findings SET assignee = $2, updated_at = $3 WHERE id = $1', [
        id,
        assigneeIn,
        now,
      ]);
      events.push({
        findingId: id,
        at: now,
        actor,
        kind: 'assignee',
        from: current.assignee,
        to: assigneeIn,
      });
      audits.push({
        action: 'finding.assignee',
        detail: { from: current.assignee, to: assigneeIn },
      });
    }
    await recordFindingEvents(tx, events);
    for (const a of audits)
      await ctx.audit.append({ actor, action: a.action, target: id, detail: a.detail }, tx);
    if (statusChanged) await refreshSnapshots(tx, now);
    return requireFinding(tx, id, now);
  });
}

function parseDate(value: string): Date {
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(ms)) {
    throw invalidInput(
      'acceptedUntil',
      `expected an ISO 8601 date such as 2026-06-30, got ${JSON.stringify(value)}`,
    );
  }
  return new Date(ms);
}

function normaliseAssignee(value: string | null): string | null {
  const v = value?.trim();
  if (!v) return null;
  if (v.length > 200) throw invalidInput('assignee', 'at most 200 characters');
  return v;
}

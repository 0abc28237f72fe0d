import type { CaseDetail, CaseResolution, CaseStatus, CaseUpdate } from '../../../api-types.ts';
import { invalidInput } from '../../../core/errors.ts';
import { isUuid } from '../../../platform/db/index.ts';
import { conflict, notFound } from '../../../platform/http/index.ts';
import type { CaseDeps } from './case-deps.ts';
import { recordCaseEvents, type NewCaseEvent } from './case-events.ts';
import { getCaseDetail } from './case-read.ts';
import { addSiteFilters } from './site-filters.ts';

export const MAX_ASSIGNEE = 64;
export const MAX_CLOSE_NOTE = 5_000;

const STATUS_WORDS: Record<CaseStatus, string> = {
  open: 'open',
  in_progress: 'in progress',
  closed: 'closed',
};
const RESOLUTION_WORDS: Record<CaseResolution, string> = {
  true_positive: 'true positive',
  benign: 'benign',
  false_positive: 'false positive',
};

/**
 * Assigns a case and moves it through open -> in_progress -> closed. Closing needs a resolution
 * and closes the case's alerts; closing as false_positive with addFilter adds site filters (see
 * site-filters.ts). Reopening clears the resolution and puts the closed alerts back to
 * acknowledged; filters added at closing stay (they are managed on their own).
 */
export async function updateCase(
  deps: CaseDeps,
  id: string,
  update: CaseUpdate,
  actor: string,
): Promise<CaseDetail> {
  const { status, resolution, addFilter } = update;
  if (
    status === undefined &&
    update.assignee === undefined &&
    resolution === undefined &&
    update.closeNote === undefined &&
    addFilter === undefined
  ) {
    throw invalidInput('body', 'nothing to change: give status, assignee or resolution');
  }
  const assignee = update.assignee === undefined ? undefined : normaliseAssignee(update.assignee);
  const closeNote = update.closeNote?.trim() || null;
  if (closeNote && closeNote.length > MAX_CLOSE_NOTE) {
    throw invalidInput('closeNote', `at most ${MAX_CLOSE_NOTE} characters`);
  }
  if (status === 'closed' && !resolution) {
    throw invalidInput(
      'resolution',
      'required when closing: true_positive, benign or false_positive',
    );
  }
  if (status !== 'closed' && (resolution || update.closeNote !== undefined)) {
    throw invalidInput(resolution ? 'resolution' : 'closeNote', 'applies only with status closed');
  }
  if (addFilter && resolution !== 'false_positive') {
    throw invalidInput('addFilter', 'applies only when closing as false_positive');
  }
  if (!isUuid(id)) throw notFound(`case ${id}`);
  const now = deps.clock.now();

  await deps.db.transaction(async (tx) => {
    const [current] = await tx.query<{
      title: string;
      status: CaseStatus;
      assignee: string | null;
      resolution: CaseResolution | null;
    }>('SELECT title, status, assignee, resolution FROM rw_cases WHERE id = $1 FOR UPDATE', [id]);
    if (!current) throw notFound(`case ${id}`);
    const events: NewCaseEvent[] = [];
    const changes: Record<string, unknown> = {};

    if (assignee !== undefined && assignee !== current.assignee) {
      await tx.query('UPDATE rw_cases SET assignee = $2 WHERE id = $1', [id, assignee]);
      events.push({
        at: now,
        actor,
        kind: 'assignee',
        text: assignee ? `Assigned to ${assignee}` : `Unassigned (was ${current.assignee})`,
      });
      changes['assignee'] = { from: current.assignee, to: assignee };
    }

    if (status === 'closed' && current.status === 'closed') {
      throw conflict(
        `case "${current.title}" is already closed; reopen it to change the resolution`,
      );
    }
    if (status === 'closed' && resolution) {
      await tx.query(
        `UPDATE rw_cases SET status = 'closed', resolution = $2, close_note = $3, closed_at = $4
         WHERE id = $1`,
        [id, resolution, closeNote, now],
      );
      await tx.query(
        "UPDATE rw_alerts SET status = 'closed', updated_at = $2 WHERE case_id = $1 AND status <> 'closed'",
        [id, now],
      );
      events.push({
        at: now,
        actor,
        kind: 'closed',
        text: `Closed as ${RESOLUTION_WORDS[resolution]}${closeNote ? `: ${closeNote}` : ''}`,
      });
      changes['status'] = { from: current.status, to: 'closed', resolution, closeNote };
      if (addFilter) {
        const reason = `False positive, case "${current.title}"${closeNote ? `: ${closeNote}` : ''}`;
        events.push(...(await addSiteFilters(deps, tx, { caseId: id, reason, actor, now })));
      }
    } else if (status !== undefined && status !== current.status) {
      const reopening = current.status === 'closed';
      await tx.query(
        `UPDATE rw_cases SET status = $2, resolution = NULL, close_note = NULL, closed_at = NULL
         WHERE id = $1`,
        [id, status],
      );
      if (reopening) {
        await tx.query(
          "UPDATE rw_alerts SET status = 'acknowledged', updated_at = $2 WHERE case_id = $1 AND status = 'closed'",
          [id, now],
        );
      }
      events.push(
        reopening
          ? {
              at: now,
              actor,
              kind: 'reopened',
              text: `Reopened as ${STATUS_WORDS[status]} (was closed as ${current.resolution ? RESOLUTION_WORDS[current.resolution] : 'unknown'})`,
            }
          : {
              at: now,
              actor,
              kind: 'status',
              text: `Status: ${STATUS_WORDS[current.status]} → ${STATUS_WORDS[status]}`,
            },
      );
      changes['status'] = { from: current.status, to: status };
    }

    if (events.length === 0) return;
    await recordCaseEvents(tx, id, events);
    await deps.audit.append(
      { actor, action: 'ransomware.case.update', target: `case:${id}`, detail: changes },
      tx,
    );
  });
  return getCaseDetail(deps.db, id);
}

function normaliseAssignee(value: string | null): string | null {
  if (value === null) return null;
  const name = value.trim();
  if (!name) throw invalidInput('assignee', 'must not be empty; send null to unassign');
  if (name.length > MAX_ASSIGNEE)
    throw invalidInput('assignee', `at most ${MAX_ASSIGNEE} characters`);
  return name;
}

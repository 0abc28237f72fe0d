import type { Queryable } from '../../../platform/db/index.ts';

export interface NewCaseEvent {
  at: Date;
  actor: string;
  /** created, alert, status, assignee, comment, evidence, containment, filter, closed, reopened */
  kind: string;
  text: string | null;
}

/**
 * Appends timeline rows (in the order given; the identity column keeps that order when times
 * are equal) and marks the case updated, so the case list shows recent activity first.
 */
export async function recordCaseEvents(
  tx: Queryable,
  caseId: string,
  events: readonly NewCaseEvent[],
): Promise<void> {
  if (events.length === 0) return;
  // One statement per row: a case change writes a handful, and row order is timeline order.
  for (const e of events) {
    await tx.query(
      'INSERT INTO rw_case_events (case_id, at, actor, kind, text) VALUES ($1, $2, $3, $4, $5)',
      [caseId, e.at, e.actor, e.kind, e.text],
    );
  }
  const last = events.reduce((a, e) => (e.at > a ? e.at : a), events[0]!.at);
  await tx.query('UPDATE rw_cases SET updated_at = greatest(updated_at, $2) WHERE id = $1', [
    caseId,
    last,
  ]);
}

import type { Queryable } from '../../platform/db/index.ts';

export interface NewFindingEvent {
  findingId: string;
  at: Date;
  actor: string;
  /** created, status, assignee, comment, reopened */
  kind: string;
  from?: string | null;
  to?: string | null;
  note?: string | null;
}

/** Appends history rows in one statement. */
export async function recordFindingEvents(
  tx: Queryable,
  events: readonly NewFindingEvent[],
): Promise<void> {
  if (events.length === 0) return;
  await tx.query(
    `INSERT INTO finding_events (finding_id, at, actor, kind, from_value, to_value, note)
     SELECT finding_id, at, actor, kind, from_value, to_value, note
     FROM json_to_recordset($1::json) AS t(finding_id uuid, at timestamptz, actor text, kind text, from_value text, to_value text, note text)`,
    [
      JSON.stringify(
        events.map((e) => ({
          finding_id: e.findingId,
          at: e.at.toISOString(),
          actor: e.actor,
          kind: e.kind,
          from_value: e.from ?? null,
          to_value: e.to ?? null,
          note: e.note ?? null,
        })),
      ),
    ],
  );
}

import type { CoreContext } from '../context.ts';
import { isUuid } from '../../platform/db/index.ts';
import { invalidInput } from '../errors.ts';
import { refreshSnapshots } from '../posture/snapshots.ts';

/** The statuses a bulk change may set: closing what an analyzer no longer reports. */
export type BulkStatus = 'fixed';

/**
 * Marks many findings fixed in one transaction, as updateFinding would one by one: fixed_at
 * recorded, a `status` history event each (with the note), today's snapshot refreshed. Only
 * open and in-progress findings change: fixed ones stay as they are, and accepted risks and
 * false positives keep the status someone gave them. One audit entry covers the batch.
 * Returns the ids that changed.
 */
export async function updateFindingsStatus(
  ctx: CoreContext,
  input: { ids: readonly string[]; status: BulkStatus; actor: string; note?: string | null },
): Promise<string[]> {
  if (input.status !== 'fixed') throw invalidInput('status', 'only fixed can be set in bulk');
  const bad = input.ids.findIndex((id) => !isUuid(id));
  if (bad >= 0) throw invalidInput(`ids.${bad}`, 'must be a finding id (uuid)');
  const ids = [...new Set(input.ids)];
  if (ids.length === 0) return [];
  const now = ctx.clock.now();
  const note = input.note?.trim() || null;
  return ctx.db.transaction(async (tx) => {
    const changed = await tx.query<{ id: string }>(
      `WITH old AS (
         SELECT id, status FROM findings
         WHERE id = ANY($1::uuid[]) AND status IN ('open', 'in_progress')
         FOR UPDATE
       ), closed AS (
         UPDATE findings f SET status = 'fixed', fixed_at = $2::timestamptz, updated_at = $2::timestamptz,
           justification = NULL, accepted_until = NULL
         FROM old WHERE f.id = old.id
         RETURNING f.id, old.status
       ), events AS (
         INSERT INTO finding_events (finding_id, at, actor, kind, from_value, to_value, note)
         SELECT id, $2::timestamptz, $3::text, 'status', status, 'fixed', $4::text FROM closed
       )
       SELECT id FROM closed`,
      [ids, now, input.actor, note],
    );
    if (changed.length === 0) return [];
    await ctx.audit.append(
      {
        actor: input.actor,
        action: 'findings.status',
        target: null,
        detail: { to: 'fixed', findings: changed.length, note },
      },
      tx,
    );
    await refreshSnapshots(tx, now);
    return changed.map((r) => r.id);
  });
}

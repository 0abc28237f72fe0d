import { type Queryable, toIso } from '../../platform/db/index.ts';
import type { AuditLog } from '../../platform/audit/index.ts';
import { refreshSnapshots } from '../posture/snapshots.ts';
import { recordFindingEvents } from './finding-events.ts';

/**
 * An accepted risk is accepted until a date; after it the finding is open again and needs a new
 * decision. Runs hourly as a job and before every import (so a scan never confirms a lapsed
 * acceptance). Returns how many findings reopened. Call inside a transaction.
 */
export async function reopenExpiredAcceptances(
  tx: Queryable,
  audit: AuditLog,
  now: Date,
): Promise<number> {
  const rows = await tx.query<{ id: string; accepted_until: Date | string }>(
    `UPDATE findings f SET status = 'open', updated_at = $1, accepted_until = NULL
     FROM (SELECT id, accepted_until FROM findings WHERE status = 'accepted_risk' AND accepted_until <= $1 FOR UPDATE) old
     WHERE f.id = old.id
     RETURNING f.id, old.accepted_until`,
    [now],
  );
  if (rows.length === 0) return 0;
  await recordFindingEvents(
    tx,
    rows.map((r) => ({
      findingId: r.id,
      at: now,
      actor: 'system',
      kind: 'status',
      from: 'accepted_risk',
      to: 'open',
      note: `risk acceptance expired on ${toIso(r.accepted_until)}`,
    })),
  );
  await audit.append(
    {
      actor: 'system',
      action: 'finding.acceptance_expired',
      detail: { findings: rows.map((r) => r.id) },
    },
    tx,
  );
  await refreshSnapshots(tx, now);
  return rows.length;
}

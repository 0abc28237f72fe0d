import {
  SAFEGUARDS,
  SEVERITIES,
  type Posture,
  type Safeguard,
  type SafeguardPosture,
  type Severity,
} from '../../api-types.ts';
import { type Queryable, toIso, toNumber } from '../../platform/db/index.ts';
import { countAssets } from '../assets/asset-store.ts';

interface GroupRow {
  safeguard: Safeguard;
  severity: Severity;
  open: number;
  overdue: number;
}

/**
 * Per safeguard: open findings by severity, how many are overdue, and when it was last assessed.
 * A safeguard with neither findings nor (for drills) an import is `configured: false`, and the
 * UI says so instead of showing a reassuring zero.
 */
export async function loadPosture(db: Queryable, now: Date): Promise<Posture> {
  const groups = await db.query<GroupRow>(
    `SELECT safeguard, severity,
       count(*) FILTER (WHERE status IN ('open', 'in_progress'))::int AS open,
       count(*) FILTER (WHERE status IN ('open', 'in_progress') AND due_at < $1)::int AS overdue
     FROM findings GROUP BY safeguard, severity`,
    [now],
  );
  const seen = await db.query<{ safeguard: Safeguard; last_seen: Date | string }>(
    'SELECT safeguard, max(last_seen) AS last_seen FROM finding_sightings GROUP BY safeguard',
  );
  // Finished scanner imports are the drills safeguard's assessments, even those that found nothing.
  const [imports] = await db.query<{ n: number; last: Date | string | null }>(
    `SELECT count(*)::int AS n, max(finished_at) AS last FROM imports WHERE state = 'done'`,
  );
  const safeguards = SAFEGUARDS.map((safeguard): SafeguardPosture => {
    const rows = groups.filter((g) => g.safeguard === safeguard);
    const openBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<
      Severity,
      number
    >;
    let overdue = 0;
    let last: number | null = null;
    for (const r of rows) {
      openBySeverity[r.severity] += toNumber(r.open);
      overdue += toNumber(r.overdue);
    }
    const lastSeen = seen.find((r) => r.safeguard === safeguard)?.last_seen;
    if (lastSeen) last = new Date(lastSeen).getTime();
    const importCount = safeguard === 'drills' ? toNumber(imports?.n) : 0;
    if (safeguard === 'drills' && imports?.last)
      last = Math.max(last ?? 0, new Date(imports.last).getTime());
    return {
      safeguard,
      configured: rows.length > 0 || importCount > 0,
      openBySeverity,
      overdue,
      lastAssessment: last === null ? null : toIso(new Date(last)),
    };
  });
  return { safeguards, assets: await countAssets(db) };
}

import {
  SAFEGUARDS,
  SEVERITIES,
  type Safeguard,
  type Severity,
  type TrendPoint,
} from '../../api-types.ts';
import { type Queryable, toNumber, utcDay } from '../../platform/db/index.ts';

/** Open findings per safeguard and severity, as the demo seeder or a backfill states them. */
export type SnapshotCounts = Partial<Record<Safeguard, Partial<Record<Severity, number>>>>;

/**
 * Rewrites the snapshot rows of `day` (UTC, default: today) from the current findings: every
 * safeguard and severity gets a row, zeros included, so a count that drops to nothing is
 * recorded as 0 rather than carried forward.
 */
export async function refreshSnapshots(
  db: Queryable,
  now: Date,
  day: string = utcDay(now),
): Promise<void> {
  await db.query(
    `INSERT INTO finding_snapshots (day, safeguard, severity, open_count)
     SELECT $1::date, s.safeguard, v.severity, coalesce(c.n, 0)
     FROM unnest($2::text[]) AS s(safeguard) CROSS JOIN unnest($3::text[]) AS v(severity)
     LEFT JOIN (
       SELECT safeguard, severity, count(*)::int AS n FROM findings
       WHERE status IN ('open', 'in_progress') GROUP BY safeguard, severity
     ) c ON c.safeguard = s.safeguard AND c.severity = v.severity
     ON CONFLICT (day, safeguard, severity) DO UPDATE SET open_count = EXCLUDED.open_count`,
    [day, SAFEGUARDS, SEVERITIES],
  );
}

/**
 * Writes the rows of one (usually past) day: the given counts, or today's figures when none are
 * given. For the demo's history and for backfills; the UI's trend reads these rows as recorded.
 */
export async function recordSnapshot(
  db: Queryable,
  day: string,
  counts: SnapshotCounts | undefined,
  now: Date,
): Promise<void> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
    throw new Error(`recordSnapshot: day must be YYYY-MM-DD, got ${JSON.stringify(day)}`);
  }
  if (!counts) return refreshSnapshots(db, now, day);
  const rows = Object.entries(counts).flatMap(([safeguard, bySeverity]) =>
    Object.entries(bySeverity ?? {}).map(([severity, n]) => ({ safeguard, severity, n })),
  );
  for (const r of rows) {
    if (!SAFEGUARDS.includes(r.safeguard as Safeguard))
      throw new Error(`recordSnapshot: unknown safeguard ${r.safeguard}`);
    if (!SEVERITIES.includes(r.severity as Severity))
      throw new Error(`recordSnapshot: unknown severity ${r.severity}`);
    if (!Number.isInteger(r.n) || r.n < 0)
      throw new Error(`recordSnapshot: ${r.safeguard}/${r.severity} must be a count, got ${r.n}`);
  }
  await db.query(
    `INSERT INTO finding_snapshots (day, safeguard, severity, open_count)
     SELECT $1::date, t.safeguard, t.severity, t.n FROM json_to_recordset($2::json) AS t(safeguard text, severity text, n int)
     ON CONFLICT (day, safeguard, severity) DO UPDATE SET open_count = EXCLUDED.open_count`,
    [day, JSON.stringify(rows)],
  );
}

interface SnapshotRow {
  day: string;
  safeguard: string;
  severity: Severity;
  open_count: number;
}

/**
 * Open findings per severity for each of the last `days` days up to `now`'s day, summed over
 * safeguards (or for one). A day without a snapshot repeats the last one recorded before it:
 * nothing changed that day. Days before the first snapshot are left out rather than shown as
 * zero, which would be a figure nobody measured.
 */
export async function loadTrend(
  db: Queryable,
  opts: { days: number; now: Date; safeguard?: Safeguard },
): Promise<TrendPoint[]> {
  const today = utcDay(opts.now);
  const first = utcDay(new Date(Date.parse(`${today}T00:00:00Z`) - (opts.days - 1) * 86_400_000));
  const filter = opts.safeguard ? 'AND safeguard = $3' : '';
  const params = opts.safeguard ? [first, today, opts.safeguard] : [first, today];
  // The window's rows plus, per series, the last row before the window to carry in.
  const rows = await db.query<SnapshotRow>(
    `(SELECT day::text AS day, safeguard, severity, open_count FROM finding_snapshots
       WHERE day BETWEEN $1::date AND $2::date ${filter})
     UNION ALL
     (SELECT DISTINCT ON (safeguard, severity) day::text, safeguard, severity, open_count FROM finding_snapshots
       WHERE day < $1::date ${filter} ORDER BY safeguard, severity, day DESC)
     ORDER BY 1`,
    params,
  );
  if (rows.length === 0) return [];
  const current = new Map<string, number>();
  const byDay = new Map<string, SnapshotRow[]>();
  for (const r of rows) {
    if (r.day < first) current.set(`${r.safeguard}/${r.severity}`, toNumber(r.open_count));
    else byDay.set(r.day, [...(byDay.get(r.day) ?? []), r]);
  }
  const points: TrendPoint[] = [];
  let started = current.size > 0;
  for (
    let t = Date.parse(`${first}T00:00:00Z`);
    t <= Date.parse(`${today}T00:00:00Z`);
    t += 86_400_000
  ) {
    const day = utcDay(new Date(t));
    for (const r of byDay.get(day) ?? [])
      current.set(`${r.safeguard}/${r.severity}`, toNumber(r.open_count));
    started ||= byDay.has(day);
    if (!started) continue;
    const open = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
    for (const [key, n] of current) open[key.slice(key.indexOf('/') + 1) as Severity] += n;
    points.push({ day, open });
  }
  return points;
}

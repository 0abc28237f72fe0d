import type { FindingStatus, Severity } from '../../api-types.ts';
import type { Queryable } from '../../platform/db/index.ts';
import { dedupKey } from '../findings/dedup-key.ts';
import { recordFindingEvents } from '../findings/finding-events.ts';
import { MAX_TITLE, hashId, textHash, textIds } from '../findings/finding-texts.ts';
import { dueDateSql } from '../findings/sla.ts';
import type { ScanIssue } from '../scans/scan-types.ts';

/** A scanner finding ready to store: one issue on one asset. */
export interface ScannerFindingRow {
  dedup_key: string;
  asset_id: string;
  tool_id: string;
  title: string;
  description: string;
  solution: string | null;
  severity: Severity;
  cvss_score: number | null;
  cvss_vector: string | null;
  cves: string[];
  cwes: string[];
  location: string | null;
  evidence: string | null;
  /** finding_texts.hash of title, description and solution. */
  text_hash: string;
  content_hash: string;
}

/** `443/tcp`; null for host-level checks (Nessus reports those on port 0). */
export function issueLocation(issue: ScanIssue): string | null {
  return issue.port ? `${issue.port}/${issue.protocol ?? 'tcp'}` : null;
}

export function toScannerFindingRow(
  tool: string,
  assetId: string,
  issue: ScanIssue,
): ScannerFindingRow {
  const location = issueLocation(issue);
  const cvss =
    issue.cvssScore !== null && issue.cvssScore >= 0 && issue.cvssScore <= 10
      ? Math.round(issue.cvssScore * 10) / 10
      : null;
  const text = {
    title: (issue.title.trim() || `${tool} ${issue.toolId}`).slice(0, MAX_TITLE),
    description: issue.description,
    solution: issue.solution,
  };
  const text_hash = textHash(text);
  const content = {
    ...text,
    severity: issue.severity,
    cvss_score: cvss,
    cvss_vector: issue.cvssVector,
    cves: issue.cves,
    cwes: issue.cwes,
    evidence: issue.evidence,
  };
  return {
    dedup_key: dedupKey({ tool, assetId, toolId: issue.toolId, location }),
    asset_id: assetId,
    tool_id: issue.toolId,
    location,
    ...content,
    text_hash,
    content_hash: hashId(text_hash, JSON.stringify(content)),
  };
}

export interface UpsertContext {
  tool: string;
  importId: string;
  actor: string;
  now: Date;
  slaJson: string;
  /** finding_texts ids by hash, as far as this transaction has met them. */
  texts: Map<string, number>;
  /** Assets created by this import: their findings are new without asking the database. */
  newAssets?: ReadonlySet<string>;
}

export interface UpsertCounts {
  created: number;
  seen: number;
  reopened: number;
}

interface ExistingRow {
  id: string;
  dedup_key: string;
  status: FindingStatus;
  content_hash: string | null;
}

const INPUT_COLUMNS = `dedup_key uuid, asset_id uuid, tool_id text, title text, text_id int, severity text, cvss_score numeric,
  cvss_vector text, cves text[], cwes text[], location text, evidence text, content_hash uuid`;

/**
 * Stores one batch of scanner findings (at most a few thousand, unique dedup keys):
 * - new findings are inserted with their due date and a `created` event;
 * - known findings the scanner describes as before are not written at all: only their sighting
 *   (last_seen) moves, a narrow row (the common re-import case);
 * - known findings whose description changed get the new text (and a due date recomputed if
 *   the severity changed); a fixed one reported again is reopened with a `reopened` event.
 * accepted_risk and false_positive keep their status. At most one SELECT (none for assets this
 * import created) and three writes per batch, whatever its size.
 */
export async function upsertScannerFindings(
  tx: Queryable,
  rows: readonly ScannerFindingRow[],
  ctx: UpsertContext,
): Promise<UpsertCounts> {
  if (rows.length === 0) return { created: 0, seen: 0, reopened: 0 };
  const maybeKnown = rows.filter((r) => !ctx.newAssets?.has(r.asset_id)).map((r) => r.dedup_key);
  const existing = maybeKnown.length
    ? await tx.query<ExistingRow>(
        'SELECT id, dedup_key, status, content_hash FROM findings WHERE dedup_key = ANY($1::uuid[])',
        [maybeKnown],
      )
    : [];
  const byKey = new Map(existing.map((e) => [e.dedup_key, e]));
  const fresh: ScannerFindingRow[] = [];
  const unchanged: string[] = [];
  const changed: (ScannerFindingRow & { id: string; status: FindingStatus })[] = [];
  for (const row of rows) {
    const known = byKey.get(row.dedup_key);
    if (!known) fresh.push(row);
    else if (known.content_hash === row.content_hash && known.status !== 'fixed')
      unchanged.push(known.id);
    else changed.push({ ...row, id: known.id, status: known.status });
  }
  await textIds(
    tx,
    [...fresh, ...changed].map((r) => ({
      hash: r.text_hash,
      title: r.title,
      description: r.description,
      solution: r.solution,
    })),
    ctx.texts,
  );
  // Only what the findings table stores: the text itself went to finding_texts.
  const stored = <T extends ScannerFindingRow>({
    description: _d,
    solution: _s,
    text_hash,
    ...r
  }: T) => ({
    ...r,
    text_id: ctx.texts.get(text_hash),
  });

  const created = await insertFresh(tx, fresh.map(stored), ctx);
  const reopened = changed.filter((c) => c.status === 'fixed');
  if (changed.length) await updateChanged(tx, changed.map(stored), ctx);
  const seen = [...unchanged, ...changed.map((c) => c.id)];
  if (seen.length) {
    await tx.query(
      'UPDATE finding_sightings SET last_seen = $2, last_import_id = $3 WHERE finding_id = ANY($1::uuid[])',
      [seen, ctx.now, ctx.importId],
    );
  }
  await recordFindingEvents(
    tx,
    reopened.map((r) => ({
      findingId: r.id,
      at: ctx.now,
      actor: ctx.actor,
      kind: 'reopened',
      from: 'fixed',
      to: 'open',
      note: `reported again by scan ${ctx.importId}`,
    })),
  );
  return { created, seen: unchanged.length + changed.length, reopened: reopened.length };
}

async function insertFresh(
  tx: Queryable,
  rows: readonly object[],
  ctx: UpsertContext,
): Promise<number> {
  if (rows.length === 0) return 0;
  const [row] = await tx.query<{ n: number }>(
    `WITH added AS (
       INSERT INTO findings (safeguard, source, tool, tool_id, title, text_id, severity, cvss_score,
         cvss_vector, cves, cwes, asset_id, location, evidence, content_hash, status, first_seen, due_at, dedup_key,
         created_by, import_id, updated_at)
       SELECT 'drills', 'scanner', $2::text, tool_id, title, text_id, severity, cvss_score,
         cvss_vector, coalesce(cves, '{}'), coalesce(cwes, '{}'), asset_id, location, evidence, content_hash, 'open',
         $3::timestamptz, ${dueDateSql('$3::timestamptz', 'severity', '$6')}, dedup_key,
         $5::text, $4::uuid, $3::timestamptz
       FROM json_to_recordset($1::json) AS t(${INPUT_COLUMNS})
       ON CONFLICT (dedup_key) DO NOTHING
       RETURNING id
     ), sightings AS (
       INSERT INTO finding_sightings (finding_id, safeguard, last_seen, last_import_id)
       SELECT id, 'drills', $3::timestamptz, $4::uuid FROM added
     ), events AS (
       INSERT INTO finding_events (finding_id, at, actor, kind, to_value, note)
       SELECT id, $3::timestamptz, $5::text, 'created', 'open', 'import ' || $4::uuid::text FROM added
     )
     SELECT count(*)::int AS n FROM added`,
    [JSON.stringify(rows), ctx.tool, ctx.now, ctx.importId, ctx.actor, ctx.slaJson],
  );
  return row?.n ?? 0;
}

async function updateChanged(
  tx: Queryable,
  rows: readonly object[],
  ctx: UpsertContext,
): Promise<void> {
  await tx.query(
    `UPDATE findings f SET
       title = t.title, text_id = t.text_id, cvss_score = t.cvss_score, cvss_vector = t.cvss_vector, cves = coalesce(t.cves, '{}'), cwes = coalesce(t.cwes, '{}'),
       evidence = t.evidence, content_hash = t.content_hash, severity = t.severity,
       due_at = CASE WHEN f.severity = t.severity THEN f.due_at ELSE ${dueDateSql('f.first_seen', 't.severity', '$3')} END,
       status = CASE WHEN f.status = 'fixed' THEN 'open' ELSE f.status END,
       fixed_at = CASE WHEN f.status = 'fixed' THEN NULL ELSE f.fixed_at END,
       updated_at = $2
     FROM json_to_recordset($1::json) AS t(id uuid, ${INPUT_COLUMNS})
     WHERE f.id = t.id`,
    [JSON.stringify(rows), ctx.now, ctx.slaJson],
  );
}

/**
 * Scope-based closing: on the assets this scan covered, open findings of the same tool that the
 * scan did not report are fixed, with a history event that names the import. Findings someone
 * accepted or marked false positive are left alone, and so are assets the scan did not cover.
 */
export async function closeUnreportedFindings(
  tx: Queryable,
  ctx: { assetIds: readonly string[]; tool: string; importId: string; actor: string; now: Date },
): Promise<number> {
  if (ctx.assetIds.length === 0) return 0;
  const [row] = await tx.query<{ n: number }>(
    `WITH closed AS (
       UPDATE findings f SET status = 'fixed', fixed_at = $3::timestamptz, updated_at = $3::timestamptz
       FROM (
         SELECT f.id, f.status FROM findings f JOIN finding_sightings s ON s.finding_id = f.id
         WHERE f.asset_id = ANY($1::uuid[]) AND f.tool = $2::text AND f.source = 'scanner' AND f.status IN ('open', 'in_progress')
           AND s.last_import_id IS DISTINCT FROM $4::uuid
         FOR UPDATE OF f
       ) old
       WHERE f.id = old.id
       RETURNING f.id, old.status
     ), events AS (
       INSERT INTO finding_events (finding_id, at, actor, kind, from_value, to_value, note)
       SELECT id, $3::timestamptz, $5::text, 'status', status, 'fixed', 'not reported by scan ' || $4::uuid::text FROM closed
     )
     SELECT count(*)::int AS n FROM closed`,
    [ctx.assetIds, ctx.tool, ctx.now, ctx.importId, ctx.actor],
  );
  return row?.n ?? 0;
}

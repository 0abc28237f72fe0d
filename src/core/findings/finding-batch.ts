import type { FindingStatus, Safeguard } from '../../api-types.ts';
import type { Queryable } from '../../platform/db/index.ts';
import { HttpError } from '../../platform/http/index.ts';
import type { CoreContext } from '../context.ts';
import { invalidInput } from '../errors.ts';
import { refreshSnapshots } from '../posture/snapshots.ts';
import { dedupKey, uniqueKey } from './dedup-key.ts';
import { validateFindingInput, type FindingInput, type ValidFinding } from './finding-create.ts';
import { recordFindingEvents } from './finding-events.ts';
import { textHash, textIds } from './finding-texts.ts';
import { dueDate } from './sla.ts';

/** What happened to one input of recordFindings. */
export interface RecordedFinding {
  id: string;
  /** A new finding (false: it existed and was seen again). */
  created: boolean;
  /** It was fixed, and being reported again made it open. */
  reopened: boolean;
}

// Findings per statement: as in the scanner import, large enough that thousands take a handful
// of round trips, small enough that one statement's JSON stays a few MB.
const CHUNK = 2_000;

interface Prepared extends ValidFinding {
  key: string;
  hash: string;
}

interface ExistingRow {
  id: string;
  dedup_key: string;
  safeguard: Safeguard;
  status: FindingStatus;
}

/**
 * createFinding for many findings in one transaction, for analyzers that report hundreds or
 * thousands per run. The same rules and identity: with tool + toolId a finding has the dedup
 * key createFinding gives it, and recording it again only moves last_seen; a `fixed` one
 * reported again is reopened (a `reopened` event), as in the scanner import, while
 * accepted_risk and false_positive keep their status. New findings get their SLA due date and
 * a `created` event. One audit entry covers the batch (when it created or reopened anything).
 *
 * Every input is validated, and every asset checked, before anything is written: one bad
 * input fails the batch with an error naming it (`findings.3.title: required`). Results are in
 * input order; an input repeating an earlier one's key gets the same finding.
 */
export async function recordFindings(
  ctx: CoreContext,
  inputs: readonly FindingInput[],
  actor: string,
): Promise<RecordedFinding[]> {
  const prepared = inputs.map(prepare);
  if (prepared.length === 0) return [];
  const now = ctx.clock.now();
  // The first input with a key is the one stored; repeats point at its finding.
  const firstOfKey = new Map<string, number>();
  prepared.forEach((p, i) => {
    if (!firstOfKey.has(p.key)) firstOfKey.set(p.key, i);
  });
  const unique = [...firstOfKey.values()].map((i) => prepared[i]!);
  return ctx.db.transaction(async (tx) => {
    await requireAssets(tx, prepared);
    const byKey = new Map<string, RecordedFinding>();
    const texts = new Map<string, number>();
    for (let i = 0; i < unique.length; i += CHUNK) {
      const chunk = unique.slice(i, i + CHUNK);
      for (const [key, r] of await recordChunk(tx, ctx, chunk, { now, actor, texts }))
        byKey.set(key, r);
    }
    const results = prepared.map((p, i) => {
      const r = byKey.get(p.key)!;
      return firstOfKey.get(p.key) === i ? r : { id: r.id, created: false, reopened: false };
    });
    const created = results.filter((r) => r.created).length;
    const reopened = results.filter((r) => r.reopened).length;
    if (created + reopened > 0) {
      await ctx.audit.append(
        {
          actor,
          action: 'findings.record',
          target: null,
          detail: {
            tools: distinct(unique.map((p) => p.tool ?? p.source)),
            safeguards: distinct(unique.map((p) => p.safeguard)),
            created,
            seen: unique.length - created,
            reopened,
          },
        },
        tx,
      );
      await refreshSnapshots(tx, now);
    }
    return results;
  });
}

function distinct<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** Validates one input as createFinding does, naming its position in the batch on error. */
function prepare(input: FindingInput, index: number): Prepared {
  let v: ValidFinding;
  try {
    v = validateFindingInput(input);
  } catch (err) {
    const detail = err instanceof HttpError && Array.isArray(err.details) ? err.details[0] : null;
    if (isFieldError(detail))
      throw invalidInput(`findings.${index}.${detail.where}`, detail.message);
    throw err;
  }
  const key =
    v.tool && v.toolId
      ? dedupKey({ tool: v.tool, assetId: v.assetId, toolId: v.toolId, location: v.location })
      : uniqueKey();
  return { ...v, key, hash: textHash(v) };
}

function isFieldError(d: unknown): d is { where: string; message: string } {
  return typeof d === 'object' && d !== null && 'where' in d && 'message' in d;
}

async function requireAssets(tx: Queryable, prepared: readonly Prepared[]): Promise<void> {
  const wanted = distinct(prepared.flatMap((p) => (p.assetId ? [p.assetId] : [])));
  if (wanted.length === 0) return;
  const found = new Set(
    (
      await tx.query<{ id: string }>('SELECT id FROM assets WHERE id = ANY($1::uuid[])', [wanted])
    ).map((r) => r.id),
  );
  const index = prepared.findIndex((p) => p.assetId && !found.has(p.assetId));
  if (index >= 0)
    throw invalidInput(`findings.${index}.assetId`, `no asset ${prepared[index]!.assetId}`);
}

/** One chunk of unique keys: insert the new, move last_seen on the known, reopen the fixed. */
async function recordChunk(
  tx: Queryable,
  ctx: CoreContext,
  chunk: readonly Prepared[],
  run: { now: Date; actor: string; texts: Map<string, number> },
): Promise<Map<string, RecordedFinding>> {
  const out = new Map<string, RecordedFinding>();
  const existing = await findExisting(
    tx,
    chunk.filter((p) => p.toolId).map((p) => p.key),
  );
  const fresh = chunk.filter((p) => !existing.has(p.key));
  if (fresh.length) {
    await textIds(tx, fresh, run.texts);
    const added = await insertFresh(tx, ctx, fresh, run);
    for (const p of fresh) {
      const id = added.get(p.key);
      if (id) out.set(p.key, { id, created: true, reopened: false });
    }
    // Keys another transaction inserted meanwhile (ON CONFLICT DO NOTHING skipped them) are
    // findings that exist: treat them as seen.
    const raced = fresh.filter((p) => !added.has(p.key)).map((p) => p.key);
    for (const [key, row] of await findExisting(tx, raced)) existing.set(key, row);
  }
  const known = [...existing.values()];
  if (known.length === 0) return out;
  await tx.query(
    `INSERT INTO finding_sightings (finding_id, safeguard, last_seen)
     SELECT id, safeguard, $3::timestamptz FROM unnest($1::uuid[], $2::text[]) AS t(id, safeguard)
     ON CONFLICT (finding_id) DO UPDATE SET last_seen = EXCLUDED.last_seen`,
    [known.map((k) => k.id), known.map((k) => k.safeguard), run.now],
  );
  const fixed = known.filter((k) => k.status === 'fixed').map((k) => k.id);
  const reopened = new Set(
    fixed.length
      ? (
          await tx.query<{ id: string }>(
            `UPDATE findings SET status = 'open', fixed_at = NULL, updated_at = $2
             WHERE id = ANY($1::uuid[]) AND status = 'fixed' RETURNING id`,
            [fixed, run.now],
          )
        ).map((r) => r.id)
      : [],
  );
  const toolOf = new Map(chunk.map((p) => [p.key, p.tool ?? p.source]));
  await recordFindingEvents(
    tx,
    known
      .filter((k) => reopened.has(k.id))
      .map((k) => ({
        findingId: k.id,
        at: run.now,
        actor: run.actor,
        kind: 'reopened',
        from: 'fixed',
        to: 'open',
        note: `reported again by ${toolOf.get(k.dedup_key)}`,
      })),
  );
  for (const k of known)
    out.set(k.dedup_key, { id: k.id, created: false, reopened: reopened.has(k.id) });
  return out;
}

async function findExisting(
  tx: Queryable,
  keys: readonly string[],
): Promise<Map<string, ExistingRow>> {
  if (keys.length === 0) return new Map();
  const rows = await tx.query<ExistingRow>(
    'SELECT id, dedup_key, safeguard, status FROM findings WHERE dedup_key = ANY($1::uuid[])',
    [keys],
  );
  return new Map(rows.map((r) => [r.dedup_key, r]));
}

/** New findings with their sightings and `created` events, in one statement; ids by key. */
async function insertFresh(
  tx: Queryable,
  ctx: CoreContext,
  fresh: readonly Prepared[],
  run: { now: Date; actor: string; texts: Map<string, number> },
): Promise<Map<string, string>> {
  const rows = fresh.map((p) => ({
    dedup_key: p.key,
    safeguard: p.safeguard,
    source: p.source,
    tool: p.tool,
    tool_id: p.toolId,
    title: p.title,
    text_id: run.texts.get(p.hash),
    severity: p.severity,
    cvss_score: p.cvssScore,
    cvss_vector: p.cvssVector,
    cves: p.cves,
    cwes: p.cwes,
    asset_id: p.assetId,
    location: p.location,
    evidence: p.evidence,
    assignee: p.assignee,
    due_at: dueDate(ctx.sla, p.severity, run.now)?.toISOString() ?? null,
  }));
  const added = await tx.query<{ id: string; dedup_key: string }>(
    `WITH added AS (
       INSERT INTO findings (safeguard, source, tool, tool_id, title, text_id, severity, cvss_score,
         cvss_vector, cves, cwes, asset_id, location, evidence, assignee, first_seen, due_at, dedup_key,
         updated_at, created_by)
       SELECT safeguard, source, tool, tool_id, title, text_id, severity, cvss_score,
         cvss_vector, coalesce(cves, '{}'), coalesce(cwes, '{}'), asset_id, location, evidence, assignee,
         $2::timestamptz, due_at, dedup_key, $2::timestamptz, $3::text
       FROM json_to_recordset($1::json) AS t(dedup_key uuid, safeguard text, source text, tool text,
         tool_id text, title text, text_id int, severity text, cvss_score numeric, cvss_vector text,
         cves text[], cwes text[], asset_id uuid, location text, evidence text, assignee text,
         due_at timestamptz)
       ON CONFLICT (dedup_key) DO NOTHING
       RETURNING id, dedup_key, safeguard, source
     ), sightings AS (
       INSERT INTO finding_sightings (finding_id, safeguard, last_seen)
       SELECT id, safeguard, $2::timestamptz FROM added
     ), events AS (
       INSERT INTO finding_events (finding_id, at, actor, kind, to_value, note)
       SELECT id, $2::timestamptz, $3::text, 'created', 'open', source FROM added
     )
     SELECT id, dedup_key FROM added`,
    [JSON.stringify(rows), run.now, run.actor],
  );
  return new Map(added.map((r) => [r.dedup_key, r.id]));
}

import {
  SAFEGUARDS,
  SEVERITIES,
  type FindingDetail,
  type Safeguard,
  type Severity,
} from '../../api-types.ts';
import type { CoreContext } from '../context.ts';
import { isUuid } from '../../platform/db/index.ts';
import { invalidInput } from '../errors.ts';
import { refreshSnapshots } from '../posture/snapshots.ts';
import { dedupKey, uniqueKey } from './dedup-key.ts';
import { requireFinding } from './finding-detail.ts';
import { recordFindingEvents } from './finding-events.ts';
import { MAX_TITLE, textHash, textIds } from './finding-texts.ts';
import { dueDate } from './sla.ts';

/** A finding recorded by a person (manual) or by an analyzer of a safeguard. */
export interface FindingInput {
  safeguard: Safeguard;
  source?: 'manual' | 'analyzer';
  /** The analyzer or tool that found it. With toolId it makes the finding idempotent (see below). */
  tool?: string | null;
  toolId?: string | null;
  title: string;
  description?: string;
  solution?: string | null;
  severity: Severity;
  cvssScore?: number | null;
  cvssVector?: string | null;
  cves?: string[];
  cwes?: string[];
  assetId?: string | null;
  /** Where on the asset, e.g. `443/tcp` or a URL path. */
  location?: string | null;
  evidence?: string | null;
  assignee?: string | null;
}

const CVE = /^CVE-\d{4}-\d{4,}$/;
const CWE = /^CWE-\d+$/;

/**
 * Records a finding with its due date from the SLA, a `created` event and an audit entry. With
 * a tool and toolId the finding has a stable identity (like scanner findings): recording it
 * again only moves last_seen and returns the existing one with created=false, so analyzers can
 * report what they see on every run.
 */
export async function createFinding(
  ctx: CoreContext,
  input: FindingInput,
  actor: string,
): Promise<{ finding: FindingDetail; created: boolean }> {
  const v = validateFindingInput(input);
  const now = ctx.clock.now();
  const key =
    v.tool && v.toolId
      ? dedupKey({ tool: v.tool, assetId: v.assetId, toolId: v.toolId, location: v.location })
      : uniqueKey();
  return ctx.db.transaction(async (tx) => {
    if (v.assetId) {
      const [asset] = await tx.query('SELECT 1 FROM assets WHERE id = $1', [v.assetId]);
      if (!asset) throw invalidInput('assetId', `no asset ${v.assetId}`);
    }
    const text = { title: v.title, description: v.description, solution: v.solution };
    const hash = textHash(text);
    const textId = (await textIds(tx, [{ ...text, hash }])).get(hash) ?? null;
    const [row] = await tx.query<{ id: string; inserted: boolean }>(
      `INSERT INTO findings (safeguard, source, tool, tool_id, title, text_id, severity, cvss_score,
         cvss_vector, cves, cwes, asset_id, location, evidence, assignee, first_seen, due_at, dedup_key, updated_at,
         created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $16, $19)
       ON CONFLICT (dedup_key) DO UPDATE SET dedup_key = EXCLUDED.dedup_key
       RETURNING id, (xmax = 0) AS inserted`,
      [
        v.safeguard,
        v.source,
        v.tool,
        v.toolId,
        v.title,
        textId,
        v.severity,
        v.cvssScore,
        v.cvssVector,
        v.cves,
        v.cwes,
        v.assetId,
        v.location,
        v.evidence,
        v.assignee,
        now,
        dueDate(ctx.sla, v.severity, now),
        key,
        actor,
      ],
    );
    const id = row!.id;
    await tx.query(
      `INSERT INTO finding_sightings (finding_id, safeguard, last_seen) VALUES ($1, $2, $3)
       ON CONFLICT (finding_id) DO UPDATE SET last_seen = EXCLUDED.last_seen`,
      [id, v.safeguard, now],
    );
    if (row!.inserted) {
      await recordFindingEvents(tx, [
        { findingId: id, at: now, actor, kind: 'created', to: 'open', note: v.source },
      ]);
      await ctx.audit.append(
        {
          actor,
          action: 'finding.create',
          target: id,
          detail: { title: v.title, severity: v.severity },
        },
        tx,
      );
      await refreshSnapshots(tx, now);
    }
    return { finding: await requireFinding(tx, id, now), created: row!.inserted };
  });
}

export type ValidFinding = Required<{
  [K in keyof FindingInput]: Exclude<FindingInput[K], undefined>;
}> & {
  source: 'manual' | 'analyzer';
};

/** Checks and normalises; errors name the field. Also guards callers that bypass the HTTP schema. */
export function validateFindingInput(input: FindingInput): ValidFinding {
  if (!SAFEGUARDS.includes(input.safeguard))
    throw invalidInput('safeguard', `must be one of ${SAFEGUARDS.join(', ')}`);
  if (!SEVERITIES.includes(input.severity))
    throw invalidInput('severity', `must be one of ${SEVERITIES.join(', ')}`);
  const title = input.title?.trim() ?? '';
  if (!title) throw invalidInput('title', 'required');
  if (title.length > MAX_TITLE) throw invalidInput('title', `at most ${MAX_TITLE} characters`);
  const cvss = input.cvssScore ?? null;
  if (cvss !== null && !(Number.isFinite(cvss) && cvss >= 0 && cvss <= 10))
    throw invalidInput('cvssScore', 'must be between 0 and 10');
  const cves = (input.cves ?? []).map((c) => c.trim().toUpperCase());
  cves.forEach((c, i) => {
    if (!CVE.test(c))
      throw invalidInput(
        `cves.${i}`,
        `expected an id like CVE-2024-12345, got ${JSON.stringify(c)}`,
      );
  });
  const cwes = (input.cwes ?? []).map((c) =>
    /^\d+$/.test(c.trim()) ? `CWE-${c.trim()}` : c.trim().toUpperCase(),
  );
  cwes.forEach((c, i) => {
    if (!CWE.test(c))
      throw invalidInput(`cwes.${i}`, `expected an id like CWE-79, got ${JSON.stringify(c)}`);
  });
  const assetId = input.assetId ?? null;
  if (assetId !== null && !isUuid(assetId))
    throw invalidInput('assetId', 'must be an asset id (uuid)');
  const source = input.source ?? 'manual';
  if (source !== 'manual' && source !== 'analyzer')
    throw invalidInput('source', 'must be manual or analyzer');
  if (input.toolId && !input.tool) throw invalidInput('tool', 'required with toolId');
  return {
    safeguard: input.safeguard,
    source,
    tool: input.tool?.trim() || null,
    toolId: input.toolId?.trim() || null,
    title,
    description: input.description?.trim() ?? '',
    solution: input.solution?.trim() || null,
    severity: input.severity,
    cvssScore: cvss,
    cvssVector: input.cvssVector?.trim() || null,
    cves: [...new Set(cves)],
    cwes: [...new Set(cwes)],
    assetId,
    location: input.location?.trim() || null,
    evidence: input.evidence ?? null,
    assignee: input.assignee?.trim() || null,
  };
}

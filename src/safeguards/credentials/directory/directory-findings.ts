import type { DirectoryCheck } from '../../../api-types.ts';
import type { Core } from '../../../core/index.ts';
import type { Database } from '../../../platform/db/index.ts';
import { checkText, problemEvidence } from './check-texts.ts';
import { SOURCE_NAMES } from './column-resolve.ts';
import { CHECK_SEVERITY, type AccountProblem, type DirectoryAudit } from './directory-checks.ts';
import type { DirectoryExport } from './directory-parse.ts';

export const DIRECTORY_TOOL = 'ward-directory';

export type FindingCore = Pick<Core, 'recordFindings' | 'updateFindingsStatus'>;

interface TrackedRow {
  account: string;
  check_name: DirectoryCheck;
  finding_id: string;
}

export interface FindingsContext {
  db: Database;
  core: FindingCore;
  actor: string;
  now: Date;
  staleDays: number;
}

/**
 * Records each problem as a finding on its account's asset, all in one batch. tool + toolId
 * (the check) make it idempotent: a problem seen again only moves last_seen; one that was fixed
 * and is back is reopened. Returns how many findings were opened: new to this import's
 * tracking, or reopened.
 */
export async function recordProblems(
  ctx: FindingsContext,
  exp: DirectoryExport,
  problems: readonly AccountProblem[],
  assetIds: ReadonlyMap<string, string>,
): Promise<number> {
  const known = new Set(
    (
      await ctx.db.query<{ finding_id: string }>(
        'SELECT DISTINCT finding_id FROM creds_directory_findings',
      )
    ).map((r) => r.finding_id),
  );
  const recorded = await ctx.core.recordFindings(
    problems.map((problem) => ({
      safeguard: 'credentials' as const,
      source: 'analyzer' as const,
      tool: DIRECTORY_TOOL,
      toolId: problem.check,
      severity: CHECK_SEVERITY[problem.check],
      ...checkText(problem, ctx.staleDays),
      assetId: assetIds.get(problem.account.name.toLowerCase()) ?? null,
      evidence: problemEvidence(problem, exp.source, exp.fileName),
    })),
    ctx.actor,
  );
  let opened = 0;
  const tracked = problems.map((problem, i) => {
    const finding = recorded[i]!;
    // Counted once, even if the export lists the account twice.
    if (finding.reopened || !known.has(finding.id)) opened++;
    known.add(finding.id);
    return {
      account: problem.account.name.toLowerCase(),
      check: problem.check,
      findingId: finding.id,
    };
  });
  if (tracked.length) {
    await ctx.db.query(
      `INSERT INTO creds_directory_findings (source, account, check_name, finding_id, active, updated_at)
       SELECT $1, t.account, t.check_name, t.finding_id::uuid, true, $5
       FROM unnest($2::text[], $3::text[], $4::text[]) AS t(account, check_name, finding_id)
       ON CONFLICT (source, account, check_name) DO UPDATE
         SET finding_id = EXCLUDED.finding_id, active = true, updated_at = EXCLUDED.updated_at`,
      [
        exp.source,
        tracked.map((t) => t.account),
        tracked.map((t) => t.check),
        tracked.map((t) => t.findingId),
        ctx.now,
      ],
    );
  }
  return opened;
}

/**
 * Closes what got better: for the accounts in this export, the problems this source reported
 * before and no longer reports (the user registered MFA, the account was disabled) are marked
 * fixed, unless another source still reports them. Only checks this export could judge are
 * closed (an export without a leavers list says nothing about leavers), except that a disabled
 * account settles every check. Accounts missing from the export are left alone: it may be a
 * partial export. Findings someone accepted or marked false positive keep their status.
 */
export async function closeResolved(
  ctx: FindingsContext,
  exp: DirectoryExport,
  audit: DirectoryAudit,
): Promise<number> {
  const rows = await ctx.db.query<TrackedRow>(
    'SELECT account, check_name, finding_id FROM creds_directory_findings WHERE source = $1 AND active',
    [exp.source],
  );
  const current = new Set(audit.problems.map((p) => `${p.account.name.toLowerCase()}\n${p.check}`));
  const inExport = new Map(exp.accounts.map((a) => [a.name.toLowerCase(), a]));
  const resolved = rows.filter((r) => {
    const account = inExport.get(r.account);
    if (!account || current.has(`${r.account}\n${r.check_name}`)) return false;
    return !account.enabled || audit.evaluated.includes(r.check_name);
  });
  if (resolved.length === 0) return 0;
  await ctx.db.query(
    `UPDATE creds_directory_findings SET active = false, updated_at = $4
     FROM unnest($2::text[], $3::text[]) AS t(account, check_name)
     WHERE source = $1 AND creds_directory_findings.account = t.account
       AND creds_directory_findings.check_name = t.check_name`,
    [exp.source, resolved.map((r) => r.account), resolved.map((r) => r.check_name), ctx.now],
  );
  const stillReported = new Set(
    (
      await ctx.db.query<{ finding_id: string }>(
        'SELECT DISTINCT finding_id FROM creds_directory_findings WHERE active AND finding_id = ANY($1::uuid[])',
        [resolved.map((r) => r.finding_id)],
      )
    ).map((r) => r.finding_id),
  );
  const toClose = [...new Set(resolved.map((r) => r.finding_id))].filter(
    (id) => !stillReported.has(id),
  );
  // Only open and in-progress findings change: accepted risks and false positives stay.
  const fixed = await ctx.core.updateFindingsStatus(toClose, 'fixed', ctx.actor, {
    note: `no longer reported by ${SOURCE_NAMES[exp.source]} export ${exp.fileName}`,
  });
  return fixed.length;
}

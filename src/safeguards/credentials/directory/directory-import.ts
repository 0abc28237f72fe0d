import type {
  DirectoryImportResult,
  DirectorySource,
  MfaCoveragePoint,
} from '../../../api-types.ts';
import type { AuditLog } from '../../../platform/audit/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Database } from '../../../platform/db/index.ts';
import { resolveAccountAssets, type AssetCore } from './account-assets.ts';
import { auditDirectory, DEFAULT_STALE_DAYS, type DirectoryAudit } from './directory-checks.ts';
import type { ColumnMapping } from './directory-fields.ts';
import { closeResolved, recordProblems, type FindingCore } from './directory-findings.ts';
import { parseDirectoryExport } from './directory-parse.ts';
import { recordMfaSnapshot } from './mfa-coverage.ts';
import { parseTerminations } from './terminations.ts';

export interface DirectoryDeps {
  db: Database;
  core: AssetCore & FindingCore;
  audit: AuditLog;
  clock: Clock;
}

export interface DirectoryImportInput {
  fileName: string;
  text: string | Buffer;
  source?: DirectorySource | 'auto';
  mapping?: ColumnMapping;
  /** HR's leavers list, for leaver_enabled. */
  terminations?: { fileName: string; text: string | Buffer };
  /** Days without a sign-in after which an enabled account is stale (default 90). */
  staleDays?: number;
  actor: string;
}

/**
 * DirectoryImportResult, and whether the export had MFA data. Without it (AD on its own) the
 * MFA counts of `coverage` are 0 meaning "unknown", no snapshot is stored, and no_mfa and
 * privileged_no_mfa are absent from `checks`.
 */
export interface DirectoryImportOutcome extends DirectoryImportResult {
  mfaKnown: boolean;
}

/**
 * Imports a user export: every problem becomes (or confirms) a finding on the account's asset,
 * problems that went away are closed, and the import, its MFA coverage and an audit entry are
 * stored. Both files are read and judged before anything is written, so a bad file stores
 * nothing.
 */
export async function importDirectory(
  deps: DirectoryDeps,
  input: DirectoryImportInput,
): Promise<DirectoryImportOutcome> {
  const exp = parseDirectoryExport(input);
  const terminations = input.terminations ? parseTerminations(input.terminations) : undefined;
  const now = deps.clock.now();
  const staleDays = input.staleDays ?? DEFAULT_STALE_DAYS;
  const audit = auditDirectory(exp, { now, staleDays, terminations });

  const problemAccounts = [...new Set(audit.problems.map((p) => p.account))];
  const assetIds = await resolveAccountAssets(deps.core, problemAccounts, input.actor);
  const ctx = { db: deps.db, core: deps.core, actor: input.actor, now, staleDays };
  const opened = await recordProblems(ctx, exp, audit.problems, assetIds);
  const fixed = await closeResolved(ctx, exp, audit);

  const id = await deps.db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO creds_directory_imports (source, file_name, users, enabled_users, checks, findings_opened,
         findings_fixed, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        exp.source,
        exp.fileName,
        audit.users,
        audit.enabledUsers,
        JSON.stringify(audit.counts),
        opened,
        fixed,
        input.actor,
        now,
      ],
    );
    const importId = row!.id;
    await recordMfaSnapshot(tx, {
      importId,
      source: exp.source,
      at: now,
      coverage: audit.coverage,
    });
    await deps.audit.append(
      {
        actor: input.actor,
        action: 'credentials.directory.import',
        target: importId,
        detail: {
          source: exp.source,
          fileName: exp.fileName,
          terminations: terminations?.fileName ?? null,
          users: audit.users,
          enabledUsers: audit.enabledUsers,
          checks: audit.counts,
          findingsOpened: opened,
          findingsFixed: fixed,
        },
      },
      tx,
    );
    return importId;
  });
  return {
    id,
    source: exp.source,
    fileName: exp.fileName,
    users: audit.users,
    enabledUsers: audit.enabledUsers,
    checks: audit.counts,
    findingsOpened: opened,
    findingsFixed: fixed,
    coverage: coveragePoint(audit, exp.source, now),
    mfaKnown: exp.mfaKnown,
  };
}

function coveragePoint(audit: DirectoryAudit, source: DirectorySource, at: Date): MfaCoveragePoint {
  const c = audit.coverage;
  return {
    at: at.toISOString(),
    source,
    users: c.users,
    usersWithMfa: c.usersWithMfa ?? 0,
    privileged: c.privileged,
    privilegedWithMfa: c.privilegedWithMfa ?? 0,
    phishingResistant: c.phishingResistant ?? 0,
  };
}

import type { DirectorySource, MfaCoveragePoint } from '../../../api-types.ts';
import type { Queryable, SqlParam } from '../../../platform/db/index.ts';
import type { CoverageCounts } from './directory-checks.ts';

export interface MfaCoverageQuery {
  source?: DirectorySource;
  /** Only points of the last `days` days before `now`. */
  days?: number;
  /** Default: the current time. */
  now?: Date;
}

interface SnapshotRow {
  taken_at: Date | string;
  source: DirectorySource;
  users: number;
  users_with_mfa: number;
  privileged: number;
  privileged_with_mfa: number;
  phishing_resistant: number;
}

/** MFA coverage of enabled users, one point per import that had MFA data, oldest first. */
export async function listMfaCoverage(
  db: Queryable,
  query: MfaCoverageQuery = {},
): Promise<MfaCoveragePoint[]> {
  const clauses: string[] = [];
  const params: SqlParam[] = [];
  if (query.source) {
    params.push(query.source);
    clauses.push(`source = $${params.length}`);
  }
  if (query.days !== undefined) {
    if (!Number.isFinite(query.days) || query.days <= 0)
      throw new RangeError(`days must be a positive number, got ${query.days}`);
    const now = query.now ?? new Date();
    params.push(new Date(now.getTime() - query.days * 86_400_000));
    clauses.push(`taken_at >= $${params.length}`);
  }
  const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
  const rows = await db.query<SnapshotRow>(
    `SELECT taken_at, source, users, users_with_mfa, privileged, privileged_with_mfa, phishing_resistant
     FROM creds_mfa_snapshots ${where} ORDER BY taken_at, id`,
    params,
  );
  return rows.map((r) => ({
    at: new Date(r.taken_at).toISOString(),
    source: r.source,
    users: Number(r.users),
    usersWithMfa: Number(r.users_with_mfa),
    privileged: Number(r.privileged),
    privilegedWithMfa: Number(r.privileged_with_mfa),
    phishingResistant: Number(r.phishing_resistant),
  }));
}

/** Writes the snapshot of one import; nothing when the export had no MFA data. */
export async function recordMfaSnapshot(
  tx: Queryable,
  input: { importId: string; source: DirectorySource; at: Date; coverage: CoverageCounts },
): Promise<void> {
  const c = input.coverage;
  if (c.usersWithMfa === null || c.privilegedWithMfa === null || c.phishingResistant === null)
    return;
  await tx.query(
    `INSERT INTO creds_mfa_snapshots (source, taken_at, users, users_with_mfa, privileged, privileged_with_mfa,
       phishing_resistant, import_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      input.source,
      input.at,
      c.users,
      c.usersWithMfa,
      c.privileged,
      c.privilegedWithMfa,
      c.phishingResistant,
      input.importId,
    ],
  );
}

import type {
  CredentialAuditDetail,
  CredentialAuditFinding,
  CredentialAuditRun,
  CredentialCategory,
  CredentialFileFormat,
  Severity,
} from '../../api-types.ts';
import type { Core } from '../../core/index.ts';
import type { Database } from '../../platform/db/index.ts';
import { auditCredentials } from './audit/index.ts';
import type { BreachedLookup } from './breached-lookup.ts';

/** A finished audit as the analyzer returns it (see audit/index.ts). */
export interface AuditOutcome {
  fileName: string;
  format: CredentialFileFormat;
  accounts: number;
  summary: Partial<Record<CredentialCategory, number>>;
  algorithms: Record<string, number>;
  findings: CredentialAuditFinding[];
  skippedLines: ReadonlyArray<{ line: number; reason: string }>;
}

export interface AuditRunDeps {
  db: Database;
  core: Pick<Core, 'findOrCreateAssets' | 'createFinding' | 'listFindings' | 'updateFinding'>;
}

const TOOL = 'ward-credential-audit';
// Names listed in a finding's evidence; the run itself keeps every account.
const EVIDENCE_ACCOUNTS = 50;

const CATEGORY: Record<
  CredentialCategory,
  { severity: Severity; title: string; solution: string }
> = {
  empty: {
    severity: 'critical',
    title: 'Accounts with an empty password',
    solution: 'Set a password (or disable the account) and find out how it came to have none.',
  },
  lm_hash: {
    severity: 'high',
    title: 'LM password hashes stored',
    solution:
      'Enable "Network security: Do not store LAN Manager hash value on next password change" and have these accounts change their password.',
  },
  breached: {
    severity: 'high',
    title: 'Passwords found in breach corpora',
    solution: 'Force a password change for these accounts; attackers try breached passwords first.',
  },
  username_as_password: {
    severity: 'high',
    title: 'Passwords equal to the user name',
    solution: 'Force a password change; block user names in the password filter.',
  },
  dictionary: {
    severity: 'high',
    title: 'Passwords built on dictionary or local words',
    solution:
      'Force a password change; add the blocklist to the password filter (Ward /range API or Lithnet).',
  },
  shared_password: {
    severity: 'medium',
    title: 'Accounts sharing one password',
    solution:
      'Give each account its own password; shared passwords let one stolen credential open several accounts.',
  },
  weak_storage: {
    severity: 'high',
    title: 'Passwords stored with a weak algorithm',
    solution:
      'Store passwords with argon2id (m=19456 KiB, t=2, p=1) or bcrypt (cost 10+); rehash at next login.',
  },
};

/** The upload could not be read as the format it claims (or any format); the message says where. */
export class CredentialFileError extends Error {
  override name = 'CredentialFileError';
}

export interface AuditRequest {
  fileName: string;
  data: Buffer;
  format: CredentialFileFormat | 'auto';
  /** The audited system, the asset the findings go to (default: the file name). */
  system?: string | undefined;
  csv?: { userColumn?: string | undefined; hashColumn?: string | undefined };
  actor: string;
}

/**
 * Audits an uploaded dump and records the outcome. The dump itself is analysed in memory and
 * dropped; only account names, categories and details are stored.
 */
export async function runCredentialAudit(
  deps: AuditRunDeps & {
    checks: {
      corpus: { lookup: BreachedLookup };
      words(): { dictionary: readonly string[]; context: readonly string[] };
    };
  },
  request: AuditRequest,
): Promise<CredentialAuditDetail> {
  let outcome: AuditOutcome;
  try {
    outcome = await auditCredentials(
      { text: request.data, fileName: request.fileName, format: request.format, csv: request.csv },
      { breached: deps.checks.corpus.lookup, words: deps.checks.words() },
    );
  } catch (err) {
    // The analyzer's messages already start with the file name and line.
    throw new CredentialFileError((err as Error).message, { cause: err });
  }
  // Every line skipped means the file is not what it claims to be; storing an empty audit
  // would read as "nothing wrong".
  const firstSkip = outcome.skippedLines[0];
  if (outcome.accounts === 0 && firstSkip) {
    throw new CredentialFileError(
      `${request.fileName}: no account could be read (${outcome.skippedLines.length} lines skipped); line ${firstSkip.line}: ${firstSkip.reason}`,
    );
  }
  return recordAuditRun(deps, {
    outcome,
    system: request.system || request.fileName,
    actor: request.actor,
  });
}

/**
 * Stores an audit (account names, categories and details only: the analyzer never returns a
 * password or a full hash) and turns each category into one finding on the system that was
 * audited. One finding per category, not per account: a 30,000-account directory would
 * otherwise bury the work queue; the finding's evidence and the run list the accounts. A
 * category that is gone in the next audit of the same system closes its finding.
 */
export async function recordAuditRun(
  deps: AuditRunDeps,
  input: { outcome: AuditOutcome; system: string; actor: string },
): Promise<CredentialAuditDetail> {
  const { outcome, actor } = input;
  const [row] = await deps.db.query<RunRow>(
    `INSERT INTO creds_audit_runs (file_name, format, accounts, summary, algorithms, findings, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${RUN_COLUMNS}`,
    [
      outcome.fileName,
      outcome.format,
      outcome.accounts,
      JSON.stringify(outcome.summary),
      JSON.stringify(outcome.algorithms),
      JSON.stringify(outcome.findings),
      actor,
    ],
  );
  const [asset] = await deps.core.findOrCreateAssets(
    [{ type: 'application', name: input.system }],
    actor,
  );
  const seen = new Set<CredentialCategory>();
  for (const [category, accounts] of groupByCategory(outcome.findings)) {
    seen.add(category);
    const spec = CATEGORY[category];
    await deps.core.createFinding(
      {
        safeguard: 'credentials',
        source: 'analyzer',
        tool: TOOL,
        toolId: category,
        assetId: asset!.id,
        title: spec.title,
        severity: spec.severity,
        description: `${accounts.length} of ${outcome.accounts} accounts in ${outcome.fileName} (${category}).`,
        solution: spec.solution,
        evidence: describeAccounts(accounts),
      },
      actor,
    );
  }
  await closeResolved(deps, asset!.id, seen, actor);
  return { ...toRun(row!), findings: outcome.findings };
}

export async function listAuditRuns(db: Database, limit = 50): Promise<CredentialAuditRun[]> {
  const rows = await db.query<RunRow>(
    `SELECT ${RUN_COLUMNS} FROM creds_audit_runs ORDER BY created_at DESC, id LIMIT $1`,
    [limit],
  );
  return rows.map(toRun);
}

export async function getAuditRun(db: Database, id: string): Promise<CredentialAuditDetail | null> {
  const [row] = await db.query<RunRow & { findings: CredentialAuditFinding[] }>(
    `SELECT ${RUN_COLUMNS}, findings FROM creds_audit_runs WHERE id = $1`,
    [id],
  );
  return row ? { ...toRun(row), findings: row.findings } : null;
}

function groupByCategory(
  findings: readonly CredentialAuditFinding[],
): Map<CredentialCategory, string[]> {
  const groups = new Map<CredentialCategory, string[]>();
  for (const f of findings) {
    const list = groups.get(f.category) ?? [];
    list.push(f.account);
    groups.set(f.category, list);
  }
  return groups;
}

function describeAccounts(accounts: readonly string[]): string {
  const shown = accounts.slice(0, EVIDENCE_ACCOUNTS).join(', ');
  const more = accounts.length - EVIDENCE_ACCOUNTS;
  return more > 0 ? `${shown} and ${more} more (see the audit run)` : shown;
}

async function closeResolved(
  deps: AuditRunDeps,
  assetId: string,
  seen: ReadonlySet<CredentialCategory>,
  actor: string,
): Promise<void> {
  const open = await deps.core.listFindings({
    assetId,
    safeguard: ['credentials'],
    status: ['open', 'in_progress'],
    limit: 500,
  });
  for (const f of open.items) {
    if (f.tool !== TOOL) continue;
    const category = Object.entries(CATEGORY).find(([, s]) => s.title === f.title)?.[0];
    if (category && !seen.has(category as CredentialCategory)) {
      await deps.core.updateFinding(f.id, { status: 'fixed' }, actor);
    }
  }
}

const RUN_COLUMNS = 'id, file_name, format, accounts, summary, algorithms, created_by, created_at';

interface RunRow {
  id: string;
  file_name: string;
  format: CredentialFileFormat;
  accounts: number;
  summary: Partial<Record<CredentialCategory, number>>;
  algorithms: Record<string, number>;
  created_by: string;
  created_at: Date | string;
}

function toRun(row: RunRow): CredentialAuditRun {
  return {
    id: row.id,
    fileName: row.file_name,
    format: row.format,
    accounts: Number(row.accounts),
    summary: row.summary,
    algorithms: row.algorithms,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

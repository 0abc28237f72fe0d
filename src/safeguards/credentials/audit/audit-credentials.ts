// `ward creds audit FILE`: reads a dump of stored credentials, finds empty, LM, breached,
// user-name, dictionary and shared passwords and weak storage, and reports them per account
// without ever putting a password or a hash into the report.
import type { CredentialFileFormat } from '../../../api-types.ts';
import type { AuditEntry } from './audit-entry.ts';
import { checkBreached } from './breached-checks.ts';
import { buildFindings, summarise } from './findings.ts';
import { decodeDumpText, detectCredentialFormat } from './format-detect.ts';
import { count } from './plural.ts';
import { parseDump } from './parse-dump.ts';
import { checkSalted, DEFAULT_SALTED_BUDGET_MS, saltedWorkUnits } from './salted-checks.ts';
import { describeStoredHash } from './stored-hash.ts';
import type { AuditDeps, AuditInput, CredentialAuditReport } from './types.ts';
import { checkUnsalted } from './unsalted-checks.ts';
import { wordIndexFor } from './word-index.ts';

// Only so many skipped lines are listed; the note gives the full count.
const MAX_SKIPPED_LISTED = 1000;

export async function auditCredentials(
  input: AuditInput,
  deps: AuditDeps,
): Promise<CredentialAuditReport> {
  const text = decodeDumpText(input.text);
  const format: CredentialFileFormat =
    input.format && input.format !== 'auto'
      ? input.format
      : detectCredentialFormat(text, input.fileName);
  const dump = parseDump(text, format, input.fileName, input.csv);
  const year = (deps.now ?? new Date()).getUTCFullYear();
  const index = wordIndexFor(deps.words, year);

  const entries: AuditEntry[] = dump.accounts.map((account) => ({
    account,
    stored: describeStoredHash(account.hash, { format }),
  }));
  const algorithms: Record<string, number> = {};
  for (const e of entries) algorithms[e.stored.algo] = (algorithms[e.stored.algo] ?? 0) + 1;

  const total = entries.length + saltedWorkUnits(entries);
  let done = 0;
  const step = () => deps.onProgress?.(++done, total);
  deps.onProgress?.(0, total);

  const notes = [...dump.notes];
  if (index.dropped) {
    notes.push(
      `${count(index.dropped, 'dictionary word')} past the first ${index.words.length.toLocaleString('en-US')} not tried`,
    );
  }
  const unsalted = await checkUnsalted(entries, index, year, step);
  for (const [algo, n] of unsalted.checked) {
    const candidates = unsalted.tables.reduce((max, t) => Math.max(max, t.size), 0);
    notes.push(
      `${algo}: ${count(n, 'account')} checked against "", user-name variants and ${candidates.toLocaleString('en-US')} dictionary candidates by hash lookup`,
    );
  }
  if (algorithms['plaintext']) {
    notes.push(
      `plaintext: ${count(algorithms['plaintext'], 'password')} checked directly (never shown)`,
    );
  }
  notes.push(
    ...(await checkSalted(
      entries,
      index,
      year,
      deps.saltedBudgetMs ?? DEFAULT_SALTED_BUDGET_MS,
      step,
    )),
  );
  shareKnownPasswords(entries);
  notes.push(...checkBreached(entries, deps.breached));
  if (format === 'csv' && algorithms['empty']) {
    notes.push(
      `${count(algorithms['empty'], 'account')} with no stored hash (no local password, e.g. single sign-on); not reported as empty passwords`,
    );
  }
  const locked = entries.filter((e) => e.stored.algo === 'locked').length;
  if (locked)
    notes.push(`${count(locked, 'account')} locked with no password hash (not a finding)`);

  const findings = buildFindings(entries, { format, index, year });
  if (dump.skippedLines.length > MAX_SKIPPED_LISTED) {
    notes.push(
      `${count(dump.skippedLines.length, 'line')} could not be read; the first ${MAX_SKIPPED_LISTED} are listed`,
    );
  } else if (dump.skippedLines.length) {
    notes.push(`${count(dump.skippedLines.length, 'line')} could not be read (see skippedLines)`);
  }
  deps.onProgress?.(total, total);
  return {
    format,
    fileName: input.fileName,
    accounts: entries.length,
    skippedLines: dump.skippedLines.slice(0, MAX_SKIPPED_LISTED),
    algorithms,
    findings,
    summary: summarise(findings),
    notes,
  };
}

/** Accounts with the same unsalted digest have the same password: share what one revealed. */
function shareKnownPasswords(entries: readonly AuditEntry[]): void {
  const known = new Map<string, string>();
  const keyOf = (e: AuditEntry) =>
    e.stored.digest && Buffer.from(e.stored.digest).toString('base64');
  for (const e of entries) {
    const key = keyOf(e);
    if (key && e.password !== undefined) known.set(key, e.password);
  }
  for (const e of entries) {
    const key = keyOf(e);
    if (key && e.password === undefined && known.has(key)) e.password = known.get(key);
  }
}

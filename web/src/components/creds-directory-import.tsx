import { useId, useState, type FormEvent } from 'react';
import type { DirectoryImportResult, DirectorySource } from '../../../src/api-types.ts';
import { api } from '../api.ts';
import { formatNumber, plural } from '../format.ts';
import { Link } from '../router.tsx';
import { useAnnounce } from './announcer.tsx';
import {
  CHECK_LABEL,
  CHECKS,
  CREDENTIAL_FINDINGS_HREF,
  formatPercent,
  ofTotal,
  SOURCE_LABEL,
} from './creds-labels.ts';
import { ErrorMessage } from './error-message.tsx';

type SourceChoice = 'auto' | DirectorySource;

/**
 * Upload a user export from the directory (and optionally HR's list of leavers). The server checks
 * MFA, stale and leaver accounts, opens or closes findings and records a coverage point.
 */
export function DirectoryImport({
  canUpload,
  onImported,
}: {
  canUpload: boolean;
  onImported: () => void;
}) {
  const [result, setResult] = useState<DirectoryImportResult | null>(null);
  return (
    <section className="panel" aria-labelledby="directory-title">
      <h2 id="directory-title">Directory import</h2>
      <p className="hint">
        A CSV export of the users in Active Directory, Microsoft Entra ID or Okta. Ward checks who
        has MFA, which accounts are stale or belong to leavers, and keeps the findings up to date.
      </p>
      {canUpload ? (
        <DirectoryForm
          onImported={(r) => {
            setResult(r);
            onImported();
          }}
        />
      ) : (
        <p className="notice">Your role can see MFA coverage but not import directory exports.</p>
      )}
      {result && <DirectoryResult result={result} />}
    </section>
  );
}

function DirectoryForm({ onImported }: { onImported: (r: DirectoryImportResult) => void }) {
  const uid = useId();
  const announce = useAnnounce();
  const [file, setFile] = useState<File | null>(null);
  const [terminations, setTerminations] = useState<File | null>(null);
  const [source, setSource] = useState<SourceChoice>('auto');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [inputKey, setInputKey] = useState(0);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      const r = await api.importDirectory(file, source, terminations);
      const problems = Object.values(r.checks).reduce((sum, n) => sum + (n ?? 0), 0);
      announce(
        `Imported ${r.fileName}: ${plural(r.users, 'user')}, ${plural(problems, 'problem')} found, ${plural(r.findingsOpened, 'finding')} opened, ${plural(r.findingsFixed, 'finding')} fixed.`,
      );
      onImported(r);
      setFile(null);
      setTerminations(null);
      // A file input cannot be cleared through its value; new elements are the reliable way.
      setInputKey((k) => k + 1);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} className="form upload-form">
      <div className="form-row">
        <div className="field">
          <label htmlFor={`${uid}-file`}>Directory export</label>
          <input
            key={`file-${inputKey}`}
            id={`${uid}-file`}
            type="file"
            accept=".csv,text/csv"
            required
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${uid}-source`}>Directory</label>
          <select
            id={`${uid}-source`}
            value={source}
            onChange={(e) => setSource(e.target.value as SourceChoice)}
          >
            <option value="auto">Detect automatically</option>
            <option value="ad">{SOURCE_LABEL.ad}</option>
            <option value="entra">{SOURCE_LABEL.entra}</option>
            <option value="okta">{SOURCE_LABEL.okta}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${uid}-terminations`}>Leavers list from HR (optional)</label>
          <input
            key={`terminations-${inputKey}`}
            id={`${uid}-terminations`}
            type="file"
            accept=".csv,text/csv"
            aria-describedby={`${uid}-terminations-hint`}
            onChange={(e) => setTerminations(e.target.files?.[0] ?? null)}
          />
          <p className="hint" id={`${uid}-terminations-hint`}>
            A CSV of people who have left; their accounts should be disabled.
          </p>
        </div>
      </div>
      <ErrorMessage error={error} prefix="The export was not accepted" />
      <div className="actions">
        <button type="submit" disabled={busy || !file}>
          {busy ? 'Importing…' : 'Import directory export'}
        </button>
      </div>
    </form>
  );
}

function DirectoryResult({ result }: { result: DirectoryImportResult }) {
  const titleId = useId();
  const c = result.coverage;
  // The server lists only the checks it could run; a column the export lacks leaves its check out.
  const mfaKnown = 'no_mfa' in result.checks || 'privileged_no_mfa' in result.checks;
  return (
    <section className="directory-result" aria-labelledby={titleId}>
      <h3 id={titleId}>
        Imported from {SOURCE_LABEL[result.source]}: <span className="mono">{result.fileName}</span>
      </h3>
      <dl className="counts">
        <div>
          <dt>Users</dt>
          <dd>{formatNumber(result.users)}</dd>
        </div>
        <div>
          <dt>Enabled</dt>
          <dd>{formatNumber(result.enabledUsers)}</dd>
        </div>
        <div>
          <dt>Findings opened</dt>
          <dd>{formatNumber(result.findingsOpened)}</dd>
        </div>
        <div>
          <dt>Findings fixed</dt>
          <dd>{formatNumber(result.findingsFixed)}</dd>
        </div>
      </dl>
      {mfaKnown ? (
        <p>
          MFA: {formatPercent(c.usersWithMfa, c.users)} of enabled users (
          {ofTotal(c.usersWithMfa, c.users)}),{' '}
          {c.privileged > 0
            ? `${formatPercent(c.privilegedWithMfa, c.privileged)} of privileged users (${ofTotal(c.privilegedWithMfa, c.privileged)})`
            : 'no privileged users'}
          .
        </p>
      ) : (
        <p className="notice">
          This export has no MFA information (Active Directory on its own does not record it), so
          MFA was not checked and the coverage was not updated.
        </p>
      )}
      <div className="table-scroll">
        <table className="data-table">
          <caption>Problems found in this export</caption>
          <thead>
            <tr>
              <th scope="col">Check</th>
              <th scope="col" className="num">
                Accounts
              </th>
            </tr>
          </thead>
          <tbody>
            {CHECKS.map((check) => (
              <tr key={check}>
                <th scope="row">{CHECK_LABEL[check]}</th>
                <td className="num">
                  {result.checks[check] === undefined
                    ? 'Not checked'
                    : formatNumber(result.checks[check])}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <Link to={CREDENTIAL_FINDINGS_HREF}>View the open credential findings</Link>
      </p>
    </section>
  );
}

import { useRef, useState } from 'react';
import type { CredentialAuditDetail, CredentialAuditRun } from '../../../src/api-types.ts';
import { api } from '../api.ts';
import { formatDateTime, formatNumber, plural } from '../format.ts';
import { useResource } from '../hooks.ts';
import { useAnnounce } from './announcer.tsx';
import { CredentialAuditDetailView } from './creds-audit-detail.tsx';
import { CredentialAuditForm } from './creds-audit-form.tsx';
import { CATEGORIES, CATEGORY_LABEL } from './creds-labels.ts';
import { ErrorMessage } from './error-message.tsx';
import { Loading } from './loading.tsx';

const problemsOf = (run: CredentialAuditRun) =>
  Object.values(run.summary).reduce((sum, n) => sum + (n ?? 0), 0);

function describeRun(run: CredentialAuditRun): string {
  const parts = CATEGORIES.filter((c) => (run.summary[c] ?? 0) > 0).map(
    (c) => `${CATEGORY_LABEL[c].toLowerCase()}: ${formatNumber(run.summary[c] ?? 0)}`,
  );
  const found = parts.length > 0 ? `${parts.join('; ')}.` : 'no problems found.';
  return `Audit of ${run.fileName}: ${plural(run.accounts, 'account')} checked, ${found}`;
}

/** Audits of stored password hashes: upload a dump, read past runs, open one run's findings. */
export function CredentialAudit({ canUpload }: { canUpload: boolean }) {
  const announce = useAnnounce();
  const runs = useResource((signal) => api.credentialAudits(signal), []);
  const [shown, setShown] = useState<CredentialAuditDetail | null>(null);
  const [opening, setOpening] = useState<string | null>(null);
  const [openError, setOpenError] = useState<unknown>();
  // Only the last requested run may be shown, however the answers arrive.
  const latestRequest = useRef(0);

  const open = async (run: CredentialAuditRun) => {
    const ticket = ++latestRequest.current;
    setOpening(run.id);
    setOpenError(undefined);
    try {
      const detail = await api.credentialAudit(run.id);
      if (ticket !== latestRequest.current) return;
      setShown(detail);
      announce(describeRun(detail));
    } catch (err) {
      if (ticket === latestRequest.current) setOpenError(err);
    } finally {
      if (ticket === latestRequest.current) setOpening(null);
    }
  };

  return (
    <section className="panel" aria-labelledby="audit-title">
      <h2 id="audit-title">Stored-credential audit</h2>
      <p className="privacy-note">
        <strong>Ward never stores passwords or hashes from the file.</strong> It reads the file in
        memory, compares the hashes with each other, the breached-password corpus and common
        passwords, and keeps only account names and the problems found.
      </p>
      {canUpload ? (
        <CredentialAuditForm
          onAudited={(detail) => {
            latestRequest.current += 1;
            setShown(detail);
            announce(describeRun(detail));
            runs.reload();
          }}
        />
      ) : (
        <p className="notice">Your role can read past audits but not upload files.</p>
      )}
      <ErrorMessage error={openError} prefix="The audit could not be opened" />
      {shown && <CredentialAuditDetailView detail={shown} onClose={() => setShown(null)} />}
      <h3 className="audit-past-title">Past audits</h3>
      <ErrorMessage error={runs.error} prefix="The audits could not be loaded" />
      {!runs.data && !runs.error && <Loading what="Loading audits" />}
      {runs.data && runs.data.length === 0 && (
        <p className="empty">No credential file has been audited yet.</p>
      )}
      {runs.data && runs.data.length > 0 && (
        <div className="table-scroll">
          <table className="data-table audit-runs">
            <caption className="visually-hidden">Past credential audits, newest first</caption>
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Format</th>
                <th scope="col" className="num">
                  Accounts
                </th>
                <th scope="col" className="num">
                  Problems
                </th>
                <th scope="col">Audited</th>
                <th scope="col">By</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {runs.data.map((r) => (
                <tr key={r.id} aria-current={shown?.id === r.id ? 'true' : undefined}>
                  <th scope="row" className="mono">
                    {r.fileName}
                  </th>
                  <td>{r.format}</td>
                  <td className="num">{formatNumber(r.accounts)}</td>
                  <td className="num">{formatNumber(problemsOf(r))}</td>
                  <td>{formatDateTime(r.createdAt)}</td>
                  <td>{r.createdBy}</td>
                  <td>
                    <button
                      type="button"
                      className="button-secondary button-small"
                      disabled={opening === r.id}
                      onClick={() => void open(r)}
                    >
                      {opening === r.id ? 'Opening…' : 'Show findings'}
                      <span className="visually-hidden"> of {r.fileName}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

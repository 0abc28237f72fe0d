import { useState } from 'react';
import type { AuditVerifyResult } from '../../../src/api-types.ts';
import { api } from '../api.ts';
import { useMe } from '../auth.tsx';
import { useAnnounce } from '../components/announcer.tsx';
import { ErrorMessage } from '../components/error-message.tsx';
import { Loading } from '../components/loading.tsx';
import { Pagination } from '../components/pagination.tsx';
import { formatDateTime, formatNumber } from '../format.ts';
import { useResource, useTitle } from '../hooks.ts';

const LIMIT = 50;

type Verification = AuditVerifyResult;

/** "17 (hash does not match)": where the chain breaks and why, as the server reports it. */
function describeBreak(v: Verification): string {
  return v.firstBad ? `${v.firstBad.seq} (${v.firstBad.reason})` : '(unknown)';
}

/** The append-only audit log, newest first, and a check that its hash chain is unbroken. */
export function AuditPage() {
  useTitle('Audit log');
  const me = useMe();
  const announce = useAnnounce();
  const [offset, setOffset] = useState(0);
  const entries = useResource((signal) => api.audit({ limit: LIMIT, offset }, signal), [offset]);
  const [verification, setVerification] = useState<Verification | null>(null);
  const [verifyError, setVerifyError] = useState<unknown>();
  const [verifying, setVerifying] = useState(false);

  if (me.role !== 'admin' && me.role !== 'auditor') {
    return (
      <>
        <h1>Audit log</h1>
        <p className="notice">The audit log is for administrators and auditors.</p>
      </>
    );
  }

  const verify = async () => {
    setVerifying(true);
    setVerifyError(undefined);
    setVerification(null);
    try {
      const result = await api.verifyAudit();
      setVerification(result);
      announce(
        result.ok
          ? `The audit log is intact: ${result.entries} entries verified.`
          : `The audit log has been altered, starting at entry ${describeBreak(result)}.`,
      );
    } catch (err) {
      setVerifyError(err);
    } finally {
      setVerifying(false);
    }
  };

  return (
    <>
      <div className="page-head">
        <h1>Audit log</h1>
        <p className="page-sub">
          Every change, who made it, when and from where. Entries are chained by hashes.
        </p>
      </div>
      <section className="panel" aria-labelledby="verify-title">
        <h2 id="verify-title">Integrity</h2>
        <p>
          Checks every entry's hash against the one before it, so any edit or deletion in the
          database shows up.
        </p>
        <button type="button" onClick={() => void verify()} disabled={verifying}>
          {verifying ? 'Verifying…' : 'Verify the chain'}
        </button>
        <ErrorMessage error={verifyError} prefix="Could not verify" />
        {verification &&
          (verification.ok ? (
            <p className="success">
              Intact: {formatNumber(verification.entries)} entries verified.
            </p>
          ) : (
            <p className="error" role="alert">
              Altered: the chain breaks at entry {describeBreak(verification)} of{' '}
              {formatNumber(verification.entries)}. Treat this as a security incident.
            </p>
          ))}
      </section>
      <section className="panel" aria-labelledby="entries-title">
        <h2 id="entries-title">Entries</h2>
        <ErrorMessage error={entries.error} prefix="The audit log could not be loaded" />
        {!entries.data && !entries.error && <Loading what="Loading entries" />}
        {entries.data && entries.data.items.length === 0 && (
          <p className="empty">No entries yet.</p>
        )}
        {entries.data && entries.data.items.length > 0 && (
          <>
            <div className="table-scroll">
              <table className="data-table audit-table" aria-busy={entries.loading}>
                <caption className="visually-hidden">Audit entries, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      #
                    </th>
                    <th scope="col">When</th>
                    <th scope="col">Who</th>
                    <th scope="col">From</th>
                    <th scope="col">Action</th>
                    <th scope="col">Target</th>
                    <th scope="col" className="num">
                      Result
                    </th>
                    <th scope="col">Detail</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.data.items.map((e) => (
                    <tr key={e.seq}>
                      <td className="num">{e.seq}</td>
                      <td>{formatDateTime(e.at)}</td>
                      <td>{e.actor}</td>
                      <td className="mono">{e.ip ?? '—'}</td>
                      <td className="mono">{e.action}</td>
                      <td className="mono">{e.target ?? '—'}</td>
                      <td className="num">{e.status ?? '—'}</td>
                      <td>
                        {e.detail === null || e.detail === undefined ? (
                          '—'
                        ) : (
                          <details>
                            <summary>Show</summary>
                            <pre className="audit-detail">{JSON.stringify(e.detail, null, 2)}</pre>
                          </details>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination
              total={entries.data.total}
              limit={LIMIT}
              offset={offset}
              noun="entries"
              onChange={setOffset}
            />
          </>
        )}
      </section>
    </>
  );
}

import { useState, type FormEvent } from 'react';
import type { Alert, AlertStatus } from '../../../src/api-types.ts';
import { api } from '../api.ts';
import { useResource } from '../hooks.ts';
import { Link, navigate } from '../router.tsx';
import { useAnnounce } from './announcer.tsx';
import { ErrorMessage } from './error-message.tsx';
import { ALERT_STATUS_LABEL, CASE_STATUS_LABEL } from './rw-labels.ts';

const NEXT: Record<AlertStatus, { to: AlertStatus; label: string }[]> = {
  open: [
    { to: 'acknowledged', label: 'Acknowledge' },
    { to: 'closed', label: 'Close alert' },
  ],
  acknowledged: [
    { to: 'closed', label: 'Close alert' },
    { to: 'open', label: 'Reopen' },
  ],
  closed: [{ to: 'open', label: 'Reopen' }],
};

/** Work on an alert: acknowledge or close it, and open a case from it or add it to one. */
export function AlertActions({ alert, onChanged }: { alert: Alert; onChanged: () => void }) {
  const announce = useAnnounce();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [caseId, setCaseId] = useState('');
  // Only cases still being worked on can take another alert.
  const openCases = useResource(
    (signal) =>
      alert.caseId
        ? Promise.resolve(null)
        : api.cases({ status: ['open', 'in_progress'], limit: 100 }, signal),
    [alert.caseId],
  );

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const setStatus = (status: AlertStatus) =>
    run(async () => {
      await api.updateAlert(alert.id, status);
      announce(`Alert is now ${ALERT_STATUS_LABEL[status]}.`);
      onChanged();
    });

  const toCase = (existing?: string) =>
    run(async () => {
      const c = await api.alertToCase(alert.id, existing);
      announce(existing ? `Alert added to the case “${c.title}”.` : `Case “${c.title}” opened.`);
      navigate(`/cases/${encodeURIComponent(c.id)}`);
    });

  const addToCase = (e: FormEvent) => {
    e.preventDefault();
    if (caseId) void toCase(caseId);
  };

  const cases = openCases.data?.items ?? [];
  return (
    <section className="panel rw-actions" aria-labelledby="alert-actions-title">
      <h2 id="alert-actions-title">Work on this alert</h2>
      <div className="actions">
        {NEXT[alert.status].map((n) => (
          <button
            key={n.to}
            type="button"
            className={n.to === 'open' ? 'button-secondary' : undefined}
            disabled={busy}
            onClick={() => void setStatus(n.to)}
          >
            {n.label}
          </button>
        ))}
      </div>
      <h3>Case</h3>
      {alert.caseId ? (
        <p>
          <Link to={`/cases/${encodeURIComponent(alert.caseId)}`}>Go to the case</Link>
        </p>
      ) : (
        <>
          <div className="actions">
            <button type="button" disabled={busy} onClick={() => void toCase()}>
              Open a case
            </button>
          </div>
          {cases.length > 0 && (
            <form className="form rw-add-to-case" onSubmit={addToCase}>
              <div className="field">
                <label htmlFor="alert-case">Or add it to an open case</label>
                <select id="alert-case" value={caseId} onChange={(e) => setCaseId(e.target.value)}>
                  <option value="">Choose a case…</option>
                  {cases.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.title} ({CASE_STATUS_LABEL[c.status]})
                    </option>
                  ))}
                </select>
              </div>
              <div className="actions">
                <button type="submit" className="button-secondary" disabled={busy || !caseId}>
                  Add to case
                </button>
              </div>
            </form>
          )}
        </>
      )}
      <ErrorMessage error={error} prefix="Not done" />
      <ErrorMessage error={openCases.error} prefix="The open cases could not be loaded" />
    </section>
  );
}

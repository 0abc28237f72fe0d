import { useState, type FormEvent } from 'react';
import type { CaseDetail, CaseStatus, CaseUpdate } from '../../../src/api-types.ts';
import { api } from '../api.ts';
import { formatDateTime } from '../format.ts';
import { useAnnounce } from './announcer.tsx';
import { ErrorMessage } from './error-message.tsx';
import { CloseCaseDialog } from './rw-close-case.tsx';
import { CASE_STATUS_LABEL, RESOLUTION_LABEL } from './rw-labels.ts';

/** Status and assignee of a case; closing goes through the dialog, which asks for a resolution. */
export function CaseControls({
  detail,
  writable,
  onChanged,
}: {
  detail: CaseDetail;
  writable: boolean;
  onChanged: () => void;
}) {
  const announce = useAnnounce();
  const [status, setStatus] = useState<CaseStatus>(detail.status);
  const [assignee, setAssignee] = useState(detail.assignee ?? '');
  const [closing, setClosing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const save = async (update: CaseUpdate, message: string) => {
    setBusy(true);
    setError(undefined);
    try {
      await api.updateCase(detail.id, update);
      announce(message);
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const update: CaseUpdate = {};
    if (status !== detail.status) update.status = status;
    const next = assignee.trim() || null;
    if (next !== detail.assignee) update.assignee = next;
    if (Object.keys(update).length === 0) {
      setError(new Error('Nothing to save: change the status or the assignee.'));
      return;
    }
    void save(update, update.status ? `Case is now ${CASE_STATUS_LABEL[status]}.` : 'Saved.');
  };

  if (detail.status === 'closed') {
    return (
      <div className="rw-case-controls">
        <p>
          Closed {formatDateTime(detail.closedAt)}
          {detail.resolution && <> as {RESOLUTION_LABEL[detail.resolution]}</>}.
          {detail.closeNote && <span className="prewrap"> {detail.closeNote}</span>}
        </p>
        {writable && (
          <button
            type="button"
            className="button-secondary"
            disabled={busy}
            onClick={() => void save({ status: 'open' }, 'Case reopened.')}
          >
            Reopen case
          </button>
        )}
        <ErrorMessage error={error} prefix="Not saved" />
      </div>
    );
  }
  if (!writable) {
    return <p className="notice">Your role can read cases but not change them.</p>;
  }
  return (
    <>
      <form className="form rw-case-controls" onSubmit={submit} aria-label="Case status">
        <div className="form-row">
          <div className="field">
            <label htmlFor="case-status">Status</label>
            <select
              id="case-status"
              value={status}
              onChange={(e) => setStatus(e.target.value as CaseStatus)}
            >
              <option value="open">{CASE_STATUS_LABEL.open}</option>
              <option value="in_progress">{CASE_STATUS_LABEL.in_progress}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="case-assignee">Assignee</label>
            <input
              id="case-assignee"
              placeholder="Username or team"
              value={assignee}
              onChange={(e) => setAssignee(e.target.value)}
            />
          </div>
        </div>
        <ErrorMessage error={error} prefix="Not saved" />
        <div className="actions">
          <button type="submit" disabled={busy}>
            Save
          </button>
          <button type="button" className="button-danger" onClick={() => setClosing(true)}>
            Close case…
          </button>
        </div>
      </form>
      <CloseCaseDialog
        caseId={detail.id}
        open={closing}
        onClose={() => setClosing(false)}
        onClosed={() => {
          setClosing(false);
          onChanged();
        }}
      />
    </>
  );
}

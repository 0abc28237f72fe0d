import { useState, type FormEvent } from 'react';
import {
  FINDING_STATUSES,
  type FindingDetail,
  type FindingStatus,
  type FindingUpdate,
} from '../../../src/api-types.ts';
import { api } from '../api.ts';
import { STATUS_LABEL } from '../format.ts';
import { useAnnounce } from './announcer.tsx';
import { ErrorMessage } from './error-message.tsx';

const NEEDS_JUSTIFICATION: readonly FindingStatus[] = ['accepted_risk', 'false_positive'];

/** Tomorrow as yyyy-mm-dd: an accepted risk must end in the future. */
function tomorrow(): string {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Status, assignee and an optional note in one form. Accepting a risk asks why and until when;
 * calling a finding a false positive asks why. The note is saved as a comment after the change.
 */
export function FindingUpdateForm({
  finding,
  onSaved,
}: {
  finding: FindingDetail;
  onSaved: () => void;
}) {
  const announce = useAnnounce();
  const [status, setStatus] = useState<FindingStatus>(finding.status);
  const [assignee, setAssignee] = useState(finding.assignee ?? '');
  const [justification, setJustification] = useState(finding.justification ?? '');
  const [acceptedUntil, setAcceptedUntil] = useState(finding.acceptedUntil?.slice(0, 10) ?? '');
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState('');

  const needsJustification = NEEDS_JUSTIFICATION.includes(status) && status !== finding.status;
  const needsDate = status === 'accepted_risk' && status !== finding.status;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const update: FindingUpdate = {};
    if (status !== finding.status) update.status = status;
    if (needsJustification) update.justification = justification.trim();
    if (needsDate) update.acceptedUntil = acceptedUntil;
    const nextAssignee = assignee.trim() === '' ? null : assignee.trim();
    if (nextAssignee !== finding.assignee) update.assignee = nextAssignee;
    const note = comment.trim();
    if (Object.keys(update).length === 0 && note === '') {
      setError(new Error('Nothing to save: change the status or assignee, or write a note.'));
      return;
    }
    setBusy(true);
    setError(undefined);
    setSaved('');
    try {
      if (Object.keys(update).length > 0) await api.updateFinding(finding.id, update);
      if (note) await api.addComment(finding.id, note);
      setComment('');
      const message = update.status ? `Status changed to ${STATUS_LABEL[status]}.` : 'Saved.';
      setSaved(message);
      announce(message);
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} className="form" aria-labelledby="update-title">
      <h2 id="update-title">Work on this finding</h2>
      <div className="form-row">
        <div className="field">
          <label htmlFor="finding-status">Status</label>
          <select
            id="finding-status"
            value={status}
            onChange={(e) => setStatus(e.target.value as FindingStatus)}
          >
            {FINDING_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="finding-assignee">Assignee</label>
          <input
            id="finding-assignee"
            value={assignee}
            placeholder="Username or team"
            onChange={(e) => setAssignee(e.target.value)}
          />
        </div>
      </div>
      {needsJustification && (
        <div className="field">
          <label htmlFor="finding-justification">
            Justification <span className="required">(required)</span>
          </label>
          <textarea
            id="finding-justification"
            required
            rows={3}
            value={justification}
            aria-describedby="finding-justification-hint"
            onChange={(e) => setJustification(e.target.value)}
          />
          <p className="hint" id="finding-justification-hint">
            {status === 'accepted_risk'
              ? 'Why the risk is acceptable, and which compensating controls are in place.'
              : 'Why this is not a real problem, so the next reviewer need not check again.'}
          </p>
        </div>
      )}
      {needsDate && (
        <div className="field">
          <label htmlFor="finding-until">
            Accepted until <span className="required">(required)</span>
          </label>
          <input
            id="finding-until"
            type="date"
            required
            min={tomorrow()}
            value={acceptedUntil}
            aria-describedby="finding-until-hint"
            onChange={(e) => setAcceptedUntil(e.target.value)}
          />
          <p className="hint" id="finding-until-hint">
            The finding reopens on this date so the decision is reviewed.
          </p>
        </div>
      )}
      <div className="field">
        <label htmlFor="finding-note">Note (optional, saved as a comment)</label>
        <textarea
          id="finding-note"
          rows={3}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </div>
      <ErrorMessage error={error} prefix="Not saved" />
      {saved && <p className="success">{saved}</p>}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}

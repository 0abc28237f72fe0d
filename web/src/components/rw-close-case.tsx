import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { CaseResolution } from '../../../src/api-types.ts';
import { api } from '../api.ts';
import { useAnnounce } from './announcer.tsx';
import { ErrorMessage } from './error-message.tsx';
import { RESOLUTIONS, RESOLUTION_LABEL } from './rw-labels.ts';

const RESOLUTION_HINT: Record<CaseResolution, string> = {
  true_positive: 'It was an attack or an attempt; the timeline and evidence say what was done.',
  benign: 'The activity was real but expected, such as an approved admin task.',
  false_positive: 'The rule matched something it should not have.',
};

/**
 * Closing asks for a resolution. A modal <dialog> keeps the focus inside until it is closed and
 * Escape cancels, without any focus-trap code of ours.
 */
export function CloseCaseDialog({
  caseId,
  open,
  onClose,
  onClosed,
}: {
  caseId: string;
  open: boolean;
  onClose: () => void;
  onClosed: () => void;
}) {
  const announce = useAnnounce();
  const ref = useRef<HTMLDialogElement>(null);
  const [resolution, setResolution] = useState<CaseResolution | ''>('');
  const [note, setNote] = useState('');
  const [addFilter, setAddFilter] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!resolution) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.updateCase(caseId, {
        status: 'closed',
        resolution,
        ...(note.trim() ? { closeNote: note.trim() } : {}),
        ...(resolution === 'false_positive' ? { addFilter } : {}),
      });
      announce(`Case closed as ${RESOLUTION_LABEL[resolution]}.`);
      onClosed();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={ref} className="rw-dialog" aria-labelledby="close-case-title" onClose={onClose}>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <h2 id="close-case-title">Close the case</h2>
        <fieldset className="filter-group rw-resolutions">
          <legend>Resolution</legend>
          {RESOLUTIONS.map((r) => (
            <label key={r} className="rw-radio">
              <input
                type="radio"
                name="resolution"
                value={r}
                required
                checked={resolution === r}
                onChange={() => setResolution(r)}
              />
              <span>
                {RESOLUTION_LABEL[r]}
                <span className="hint">{RESOLUTION_HINT[r]}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {resolution === 'false_positive' && (
          <label className="checkbox-inline rw-wrap">
            <input
              type="checkbox"
              checked={addFilter}
              onChange={(e) => setAddFilter(e.target.checked)}
            />
            Add a filter so these events stop alerting
          </label>
        )}
        <div className="field">
          <label htmlFor="close-note">Closing note (optional)</label>
          <textarea
            id="close-note"
            rows={3}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </div>
        <ErrorMessage error={error} prefix="The case was not closed" />
        <div className="actions">
          <button type="submit" disabled={busy || !resolution}>
            Close case
          </button>
          <button type="button" className="button-secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}

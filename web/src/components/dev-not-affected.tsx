import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { useAnnounce } from './announcer.tsx';
import { ErrorMessage } from './error-message.tsx';

/**
 * Records a VEX "not affected" decision for one CVE on one device. The justification is the
 * audit trail (the match disappears), so it is required. A modal <dialog> keeps the focus.
 */
export function NotAffectedDialog({
  deviceId,
  deviceName,
  cve,
  onClose,
  onDecided,
}: {
  deviceId: string;
  deviceName: string;
  /** The CVE being decided; null keeps the dialog closed. */
  cve: string | null;
  onClose: () => void;
  onDecided: () => void;
}) {
  const uid = useId();
  const announce = useAnnounce();
  const ref = useRef<HTMLDialogElement>(null);
  const [justification, setJustification] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (cve && !dialog.open) {
      setJustification('');
      setError(undefined);
      dialog.showModal();
    }
    if (!cve && dialog.open) dialog.close();
  }, [cve]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!cve || !justification.trim()) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.decideDeviceVuln(deviceId, {
        cve,
        status: 'not_affected',
        justification: justification.trim(),
      });
      announce(`${cve} marked as not affecting ${deviceName}.`);
      onDecided();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={ref} className="rw-dialog" aria-labelledby={`${uid}-title`} onClose={onClose}>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <h2 id={`${uid}-title`}>
          {cve ?? 'Vulnerability'} does not affect {deviceName}
        </h2>
        <p className="hint">
          Recorded as a VEX decision and in the audit log; the match is removed at the next matching
          run.
        </p>
        <div className="field">
          <label htmlFor={`${uid}-why`}>Justification</label>
          <textarea
            id={`${uid}-why`}
            rows={3}
            required
            maxLength={2000}
            value={justification}
            placeholder="The vulnerable component is not present / not reachable / mitigated by…"
            onChange={(e) => setJustification(e.target.value)}
          />
        </div>
        <ErrorMessage error={error} prefix="The decision was not recorded" />
        <div className="actions">
          <button type="submit" disabled={busy || !justification.trim()}>
            Record not affected
          </button>
          <button type="button" className="button-secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}

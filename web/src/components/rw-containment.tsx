import { useState } from 'react';
import type { CaseDetail, ContainmentStep } from '../../../src/api-types.ts';
import { api } from '../api.ts';
import { formatDateTime } from '../format.ts';
import { useAnnounce } from './announcer.tsx';
import { ErrorMessage } from './error-message.tsx';

// What each step acts on, as a hint for the target box.
const TARGET_HINT: Record<ContainmentStep['key'], string> = {
  isolate_host: 'Host name',
  disable_account: 'Account',
  block_hash: 'SHA-256',
  reset_credentials: 'Accounts or systems',
  preserve_evidence: 'What is kept, and where',
};

/**
 * The containment checklist. Marking a step done records who and when and, when a containment
 * webhook is configured, calls it; its outcome is shown so a failed call is not mistaken for done.
 */
export function ContainmentChecklist({
  detail,
  writable,
  onChanged,
}: {
  detail: CaseDetail;
  writable: boolean;
  onChanged: () => void;
}) {
  const closed = detail.status === 'closed';
  return (
    <ol className="rw-containment">
      {detail.containment.map((step) => (
        <ContainmentItem
          key={step.key}
          caseId={detail.id}
          step={step}
          fallbackTarget={step.key === 'isolate_host' ? (detail.hosts[0] ?? '') : ''}
          writable={writable && !closed}
          onChanged={onChanged}
        />
      ))}
    </ol>
  );
}

function ContainmentItem({
  caseId,
  step,
  fallbackTarget,
  writable,
  onChanged,
}: {
  caseId: string;
  step: ContainmentStep;
  fallbackTarget: string;
  writable: boolean;
  onChanged: () => void;
}) {
  const announce = useAnnounce();
  const [target, setTarget] = useState(step.target ?? fallbackTarget);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const inputId = `containment-${step.key}`;

  const markDone = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api.containCase(caseId, step.key, target.trim() || undefined);
      announce(`${step.label}: marked done.`);
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className={step.done ? 'rw-step done' : 'rw-step'} data-step={step.key}>
      <div className="rw-step-head">
        <span className="rw-step-state">{step.done ? 'Done' : 'To do'}</span>
        <strong>{step.label}</strong>
        {step.done && step.target && <span className="mono">{step.target}</span>}
      </div>
      {step.done ? (
        <p className="rw-step-meta">
          {step.doneBy ?? 'Someone'} ·{' '}
          {step.doneAt ? <time dateTime={step.doneAt}>{formatDateTime(step.doneAt)}</time> : '—'}
          {step.webhook && <span className="rw-webhook"> · Webhook: {step.webhook}</span>}
        </p>
      ) : (
        writable && (
          <div className="rw-step-form">
            <div className="field">
              <label htmlFor={inputId}>
                Target<span className="visually-hidden"> of “{step.label}”</span>
              </label>
              <input
                id={inputId}
                placeholder={TARGET_HINT[step.key]}
                value={target}
                onChange={(e) => setTarget(e.target.value)}
              />
            </div>
            <button
              type="button"
              className="button-secondary"
              disabled={busy}
              onClick={() => void markDone()}
            >
              Mark done<span className="visually-hidden">: {step.label}</span>
            </button>
          </div>
        )
      )}
      <ErrorMessage error={error} prefix="Not marked done" />
    </li>
  );
}

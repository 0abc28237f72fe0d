import { useId, useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { ErrorMessage } from './error-message.tsx';

/**
 * Current password, new password twice. The server's policy decides (length, breached-password
 * list, similarity to the username); its reasons are listed when it refuses.
 */
export function ChangePasswordForm({ onChanged }: { onChanged: () => void | Promise<void> }) {
  const uid = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    if (next !== confirm) {
      setError(new Error('The new password and its repetition do not match.'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await api.changePassword(current, next);
      setCurrent('');
      setNext('');
      setConfirm('');
      setDone(true);
      await onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} className="form">
      <div className="field">
        <label htmlFor={`${uid}-current`}>Current password</label>
        <input
          id={`${uid}-current`}
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${uid}-new`}>New password</label>
        <input
          id={`${uid}-new`}
          type="password"
          autoComplete="new-password"
          required
          aria-describedby={`${uid}-hint`}
          value={next}
          onChange={(e) => setNext(e.target.value)}
        />
        <p className="hint" id={`${uid}-hint`}>
          At least 15 characters, not a password known from breaches. Spaces and any characters are
          fine.
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${uid}-confirm`}>Repeat the new password</label>
        <input
          id={`${uid}-confirm`}
          type="password"
          autoComplete="new-password"
          required
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
        />
      </div>
      <ErrorMessage error={error} prefix="The password was not changed" />
      {done && (
        <p className="success" role="status">
          Your password was changed.
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : 'Change password'}
        </button>
      </div>
    </form>
  );
}

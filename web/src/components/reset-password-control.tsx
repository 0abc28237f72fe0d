import { useState, type FormEvent } from 'react';
import type { User } from '../../../src/api-types.ts';
import { api } from '../api.ts';
import { useAnnounce } from './announcer.tsx';
import { ErrorMessage } from './error-message.tsx';

/**
 * An administrator sets a temporary password for someone who forgot theirs. The server ends
 * that person's sessions and asks them for a new password at their next sign-in.
 */
export function ResetPasswordControl({ user }: { user: User }) {
  const announce = useAnnounce();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const id = `reset-${user.id}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.updateUser(user.id, { password });
      announce(
        `Temporary password set for ${user.username}. They must choose a new one when they sign in.`,
      );
      setPassword('');
      setOpen(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (!open) {
    return (
      <button
        type="button"
        className="button-secondary button-small"
        aria-expanded={false}
        onClick={() => setOpen(true)}
      >
        Reset password <span className="visually-hidden">of {user.username}</span>
      </button>
    );
  }
  return (
    <form onSubmit={(e) => void submit(e)} className="inline-form">
      <label htmlFor={id}>Temporary password for {user.username}</label>
      <input
        id={id}
        type="password"
        autoComplete="new-password"
        required
        autoFocus
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="submit" className="button-small" disabled={busy}>
          Set
        </button>
        <button
          type="button"
          className="button-secondary button-small"
          onClick={() => setOpen(false)}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}

import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { ErrorMessage } from '../components/error-message.tsx';
import { useTitle } from '../hooks.ts';

/** First start without demo data: create the first administrator. */
export function SetupPage() {
  useTitle('First-time setup');
  const { signIn, refresh } = useAuth();
  const [username, setUsername] = useState('admin');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (password !== confirm) {
      setError(new Error('The two passwords do not match.'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const me = await api.setup({ username, password, ...(displayName ? { displayName } : {}) });
      signIn(me);
      // The setup answer may come without a session on some servers; ask who we are to be sure.
      if (!me.csrfToken) await refresh();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="auth-card" aria-labelledby="setup-title">
      <h1 id="setup-title">Welcome to Ward</h1>
      <p>
        No one has an account yet. Create the first administrator; that account can then invite
        colleagues as administrators, analysts or auditors.
      </p>
      <form onSubmit={(e) => void submit(e)} className="form">
        <div className="field">
          <label htmlFor="setup-username">Username</label>
          <input
            id="setup-username"
            autoComplete="username"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="setup-display">Your name (optional)</label>
          <input
            id="setup-display"
            autoComplete="name"
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="setup-password">Password</label>
          <input
            id="setup-password"
            type="password"
            autoComplete="new-password"
            required
            aria-describedby="setup-password-hint"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <p className="hint" id="setup-password-hint">
            At least 15 characters. A few unrelated words make a strong password that is easy to
            type.
          </p>
        </div>
        <div className="field">
          <label htmlFor="setup-confirm">Repeat the password</label>
          <input
            id="setup-confirm"
            type="password"
            autoComplete="new-password"
            required
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
          />
        </div>
        <ErrorMessage error={error} />
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Creating…' : 'Create administrator'}
          </button>
        </div>
      </form>
    </section>
  );
}

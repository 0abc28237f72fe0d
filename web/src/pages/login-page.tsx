import { useRef, useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { ErrorMessage } from '../components/error-message.tsx';
import { useTitle } from '../hooks.ts';

/** Username and password, then the six-digit code when the account has a second factor. */
export function LoginPage({ expired }: { expired: boolean }) {
  useTitle('Sign in');
  const { signIn } = useAuth();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needTotp, setNeedTotp] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const totpRef = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const result = await api.login({ username, password, ...(needTotp ? { totp } : {}) });
      if (result.status === 'totp_required') {
        setNeedTotp(true);
        // The field appears after this render; move the focus there so keyboard users can type on.
        window.setTimeout(() => totpRef.current?.focus(), 0);
      } else if (result.me) {
        signIn(result.me);
      }
    } catch (err) {
      setError(err);
      if (needTotp) setTotp('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="auth-card" aria-labelledby="login-title">
      <h1 id="login-title">Sign in to Ward</h1>
      {expired && <p className="notice">Your session ended. Please sign in again.</p>}
      <form onSubmit={(e) => void submit(e)} className="form">
        {!needTotp ? (
          <>
            <div className="field">
              <label htmlFor="login-username">Username</label>
              <input
                id="login-username"
                name="username"
                autoComplete="username"
                required
                autoFocus
                value={username}
                onChange={(e) => setUsername(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="login-password">Password</label>
              <input
                id="login-password"
                name="password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </div>
          </>
        ) : (
          <div className="field">
            <label htmlFor="login-totp">Six-digit code from your authenticator app</label>
            <input
              id="login-totp"
              ref={totpRef}
              name="totp"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              maxLength={6}
              required
              value={totp}
              onChange={(e) => setTotp(e.target.value.replace(/\D/g, ''))}
            />
            <p className="hint">Signing in as {username}.</p>
          </div>
        )}
        <ErrorMessage error={error} />
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Signing in…' : needTotp ? 'Verify code' : 'Sign in'}
          </button>
          {needTotp && (
            <button
              type="button"
              className="button-secondary"
              onClick={() => {
                setNeedTotp(false);
                setTotp('');
                setError(undefined);
              }}
            >
              Back
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

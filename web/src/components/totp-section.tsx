import { useState, type FormEvent } from 'react';
import type { TotpEnrolment } from '../../../src/api-types.ts';
import { api } from '../api.ts';
import { useAuth, useMe } from '../auth.tsx';
import { useAnnounce } from './announcer.tsx';
import { ErrorMessage } from './error-message.tsx';

/** Secrets are easier to type from a phone in groups of four. */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

/** Turn the authenticator-app second factor on (scan, then prove with a code) or off (password). */
export function TotpSection() {
  const me = useMe();
  const { refresh } = useAuth();
  const announce = useAnnounce();
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

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

  const start = () => run(async () => setEnrolment(await api.totpEnrol()));
  const confirm = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await api.totpConfirm(code);
      setEnrolment(null);
      setCode('');
      announce('Two-factor sign-in is on.');
      await refresh();
    });
  };
  const disable = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await api.totpDisable(password);
      setPassword('');
      announce('Two-factor sign-in is off.');
      await refresh();
    });
  };

  if (me.totpEnabled) {
    return (
      <>
        <p>
          <strong>Two-factor sign-in is on.</strong> Signing in asks for a code from your
          authenticator app.
        </p>
        <form onSubmit={disable} className="form">
          <div className="field">
            <label htmlFor="totp-disable-password">Your password, to turn it off</label>
            <input
              id="totp-disable-password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
          <ErrorMessage error={error} />
          <div className="actions">
            <button type="submit" className="button-danger" disabled={busy}>
              Turn off two-factor sign-in
            </button>
          </div>
        </form>
      </>
    );
  }

  if (!enrolment) {
    return (
      <>
        <p>
          Two-factor sign-in is off. With it on, a stolen password alone is not enough to sign in as
          you. Any authenticator app works (for example FreeOTP, Aegis, Google or Microsoft
          Authenticator).
        </p>
        <ErrorMessage error={error} />
        <button type="button" onClick={() => void start()} disabled={busy}>
          Set up two-factor sign-in
        </button>
      </>
    );
  }

  return (
    <div className="totp-enrol">
      <ol className="steps">
        <li>
          <p>Scan this code with your authenticator app.</p>
          <img
            src={enrolment.qrDataUrl}
            width={200}
            height={200}
            className="qr"
            alt={`QR code that adds Ward to an authenticator app. If you cannot scan it, enter the key ${grouped(enrolment.secret)} by hand.`}
          />
          <p>
            Or enter this key by hand: <code className="secret">{grouped(enrolment.secret)}</code>
          </p>
        </li>
        <li>
          <form onSubmit={confirm} className="form">
            <div className="field">
              <label htmlFor="totp-confirm">The six-digit code the app now shows</label>
              <input
                id="totp-confirm"
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="[0-9]{6}"
                maxLength={6}
                required
                value={code}
                onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
              />
            </div>
            <ErrorMessage error={error} />
            <div className="actions">
              <button type="submit" disabled={busy}>
                Turn on
              </button>
              <button type="button" className="button-secondary" onClick={() => setEnrolment(null)}>
                Cancel
              </button>
            </div>
          </form>
        </li>
      </ol>
    </div>
  );
}

import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { PasswordCheckRequest, PasswordCheckResult } from '../../../src/api-types.ts';
import { api } from '../api.ts';
import { useDebounced } from '../hooks.ts';
import { useAnnounce } from './announcer.tsx';
import { PasswordCheckResultView, summariseCheck } from './creds-password-result.tsx';
import { ErrorMessage } from './error-message.tsx';

const DEBOUNCE_MS = 300;
type AccountClass = 'single_factor' | 'multi_factor';

const sameInput = (a: PasswordCheckRequest | null, b: PasswordCheckRequest) =>
  a !== null &&
  a.password === b.password &&
  a.username === b.username &&
  a.displayName === b.displayName &&
  a.accountClass === b.accountClass;

/**
 * Checks a candidate password against the same policy Ward applies to its own accounts, while
 * typing (after a pause) or on Enter. The password stays in this component's memory and goes to
 * the server in a POST body only; nothing is stored or put in the address.
 */
export function PasswordCheck() {
  const uid = useId();
  const announce = useAnnounce();
  const [password, setPassword] = useState('');
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [accountClass, setAccountClass] = useState<AccountClass>('single_factor');
  const [reveal, setReveal] = useState(false);
  const [result, setResult] = useState<PasswordCheckResult | null>(null);
  const [error, setError] = useState<unknown>();
  const [checking, setChecking] = useState(false);

  const controller = useRef<AbortController | null>(null);
  const lastInput = useRef<PasswordCheckRequest | null>(null);
  const lastSummary = useRef('');

  const check = useCallback(
    async (input: PasswordCheckRequest) => {
      if (sameInput(lastInput.current, input)) return;
      lastInput.current = input;
      controller.current?.abort();
      if (!input.password) {
        controller.current = null;
        setResult(null);
        setError(undefined);
        setChecking(false);
        return;
      }
      const mine = new AbortController();
      controller.current = mine;
      setChecking(true);
      try {
        const next = await api.checkPassword(input, mine.signal);
        if (mine.signal.aborted) return;
        setResult(next);
        setError(undefined);
        // Typing pauses produce many answers; only a change of verdict or strength is read out.
        const summary = summariseCheck(next);
        if (summary !== lastSummary.current) {
          lastSummary.current = summary;
          announce(summary);
        }
      } catch (err) {
        if (mine.signal.aborted) return;
        // Let a retry of the same input through after a failure.
        lastInput.current = null;
        setError(err);
      } finally {
        if (!mine.signal.aborted) setChecking(false);
      }
    },
    [announce],
  );

  // Memoised: useDebounced restarts its timer whenever it gets a new object.
  const input = useMemo<PasswordCheckRequest>(
    () => ({
      password,
      accountClass,
      ...(username.trim() ? { username: username.trim() } : {}),
      ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
    }),
    [password, accountClass, username, displayName],
  );
  const settled = useDebounced(input, DEBOUNCE_MS);
  useEffect(() => {
    void check(settled);
  }, [settled, check]);
  useEffect(() => () => controller.current?.abort(), []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void check(input);
  };
  const stale = checking || (result !== null && !sameInput(lastInput.current, input));

  return (
    <section className="panel" aria-labelledby="check-title">
      <h2 id="check-title">Check a password</h2>
      <p className="hint">
        Try a password against Ward&apos;s policy: length for the account class, breached and common
        passwords, hospital words and names. The password is sent to this Ward server only and is
        not stored or logged.
      </p>
      <form className="form password-check-form" onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${uid}-password`}>Password to check</label>
          <div className="password-row">
            <input
              id={`${uid}-password`}
              type={reveal ? 'text' : 'password'}
              autoComplete="off"
              autoCapitalize="off"
              autoCorrect="off"
              spellCheck={false}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <button
              type="button"
              className="button-secondary"
              aria-pressed={reveal}
              aria-controls={`${uid}-password`}
              onClick={() => setReveal((r) => !r)}
            >
              Show password
            </button>
          </div>
        </div>
        <div className="form-row">
          <div className="field">
            <label htmlFor={`${uid}-username`}>Username (optional)</label>
            <input
              id={`${uid}-username`}
              autoComplete="off"
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${uid}-name`}>Person&apos;s name (optional)</label>
            <input
              id={`${uid}-name`}
              autoComplete="off"
              value={displayName}
              onChange={(e) => setDisplayName(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${uid}-class`}>Account class</label>
            <select
              id={`${uid}-class`}
              value={accountClass}
              onChange={(e) => setAccountClass(e.target.value as AccountClass)}
            >
              <option value="single_factor">Password only (single-factor)</option>
              <option value="multi_factor">Password and a second factor (multi-factor)</option>
            </select>
          </div>
        </div>
        <div className="actions">
          <button type="submit" disabled={!password}>
            {checking ? 'Checking…' : 'Check password'}
          </button>
        </div>
      </form>
      <ErrorMessage error={error} prefix="The password could not be checked" />
      {result && <PasswordCheckResultView result={result} stale={stale} />}
    </section>
  );
}

import { useState, type FormEvent } from 'react';
import type { CreatedApiToken, Role } from '../../../src/api-types.ts';
import { api } from '../api.ts';
import { useMe } from '../auth.tsx';
import { formatDateTime, ROLE_LABEL } from '../format.ts';
import { useResource } from '../hooks.ts';
import { useAnnounce } from './announcer.tsx';
import { ErrorMessage } from './error-message.tsx';
import { Loading } from './loading.tsx';

// A token never carries more rights than its owner; offer only the owner's role and weaker ones.
const GRANTABLE: Record<Role, readonly Role[]> = {
  admin: ['admin', 'analyst', 'auditor'],
  analyst: ['analyst', 'auditor'],
  auditor: ['auditor'],
};

/** Personal API tokens for scripts and integrations: create (shown once), list, revoke. */
export function ApiTokensSection() {
  const me = useMe();
  const announce = useAnnounce();
  const tokens = useResource((signal) => api.tokens(signal), []);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>(me.role);
  const [days, setDays] = useState('90');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [copied, setCopied] = useState(false);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const token = await api.createToken({
        name,
        role,
        ...(days ? { expiresInDays: Number(days) } : {}),
      });
      setCreated(token);
      setCopied(false);
      setName('');
      announce(`Token ${token.name} created. Copy it now; it is shown only once.`);
      tokens.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (id: string, tokenName: string) => {
    if (!window.confirm(`Revoke the token "${tokenName}"? Scripts using it stop working at once.`))
      return;
    setError(undefined);
    try {
      await api.revokeToken(id);
      announce(`Token ${tokenName} revoked.`);
      tokens.reload();
    } catch (err) {
      setError(err);
    }
  };

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      announce('Token copied to the clipboard.');
    } catch {
      // Clipboard access needs HTTPS or localhost; fall back to selecting the text for Ctrl+C.
      (document.getElementById('created-token') as HTMLInputElement | null)?.select();
      announce('Copying is not allowed here; the token is selected, press Ctrl+C.');
    }
  };

  return (
    <>
      {created && (
        <div className="token-once" role="region" aria-labelledby="token-once-title">
          <h3 id="token-once-title">Your new token “{created.name}”</h3>
          <p>Copy it now. Ward keeps only a hash and cannot show it again.</p>
          <div className="copy-row">
            <label className="visually-hidden" htmlFor="created-token">
              New API token
            </label>
            <input
              id="created-token"
              readOnly
              className="mono"
              value={created.token}
              onFocus={(e) => e.target.select()}
            />
            <button type="button" onClick={() => void copy(created.token)}>
              {copied ? 'Copied' : 'Copy'}
            </button>
            <button type="button" className="button-secondary" onClick={() => setCreated(null)}>
              Done
            </button>
          </div>
        </div>
      )}
      <form onSubmit={(e) => void create(e)} className="form">
        <div className="form-row">
          <div className="field">
            <label htmlFor="token-name">Name</label>
            <input
              id="token-name"
              required
              placeholder="e.g. nightly scan upload"
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="token-role">Role</label>
            <select id="token-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {GRANTABLE[me.role].map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABEL[r]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="token-days">Expires</label>
            <select id="token-days" value={days} onChange={(e) => setDays(e.target.value)}>
              <option value="30">in 30 days</option>
              <option value="90">in 90 days</option>
              <option value="365">in a year</option>
              <option value="">never</option>
            </select>
          </div>
        </div>
        <ErrorMessage error={error} />
        <div className="actions">
          <button type="submit" disabled={busy}>
            Create token
          </button>
        </div>
      </form>
      <ErrorMessage error={tokens.error} prefix="The tokens could not be loaded" />
      {!tokens.data && !tokens.error && <Loading what="Loading tokens" />}
      {tokens.data && tokens.data.length === 0 && <p className="empty">You have no API tokens.</p>}
      {tokens.data && tokens.data.length > 0 && (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">Your API tokens</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Expires</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.map((t) => (
                <tr key={t.id}>
                  <th scope="row">{t.name}</th>
                  <td>{ROLE_LABEL[t.role]}</td>
                  <td>{formatDateTime(t.createdAt)}</td>
                  <td>{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'Never'}</td>
                  <td>{t.expiresAt ? formatDateTime(t.expiresAt) : 'Never'}</td>
                  <td>
                    <button
                      type="button"
                      className="button-danger button-small"
                      onClick={() => void revoke(t.id, t.name)}
                    >
                      Revoke <span className="visually-hidden">{t.name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

import { useState, type FormEvent } from 'react';
import type { Role } from '../../../src/api-types.ts';
import { api } from '../api.ts';
import { useMe } from '../auth.tsx';
import { useAnnounce } from '../components/announcer.tsx';
import { ErrorMessage } from '../components/error-message.tsx';
import { Loading } from '../components/loading.tsx';
import { ResetPasswordControl } from '../components/reset-password-control.tsx';
import { formatDateTime, ROLE_LABEL } from '../format.ts';
import { useResource, useTitle } from '../hooks.ts';

const ROLES: readonly Role[] = ['admin', 'analyst', 'auditor'];

/** Administrators manage accounts: create with a role, change the role, disable or enable. */
export function UsersPage() {
  useTitle('Users');
  const me = useMe();
  const announce = useAnnounce();
  const users = useResource((signal) => api.users(signal), []);
  const [rowError, setRowError] = useState<unknown>();

  if (me.role !== 'admin') {
    return (
      <>
        <h1>Users</h1>
        <p className="notice">Only administrators manage user accounts.</p>
      </>
    );
  }

  const change = async (action: () => Promise<unknown>, done: string) => {
    setRowError(undefined);
    try {
      await action();
      announce(done);
      users.reload();
    } catch (err) {
      setRowError(err);
    }
  };

  return (
    <>
      <div className="page-head">
        <h1>Users</h1>
      </div>
      <CreateUserForm onCreated={users.reload} />
      <section className="panel" aria-labelledby="users-title">
        <h2 id="users-title">Accounts</h2>
        <ErrorMessage error={users.error} prefix="The users could not be loaded" />
        <ErrorMessage error={rowError} prefix="Not changed" />
        {!users.data && !users.error && <Loading what="Loading users" />}
        {users.data && (
          <div className="table-scroll">
            <table className="data-table">
              <caption className="visually-hidden">User accounts</caption>
              <thead>
                <tr>
                  <th scope="col">Username</th>
                  <th scope="col">Name</th>
                  <th scope="col">Role</th>
                  <th scope="col">Two-factor</th>
                  <th scope="col">Last sign-in</th>
                  <th scope="col">State</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {users.data.map((u) => {
                  const self = u.id === me.id;
                  return (
                    <tr key={u.id} className={u.disabled ? 'row-disabled' : undefined}>
                      <th scope="row">{u.username}</th>
                      <td>{u.displayName || '—'}</td>
                      <td>
                        <label className="visually-hidden" htmlFor={`role-${u.id}`}>
                          Role of {u.username}
                        </label>
                        <select
                          id={`role-${u.id}`}
                          value={u.role}
                          // Changing one's own role could lock the last administrator out.
                          disabled={self}
                          onChange={(e) => {
                            const role = e.target.value as Role;
                            void change(
                              () => api.updateUser(u.id, { role }),
                              `${u.username} is now ${ROLE_LABEL[role]}.`,
                            );
                          }}
                        >
                          {ROLES.map((r) => (
                            <option key={r} value={r}>
                              {ROLE_LABEL[r]}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td>{u.totpEnabled ? 'On' : 'Off'}</td>
                      <td>{u.lastLoginAt ? formatDateTime(u.lastLoginAt) : 'Never'}</td>
                      <td>{u.disabled ? 'Disabled' : 'Active'}</td>
                      <td>
                        {self ? (
                          <span className="hint">You</span>
                        ) : (
                          <div className="row-actions">
                            {!u.disabled && <ResetPasswordControl user={u} />}
                            {u.disabled ? (
                              <button
                                type="button"
                                className="button-secondary button-small"
                                onClick={() =>
                                  void change(
                                    () => api.updateUser(u.id, { disabled: false }),
                                    `${u.username} was enabled.`,
                                  )
                                }
                              >
                                Enable <span className="visually-hidden">{u.username}</span>
                              </button>
                            ) : (
                              <button
                                type="button"
                                className="button-danger button-small"
                                onClick={() => {
                                  if (
                                    !window.confirm(
                                      `Disable ${u.username}? Their sessions and API tokens stop working.`,
                                    )
                                  )
                                    return;
                                  void change(
                                    () => api.disableUser(u.id),
                                    `${u.username} was disabled.`,
                                  );
                                }}
                              >
                                Disable <span className="visually-hidden">{u.username}</span>
                              </button>
                            )}
                          </div>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function CreateUserForm({ onCreated }: { onCreated: () => void }) {
  const announce = useAnnounce();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('analyst');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.createUser({ username, role, password, ...(displayName ? { displayName } : {}) });
      announce(`Account ${username} created.`);
      setUsername('');
      setDisplayName('');
      setPassword('');
      onCreated();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="create-user-title">
      <h2 id="create-user-title">Add a user</h2>
      <form onSubmit={(e) => void submit(e)} className="form">
        <div className="form-row">
          <div className="field">
            <label htmlFor="new-username">Username</label>
            <input
              id="new-username"
              required
              autoComplete="off"
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="new-display">Name (optional)</label>
            <input
              id="new-display"
              autoComplete="off"
              value={displayName}
              onChange={(e) => setDisplayName(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="new-role">Role</label>
            <select id="new-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABEL[r]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="new-password">Temporary password</label>
            <input
              id="new-password"
              type="password"
              autoComplete="new-password"
              required
              aria-describedby="new-password-hint"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
        </div>
        <p className="hint" id="new-password-hint">
          Give it to the person through a separate channel (in person or by phone, not in the same
          email as the username) and ask them to change it on their Account page.
        </p>
        <ErrorMessage error={error} prefix="The account was not created" />
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Creating…' : 'Create account'}
          </button>
        </div>
      </form>
    </section>
  );
}

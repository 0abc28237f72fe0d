import type { User } from '../../api-types.ts';
import type { Queryable } from '../db/database.ts';
import type { Role } from '../http/access.ts';

/** A users row as the database returns it. Never leaves the auth module as is. */
export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  totp_secret: string | null;
  totp_enabled: boolean;
  totp_last_step: number | string | null;
  must_change_password: boolean;
  disabled: boolean;
  created_at: Date;
  last_login_at: Date | null;
  failed_logins: number;
  locked_until: Date | null;
}

// 1-64 characters: letters, digits and . _ @ - so that e-mail addresses and directory
// account names fit, and nothing that needs escaping in logs or URLs.
export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
export const USERNAME_RULE = '1 to 64 letters, digits or . _ @ -, starting with a letter or digit';

/** The public shape: no hash, no TOTP secret, no lockout counters. */
export function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    totpEnabled: row.totp_enabled,
    disabled: row.disabled,
    createdAt: row.created_at.toISOString(),
    lastLoginAt: row.last_login_at ? row.last_login_at.toISOString() : null,
  };
}

export async function findUserByUsername(
  q: Queryable,
  username: string,
): Promise<UserRow | undefined> {
  const rows = await q.query<UserRow>('SELECT * FROM users WHERE lower(username) = lower($1)', [
    username,
  ]);
  return rows[0];
}

export async function findUserById(q: Queryable, id: string): Promise<UserRow | undefined> {
  const rows = await q.query<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
  return rows[0];
}

export async function listUserRows(q: Queryable): Promise<UserRow[]> {
  return q.query<UserRow>('SELECT * FROM users ORDER BY lower(username)');
}

export async function countUserRows(q: Queryable): Promise<number> {
  const [row] = await q.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM users');
  return Number(row?.n ?? 0);
}

/** Enabled admins other than `exceptId`: the "never lock everyone out" check. */
export async function countOtherEnabledAdmins(q: Queryable, exceptId: string): Promise<number> {
  const [row] = await q.query<{ n: number | string }>(
    "SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND NOT disabled AND id <> $1",
    [exceptId],
  );
  return Number(row?.n ?? 0);
}

export async function revokeSessionsOf(
  q: Queryable,
  userId: string,
  exceptSessionId?: string,
): Promise<void> {
  if (exceptSessionId) {
    await q.query('DELETE FROM sessions WHERE user_id = $1 AND id <> $2', [
      userId,
      exceptSessionId,
    ]);
  } else {
    await q.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
  }
}

export async function revokeTokensOf(q: Queryable, userId: string, now: Date): Promise<void> {
  await q.query('UPDATE api_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL', [
    userId,
    now,
  ]);
}

import type { Me } from '../../api-types.ts';
import type { Principal } from '../http/access.ts';
import { HttpError, notFound } from '../http/errors.ts';
import type { AuthContext } from './auth-context.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { csrfTokenOf } from './sessions.ts';
import { findUserById, revokeSessionsOf, type UserRow } from './user-store.ts';
import { assertPasswordPolicy } from './users.ts';

export function toMe(user: UserRow, csrfToken: string, role = user.role): Me {
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    role,
    totpEnabled: user.totp_enabled,
    mustChangePassword: user.must_change_password,
    csrfToken,
  };
}

/** The caller as the UI needs it. A token caller gets its (possibly lower) token role and no CSRF token. */
export async function getMe(ctx: AuthContext, principal: Principal): Promise<Me> {
  const user = await findUserById(ctx.db, principal.userId);
  if (!user) throw notFound('user');
  const csrf = principal.sessionId ? await csrfTokenOf(ctx.db, principal.sessionId) : '';
  return toMe(user, csrf, principal.role);
}

/**
 * Changes the caller's own password. Every other session of the user ends (a password change
 * is what people do when they suspect someone else is signed in); the current one stays.
 */
export async function changeOwnPassword(
  ctx: AuthContext,
  principal: Principal,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const user = await findUserById(ctx.db, principal.userId);
  if (!user) throw notFound('user');
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new HttpError(
      400,
      'invalid_password',
      'currentPassword: does not match your current password',
      { field: 'currentPassword' },
    );
  }
  assertPasswordPolicy(
    ctx.passwordPolicy,
    'newPassword',
    input.newPassword,
    user.username,
    user.display_name,
  );
  const hash = await hashPassword(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    await tx.query(
      'UPDATE users SET password_hash = $2, must_change_password = false WHERE id = $1',
      [user.id, hash],
    );
    await revokeSessionsOf(tx, user.id, principal.sessionId);
    await ctx.audit.append(
      { actor: principal.username, action: 'user.password_change', target: user.username },
      tx,
    );
  });
}

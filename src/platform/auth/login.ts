import type { Principal } from '../http/access.ts';
import { HttpError } from '../http/errors.ts';
import type { AuthContext, RequestMeta } from './auth-context.ts';
import { verifyAgainstDummy, verifyPassword } from './password.ts';
import { createSession, type NewSession } from './sessions.ts';
import { checkTotpCode } from './totp.ts';
import { findUserByUsername, type UserRow } from './user-store.ts';

export const MAX_FAILED_LOGINS = 10;
export const LOCKOUT_MINUTES = 15;

export type LoginResult =
  | { status: 'totp_required' }
  | { status: 'ok'; user: UserRow; session: NewSession; principal: Principal };

// One answer for unknown user, wrong password, disabled account and lockout, so the response
// never tells an attacker which usernames exist or which account they managed to lock.
const invalidCredentials = () =>
  new HttpError(
    401,
    'invalid_credentials',
    `wrong username or password (after ${MAX_FAILED_LOGINS} failed attempts an account is locked for ${LOCKOUT_MINUTES} minutes)`,
  );

/**
 * Checks a password (and a TOTP code when the user enrolled one) and opens a session. Every
 * path spends one argon2 verification, including unknown users, so timing does not tell them
 * apart either.
 */
export async function login(
  ctx: AuthContext,
  input: { username: string; password: string; totp?: string | undefined },
  meta: RequestMeta,
): Promise<LoginResult> {
  const user = await findUserByUsername(ctx.db, input.username);
  if (!user || user.disabled) {
    await verifyAgainstDummy(input.password);
    // An unknown name is not recorded: it is often a password typed into the wrong field, and
    // the audit log can never be cleaned.
    await auditFailure(ctx, user ? user.username : null, meta, user ? 'disabled' : 'unknown_user');
    throw invalidCredentials();
  }
  const passwordOk = await verifyPassword(user.password_hash, input.password);
  const now = ctx.clock.now();
  if (user.locked_until && user.locked_until.getTime() > now.getTime()) {
    // A correct password does not unlock early, and attempts during the lock do not extend it.
    await auditFailure(ctx, user.username, meta, 'locked');
    throw invalidCredentials();
  }
  if (!passwordOk) {
    await recordFailure(ctx, user, meta, 'bad_password');
    throw invalidCredentials();
  }
  let totpStep: number | null = null;
  if (user.totp_enabled && user.totp_secret) {
    if (!input.totp) return { status: 'totp_required' };
    const lastStep = user.totp_last_step === null ? null : Number(user.totp_last_step);
    totpStep = checkTotpCode(ctx.secrets.open(user.totp_secret), input.totp, now, lastStep);
    if (totpStep === null) {
      await recordFailure(ctx, user, meta, 'bad_totp');
      throw new HttpError(
        401,
        'invalid_totp',
        'totp: the authentication code is wrong or was already used',
      );
    }
  }
  const session = await ctx.db.transaction(async (tx) => {
    await tx.query(
      `UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = $2,
         totp_last_step = COALESCE($3, totp_last_step) WHERE id = $1`,
      [user.id, now, totpStep],
    );
    return createSession(ctx, tx, user.id, meta);
  });
  const principal: Principal = {
    userId: user.id,
    username: user.username,
    role: user.role,
    via: 'session',
    sessionId: session.id,
  };
  return { status: 'ok', user: { ...user, last_login_at: now }, session, principal };
}

/** Counts a failure; the tenth in a row locks the account and starts a fresh count. */
async function recordFailure(
  ctx: AuthContext,
  user: UserRow,
  meta: RequestMeta,
  reason: string,
): Promise<void> {
  const now = ctx.clock.now();
  const lockUntil = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000);
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx.query<{ locked: boolean }>(
      `UPDATE users SET
         locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3 ELSE locked_until END,
         failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END
       WHERE id = $1 RETURNING locked_until = $3 AS locked`,
      [user.id, MAX_FAILED_LOGINS, lockUntil],
    );
    await ctx.audit.append(
      {
        actor: 'anonymous',
        ip: meta.ip,
        action: 'auth.login_failed',
        target: user.username,
        detail: { reason },
      },
      tx,
    );
    if (row?.locked) {
      ctx.log.warn(
        { username: user.username, until: lockUntil.toISOString() },
        'account locked after repeated failed logins',
      );
      await ctx.audit.append(
        {
          actor: 'system',
          ip: meta.ip,
          action: 'auth.locked',
          target: user.username,
          detail: { until: lockUntil.toISOString(), minutes: LOCKOUT_MINUTES },
        },
        tx,
      );
    }
  });
}

async function auditFailure(
  ctx: AuthContext,
  username: string | null,
  meta: RequestMeta,
  reason: string,
): Promise<void> {
  await ctx.audit.append({
    actor: 'anonymous',
    ip: meta.ip,
    action: 'auth.login_failed',
    target: username,
    detail: { reason },
  });
}

import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import type { TotpEnrolment } from '../../api-types.ts';
import type { Principal } from '../http/access.ts';
import { HttpError, conflict, notFound } from '../http/errors.ts';
import type { AuthContext } from './auth-context.ts';
import { verifyPassword } from './password.ts';
import { findUserById } from './user-store.ts';

// RFC 6238 defaults that every authenticator app supports. Window 1 accepts the previous and
// next 30-second step too, for phones whose clock is a little off.
const ALGORITHM = 'SHA1';
const DIGITS = 6;
const PERIOD = 30;
const WINDOW = 1;
const ISSUER = 'Ward';

/**
 * The time step a code belongs to, or null when it is wrong or not newer than `lastStep` (a
 * code is accepted once; replaying an observed code fails).
 */
export function checkTotpCode(
  base32Secret: string,
  code: string,
  now: Date,
  lastStep: number | null,
): number | null {
  const delta = TOTP.validate({
    token: code,
    secret: Secret.fromBase32(base32Secret),
    algorithm: ALGORITHM,
    digits: DIGITS,
    period: PERIOD,
    timestamp: now.getTime(),
    window: WINDOW,
  });
  if (delta === null) return null;
  const step = Math.floor(now.getTime() / 1000 / PERIOD) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

/** Starts enrolment: a new secret, stored sealed and not yet enabled until a code confirms it. */
export async function enrolTotp(ctx: AuthContext, principal: Principal): Promise<TotpEnrolment> {
  const user = await findUserById(ctx.db, principal.userId);
  if (!user) throw notFound('user');
  if (user.totp_enabled)
    throw conflict(
      'two-factor authentication is already on: disable it first to enrol a new device',
    );
  const secret = new Secret({ size: 20 });
  const totp = new TOTP({
    issuer: ISSUER,
    label: user.username,
    secret,
    algorithm: ALGORITHM,
    digits: DIGITS,
    period: PERIOD,
  });
  await ctx.db.query(
    'UPDATE users SET totp_secret = $2, totp_last_step = NULL WHERE id = $1 AND NOT totp_enabled',
    [user.id, ctx.secrets.seal(secret.base32)],
  );
  const uri = totp.toString();
  return { uri, qrDataUrl: await QRCode.toDataURL(uri), secret: secret.base32 };
}

export async function confirmTotp(
  ctx: AuthContext,
  principal: Principal,
  code: string,
): Promise<void> {
  const user = await findUserById(ctx.db, principal.userId);
  if (!user) throw notFound('user');
  if (user.totp_enabled) throw conflict('two-factor authentication is already on');
  if (!user.totp_secret)
    throw conflict('no enrolment in progress: start with POST /api/auth/totp/enrol');
  const step = checkTotpCode(ctx.secrets.open(user.totp_secret), code, ctx.clock.now(), null);
  if (step === null) {
    throw new HttpError(
      400,
      'invalid_code',
      'code: does not match; check that the device clock is right and enter the current code',
      {
        field: 'code',
      },
    );
  }
  await ctx.db.transaction(async (tx) => {
    await tx.query('UPDATE users SET totp_enabled = true, totp_last_step = $2 WHERE id = $1', [
      user.id,
      step,
    ]);
    await ctx.audit.append(
      { actor: principal.username, action: 'user.totp_enable', target: user.username },
      tx,
    );
  });
}

/** Turns the second factor off; asks for the password so a borrowed session cannot do it. */
export async function disableTotp(
  ctx: AuthContext,
  principal: Principal,
  password: string,
): Promise<void> {
  const user = await findUserById(ctx.db, principal.userId);
  if (!user) throw notFound('user');
  if (!(await verifyPassword(user.password_hash, password))) {
    throw new HttpError(400, 'invalid_password', 'password: does not match your current password', {
      field: 'password',
    });
  }
  await ctx.db.transaction(async (tx) => {
    await tx.query(
      'UPDATE users SET totp_enabled = false, totp_secret = NULL, totp_last_step = NULL WHERE id = $1',
      [user.id],
    );
    await ctx.audit.append(
      { actor: principal.username, action: 'user.totp_disable', target: user.username },
      tx,
    );
  });
}

/** An admin's recovery path for a lost phone (`ward users reset-totp`): the user signs in with the password alone. */
export async function resetTotpOf(
  ctx: AuthContext,
  username: string,
  actor: string,
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const rows = await tx.query<{ username: string }>(
      `UPDATE users SET totp_enabled = false, totp_secret = NULL, totp_last_step = NULL
       WHERE lower(username) = lower($1) RETURNING username`,
      [username],
    );
    if (!rows[0]) throw notFound(`user "${username}"`);
    await ctx.audit.append({ actor, action: 'user.totp_reset', target: rows[0].username }, tx);
  });
}

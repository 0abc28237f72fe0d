import type { User } from '../../api-types.ts';
import type { Queryable } from '../db/database.ts';
import { isUniqueViolation } from '../db/database.ts';
import type { Role } from '../http/access.ts';
import { HttpError, badRequest, conflict, notFound } from '../http/errors.ts';
import { USERS_LOCK, type AuthContext } from './auth-context.ts';
import { hashPassword } from './password.ts';
import type { PasswordChecker } from './password-policy.ts';
import {
  USERNAME_PATTERN,
  USERNAME_RULE,
  countOtherEnabledAdmins,
  countUserRows,
  findUserById,
  findUserByUsername,
  revokeSessionsOf,
  revokeTokensOf,
  toUser,
  type UserRow,
} from './user-store.ts';

export interface CreateUserInput {
  username: string;
  password: string;
  role: Role;
  displayName?: string | undefined;
  mustChangePassword?: boolean | undefined;
}

export interface UserPatch {
  displayName?: string | undefined;
  role?: Role | undefined;
  disabled?: boolean | undefined;
  /** An admin setting a new password: the user must change it at next login. */
  password?: string | undefined;
}

/** Refuses a password that fails the policy, naming the field and every reason. */
export function assertPasswordPolicy(
  checkPassword: PasswordChecker,
  field: string,
  password: string,
  username: string,
  displayName?: string | null,
): void {
  const reasons = checkPassword(password, { username, displayName });
  if (reasons.length > 0) {
    throw new HttpError(400, 'weak_password', `${field}: ${reasons.join(' ')}`, { field, reasons });
  }
}

/** A user checked and hashed, ready to insert. Hashing happens before any transaction opens:
 * argon2 takes tens of milliseconds, and PGlite's one connection would wait for it. */
export interface PreparedUser {
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  mustChangePassword: boolean;
}

export async function prepareUser(
  checkPassword: PasswordChecker,
  input: CreateUserInput,
): Promise<PreparedUser> {
  if (!USERNAME_PATTERN.test(input.username))
    throw badRequest(`username: ${USERNAME_RULE}`, { field: 'username' });
  const displayName = input.displayName?.trim() || input.username;
  assertPasswordPolicy(checkPassword, 'password', input.password, input.username, displayName);
  return {
    username: input.username,
    displayName,
    role: input.role,
    passwordHash: await hashPassword(input.password),
    mustChangePassword: input.mustChangePassword ?? false,
  };
}

/** Inserts a prepared user inside `tx`, with its audit entry. */
export async function insertUser(
  ctx: AuthContext,
  tx: Queryable,
  user: PreparedUser,
  actor: string,
): Promise<UserRow> {
  let row: UserRow | undefined;
  try {
    [row] = await tx.query<UserRow>(
      `INSERT INTO users (username, display_name, role, password_hash, must_change_password, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [
        user.username,
        user.displayName,
        user.role,
        user.passwordHash,
        user.mustChangePassword,
        ctx.clock.now(),
      ],
    );
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw conflict(`username: "${user.username}" is already taken`, { field: 'username' });
    }
    throw err;
  }
  await ctx.audit.append(
    { actor, action: 'user.create', target: user.username, detail: { role: user.role } },
    tx,
  );
  return row!;
}

export async function createUser(
  ctx: AuthContext,
  input: CreateUserInput,
  actor: string,
): Promise<User> {
  const prepared = await prepareUser(ctx.passwordPolicy, input);
  return toUser(await ctx.db.transaction((tx) => insertUser(ctx, tx, prepared, actor)));
}

/**
 * Creates the first admin, only while no user exists. The lock makes two browsers submitting
 * the setup form at once end with one admin and one 409.
 */
export async function createFirstAdmin(
  ctx: AuthContext,
  input: { username: string; password: string; displayName?: string | undefined },
): Promise<UserRow> {
  // Checked before hashing too, so a finished setup answers 409 without spending argon2 time.
  if ((await countUserRows(ctx.db)) > 0) throw setupDone();
  const prepared = await prepareUser(ctx.passwordPolicy, { ...input, role: 'admin' });
  return ctx.db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [USERS_LOCK]);
    if ((await countUserRows(tx)) > 0) throw setupDone();
    return insertUser(ctx, tx, prepared, input.username);
  });
}

const setupDone = () => conflict('setup is already done: sign in instead');

/**
 * Applies an admin's change to a user. Disabling revokes the user's sessions and tokens; a new
 * password revokes sessions, clears a lockout and asks for a change at next login. Never leaves
 * Ward without an enabled admin.
 */
export async function updateUser(
  ctx: AuthContext,
  id: string,
  patch: UserPatch,
  actor: string,
): Promise<User> {
  let newHash: string | undefined;
  if (patch.password !== undefined) {
    const current = await findUserById(ctx.db, id);
    if (!current) throw notFound('user');
    assertPasswordPolicy(
      ctx.passwordPolicy,
      'password',
      patch.password,
      current.username,
      patch.displayName?.trim() || current.display_name,
    );
    newHash = await hashPassword(patch.password);
  }
  return ctx.db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [USERS_LOCK]);
    const user = await findUserById(tx, id);
    if (!user) throw notFound('user');
    const losesAdmin =
      user.role === 'admin' &&
      !user.disabled &&
      ((patch.role !== undefined && patch.role !== 'admin') || patch.disabled === true);
    if (losesAdmin && (await countOtherEnabledAdmins(tx, id)) === 0) {
      throw new HttpError(
        409,
        'last_admin',
        'this is the last enabled admin: make another user admin first',
      );
    }
    const now = ctx.clock.now();
    const displayName = patch.displayName?.trim() || user.display_name;
    const reset = newHash !== undefined;
    const [row] = await tx.query<UserRow>(
      `UPDATE users SET display_name = $2, role = $3, disabled = $4, password_hash = $5,
         must_change_password = must_change_password OR $6,
         failed_logins = CASE WHEN $6 THEN 0 ELSE failed_logins END,
         locked_until = CASE WHEN $6 THEN NULL ELSE locked_until END
       WHERE id = $1 RETURNING *`,
      [
        id,
        displayName,
        patch.role ?? user.role,
        patch.disabled ?? user.disabled,
        newHash ?? user.password_hash,
        reset,
      ],
    );
    if (reset || patch.disabled === true) await revokeSessionsOf(tx, id);
    if (patch.disabled === true) await revokeTokensOf(tx, id, now);
    const changed = Object.keys(patch).filter(
      (k) => k !== 'password' && patch[k as keyof UserPatch] !== undefined,
    );
    await ctx.audit.append(
      {
        actor,
        action: 'user.update',
        target: user.username,
        detail: { changed, passwordReset: reset, role: row!.role, disabled: row!.disabled },
      },
      tx,
    );
    return toUser(row!);
  });
}

/** `ward users reset-password`: like an admin's PATCH with a password, by username. */
export async function resetPassword(
  ctx: AuthContext,
  username: string,
  newPassword: string,
  actor: string,
): Promise<void> {
  const user = await findUserByUsername(ctx.db, username);
  if (!user) throw notFound(`user "${username}"`);
  await updateUser(ctx, user.id, { password: newPassword }, actor);
}

import type { ApiToken, CreatedApiToken } from '../../api-types.ts';
import type { Principal, Role } from '../http/access.ts';
import { HttpError, notFound } from '../http/errors.ts';
import type { AuthContext } from './auth-context.ts';
import { roleExceeds, weakerRole } from './roles.ts';
import { randomToken, sha256Hex } from './secure-random.ts';

// The prefix makes a leaked token recognisable to secret scanners and in logs.
export const TOKEN_PREFIX = 'ward_';
const TOUCH_AFTER_MS = 60_000;

interface TokenRow {
  id: string;
  name: string;
  role: Role;
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date | null;
}

function toApiToken(row: TokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    expiresAt: row.expires_at?.toISOString() ?? null,
  };
}

export async function createApiToken(
  ctx: AuthContext,
  owner: Principal,
  input: { name: string; role?: Role | undefined; expiresInDays?: number | undefined },
): Promise<CreatedApiToken> {
  const role = input.role ?? owner.role;
  if (roleExceeds(role, owner.role)) {
    throw new HttpError(
      403,
      'role_exceeds',
      `role: a token cannot have a higher role than yours (${owner.role})`,
      { field: 'role' },
    );
  }
  const token = TOKEN_PREFIX + randomToken();
  const now = ctx.clock.now();
  const expires = input.expiresInDays
    ? new Date(now.getTime() + input.expiresInDays * 86_400_000)
    : null;
  const row = await ctx.db.transaction(async (tx) => {
    const [inserted] = await tx.query<TokenRow>(
      `INSERT INTO api_tokens (user_id, name, token_hash, role, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, name, role, created_at, last_used_at, expires_at`,
      [owner.userId, input.name, sha256Hex(token), role, now, expires],
    );
    await ctx.audit.append(
      {
        actor: owner.username,
        action: 'token.create',
        target: inserted!.id,
        detail: { name: input.name, role },
      },
      tx,
    );
    return inserted!;
  });
  return { ...toApiToken(row), token };
}

/** The user's tokens that are not revoked (expired ones too, so they can be seen and removed). */
export async function listApiTokens(ctx: AuthContext, userId: string): Promise<ApiToken[]> {
  const rows = await ctx.db.query<TokenRow>(
    `SELECT id, name, role, created_at, last_used_at, expires_at FROM api_tokens
     WHERE user_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC`,
    [userId],
  );
  return rows.map(toApiToken);
}

/** Revokes one of the caller's tokens; admins may revoke anyone's. 404 otherwise (no hint that it exists). */
export async function revokeApiToken(
  ctx: AuthContext,
  caller: Principal,
  id: string,
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const rows = await tx.query<{ id: string }>(
      `UPDATE api_tokens SET revoked_at = $3 WHERE id = $1 AND revoked_at IS NULL AND (user_id = $2 OR $4)
       RETURNING id`,
      [id, caller.userId, ctx.clock.now(), caller.role === 'admin'],
    );
    if (rows.length === 0) throw notFound('token');
    await ctx.audit.append({ actor: caller.username, action: 'token.revoke', target: id }, tx);
  });
}

/**
 * The principal for a bearer token: not revoked, not expired, owner enabled. The role is the
 * token's, but never above the owner's current role (a demoted admin's tokens are demoted too).
 */
export async function findTokenPrincipal(
  ctx: AuthContext,
  token: string,
): Promise<Principal | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const now = ctx.clock.now();
  const [row] = await ctx.db.query<{
    id: string;
    role: Role;
    last_used_at: Date | null;
    user_id: string;
    username: string;
    user_role: Role;
  }>(
    `SELECT t.id, t.role, t.last_used_at, u.id AS user_id, u.username, u.role AS user_role
     FROM api_tokens t JOIN users u ON u.id = t.user_id
     WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $2) AND NOT u.disabled`,
    [sha256Hex(token), now],
  );
  if (!row) return null;
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() >= TOUCH_AFTER_MS) {
    await ctx.db.query('UPDATE api_tokens SET last_used_at = $2 WHERE id = $1', [row.id, now]);
  }
  return {
    userId: row.user_id,
    username: row.username,
    role: weakerRole(row.role, row.user_role),
    via: 'token',
    tokenId: row.id,
  };
}

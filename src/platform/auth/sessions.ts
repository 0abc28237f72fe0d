import type { Queryable } from '../db/database.ts';
import type { Principal, Role } from '../http/access.ts';
import type { AuthContext, RequestMeta } from './auth-context.ts';
import { randomToken, sha256Hex } from './secure-random.ts';

export interface NewSession {
  id: string;
  /** Goes into the ward_session cookie; only its sha256 is stored. */
  token: string;
  csrfToken: string;
}

// Touching last_seen_at on every request would write on every read; once a minute is enough
// for a sliding expiry measured in hours.
const TOUCH_AFTER_MS = 60_000;

export async function createSession(
  ctx: AuthContext,
  q: Queryable,
  userId: string,
  meta: RequestMeta,
): Promise<NewSession> {
  const token = randomToken();
  const csrfToken = randomToken();
  const now = ctx.clock.now();
  // Expired sessions of everyone go on each login: cheap with the index, and no sweeper job.
  await q.query('DELETE FROM sessions WHERE expires_at <= $1', [now]);
  const [row] = await q.query<{ id: string }>(
    `INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, ip, user_agent)
     VALUES ($1, $2, $3, $4, $4, $5, $6, $7) RETURNING id`,
    [
      sha256Hex(token),
      userId,
      csrfToken,
      now,
      expiresAt(ctx, now),
      meta.ip,
      meta.userAgent?.slice(0, 512) ?? null,
    ],
  );
  return { id: row!.id, token, csrfToken };
}

/** The session for a cookie value, sliding its expiry; null when unknown, expired or the user is disabled. */
export async function findSession(
  ctx: AuthContext,
  token: string,
): Promise<{ principal: Principal; csrfToken: string; mustChangePassword: boolean } | null> {
  const [row] = await ctx.db.query<{
    id: string;
    csrf_token: string;
    last_seen_at: Date;
    expires_at: Date;
    user_id: string;
    username: string;
    role: Role;
    must_change_password: boolean;
  }>(
    `SELECT s.id, s.csrf_token, s.last_seen_at, s.expires_at, u.id AS user_id, u.username, u.role,
            u.must_change_password
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND NOT u.disabled`,
    [sha256Hex(token)],
  );
  if (!row) return null;
  const now = ctx.clock.now();
  if (row.expires_at.getTime() <= now.getTime()) {
    await ctx.db.query('DELETE FROM sessions WHERE id = $1', [row.id]);
    return null;
  }
  if (now.getTime() - row.last_seen_at.getTime() >= TOUCH_AFTER_MS) {
    await ctx.db.query('UPDATE sessions SET last_seen_at = $2, expires_at = $3 WHERE id = $1', [
      row.id,
      now,
      expiresAt(ctx, now),
    ]);
  }
  return {
    principal: {
      userId: row.user_id,
      username: row.username,
      role: row.role,
      via: 'session',
      sessionId: row.id,
    },
    csrfToken: row.csrf_token,
    mustChangePassword: row.must_change_password,
  };
}

export async function csrfTokenOf(q: Queryable, sessionId: string): Promise<string> {
  const [row] = await q.query<{ csrf_token: string }>(
    'SELECT csrf_token FROM sessions WHERE id = $1',
    [sessionId],
  );
  return row?.csrf_token ?? '';
}

export async function deleteSession(q: Queryable, sessionId: string): Promise<void> {
  await q.query('DELETE FROM sessions WHERE id = $1', [sessionId]);
}

function expiresAt(ctx: AuthContext, now: Date): Date {
  return new Date(now.getTime() + ctx.sessionHours * 3_600_000);
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { LoginResponse, Me, SetupStatus } from '../../api-types.ts';
import { READ, type Principal } from '../http/access.ts';
import { unauthorized } from '../http/errors.ts';
import type { HttpServer } from '../http/server.ts';
import type { AuthContext, RequestMeta } from './auth-context.ts';
import { clearSessionCookies, setSessionCookies } from './cookies.ts';
import { login } from './login.ts';
import { changeOwnPassword, getMe, toMe } from './own-account.ts';
import { createSession, deleteSession, type NewSession } from './sessions.ts';
import { USERNAME_PATTERN, USERNAME_RULE, countUserRows } from './user-store.ts';
import { createFirstAdmin } from './users.ts';

// Routes that check a password get the login limit: 10 per minute per client address.
export const PASSWORD_RATE_LIMIT = { max: 10, timeWindow: '1 minute' } as const;

export const usernameSchema = z.string().regex(USERNAME_PATTERN, USERNAME_RULE);
// The policy (15-256 characters) is checked by the domain code with readable reasons; this
// bound only keeps absurd bodies away from argon2.
export const passwordSchema = z.string().min(1).max(1024);
export const displayNameSchema = z.string().trim().min(1).max(200);
const totpCodeSchema = z.string().regex(/^\d{6}$/, 'six digits');

const setupBody = z.object({
  username: usernameSchema,
  password: passwordSchema,
  displayName: displayNameSchema.optional(),
});
const loginBody = z.object({
  username: z.string().min(1).max(200),
  password: passwordSchema,
  totp: totpCodeSchema.optional(),
});
const passwordBody = z.object({ currentPassword: passwordSchema, newPassword: passwordSchema });

export function requestMeta(request: FastifyRequest): RequestMeta {
  return { ip: request.ip ?? null, userAgent: request.headers['user-agent'] ?? null };
}

/** The caller of a non-public route; the server's access hook has already checked it. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized();
  return request.principal;
}

/** First-run setup, login, logout, the caller's own account. */
export function registerAuthRoutes(http: HttpServer, ctx: AuthContext): void {
  http.get('/api/setup', { config: { access: 'public' } }, async (): Promise<SetupStatus> => ({
    needsSetup: (await countUserRows(ctx.db)) === 0,
  }));

  http.post(
    '/api/setup',
    { config: { access: 'public', rateLimit: PASSWORD_RATE_LIMIT }, schema: { body: setupBody } },
    async (request, reply): Promise<Me> => {
      const user = await createFirstAdmin(ctx, request.body);
      const session = await ctx.db.transaction((tx) =>
        createSession(ctx, tx, user.id, requestMeta(request)),
      );
      const principal: Principal = {
        userId: user.id,
        username: user.username,
        role: user.role,
        via: 'session',
        sessionId: session.id,
      };
      signIn(request, reply, ctx, principal, session);
      return toMe(user, session.csrfToken);
    },
  );

  http.post(
    '/api/auth/login',
    { config: { access: 'public', rateLimit: PASSWORD_RATE_LIMIT }, schema: { body: loginBody } },
    async (request, reply): Promise<LoginResponse> => {
      const result = await login(ctx, request.body, requestMeta(request));
      if (result.status === 'totp_required') return { status: 'totp_required' };
      signIn(request, reply, ctx, result.principal, result.session);
      return { status: 'ok', me: toMe(result.user, result.session.csrfToken) };
    },
  );

  http.post('/api/auth/logout', { config: { access: READ } }, async (request, reply) => {
    const principal = principalOf(request);
    if (principal.sessionId) await deleteSession(ctx.db, principal.sessionId);
    clearSessionCookies(reply, ctx.secureCookies);
    return reply.status(204).send();
  });

  http.get('/api/auth/me', { config: { access: READ } }, async (request): Promise<Me> =>
    getMe(ctx, principalOf(request)),
  );

  http.post(
    '/api/auth/password',
    { config: { access: READ, rateLimit: PASSWORD_RATE_LIMIT }, schema: { body: passwordBody } },
    async (request, reply) => {
      await changeOwnPassword(ctx, principalOf(request), request.body);
      return reply.status(204).send();
    },
  );
}

/** Sets the cookies and the request's principal, so the audit hook records who signed in. */
function signIn(
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: AuthContext,
  principal: Principal,
  session: NewSession,
): void {
  setSessionCookies(reply, session, ctx.secureCookies);
  request.principal = principal;
}

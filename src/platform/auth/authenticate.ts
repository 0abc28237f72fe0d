import type { FastifyRequest } from 'fastify';
import type { Principal } from '../http/access.ts';
import { HttpError } from '../http/errors.ts';
import { findTokenPrincipal } from './api-tokens.ts';
import type { AuthContext } from './auth-context.ts';
import { SESSION_COOKIE } from './cookies.ts';
import { findSession } from './sessions.ts';
import { safeEqual } from './secure-random.ts';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// With a one-time password (the demo's, or after an admin reset) a session may only read who it
// is, choose a new password or leave: the printed password must not be a working credential.
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set([
  'GET /api/auth/me',
  'POST /api/auth/password',
  'POST /api/auth/logout',
]);

/**
 * Who is calling: an API token in `Authorization: Bearer` (scripts; no CSRF check, since a
 * browser never attaches it by itself), else the session cookie. A cookie request that changes
 * state must echo the session's CSRF token in `x-csrf-token`, or it is refused with 403 `csrf`.
 */
export async function authenticateRequest(
  ctx: AuthContext,
  request: FastifyRequest,
): Promise<Principal | null> {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    // A malformed or unknown token is not silently replaced by the cookie: the caller meant it.
    return match ? findTokenPrincipal(ctx, match[1]!) : null;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return null;
  const found = await findSession(ctx, cookie);
  if (!found) return null;
  if (MUTATING.has(request.method)) {
    const header = request.headers['x-csrf-token'];
    if (typeof header !== 'string' || !safeEqual(header, found.csrfToken)) {
      throw new HttpError(
        403,
        'csrf',
        'missing or wrong x-csrf-token header: send the value of the ward_csrf cookie',
      );
    }
  }
  if (
    found.mustChangePassword &&
    !ALLOWED_BEFORE_PASSWORD_CHANGE.has(`${request.method} ${request.routeOptions.url}`)
  ) {
    throw new HttpError(
      403,
      'password_change_required',
      'choose a new password first (POST /api/auth/password)',
    );
  }
  return found.principal;
}

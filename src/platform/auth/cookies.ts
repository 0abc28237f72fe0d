import type { FastifyReply } from 'fastify';
import type { NewSession } from './sessions.ts';

export const SESSION_COOKIE = 'ward_session';
export const CSRF_COOKIE = 'ward_csrf';

/**
 * The session cookie is HttpOnly so page scripts never see it; the CSRF cookie is readable so
 * the UI can echo it in `x-csrf-token` (double submit, checked against the session's copy).
 * SameSite=Strict keeps both off cross-site requests. No Max-Age: the server-side sliding
 * expiry decides how long a session lives.
 */
export function setSessionCookies(reply: FastifyReply, session: NewSession, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
  });
  reply.setCookie(CSRF_COOKIE, session.csrfToken, {
    httpOnly: false,
    sameSite: 'strict',
    secure,
    path: '/',
  });
}

export function clearSessionCookies(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure, path: '/' });
  reply.clearCookie(CSRF_COOKIE, { httpOnly: false, sameSite: 'strict', secure, path: '/' });
}

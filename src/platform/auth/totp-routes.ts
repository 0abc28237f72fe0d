import { z } from 'zod';
import type { TotpEnrolment } from '../../api-types.ts';
import { READ } from '../http/access.ts';
import type { HttpServer } from '../http/server.ts';
import type { AuthContext } from './auth-context.ts';
import { PASSWORD_RATE_LIMIT, passwordSchema, principalOf } from './auth-routes.ts';
import { confirmTotp, disableTotp, enrolTotp } from './totp.ts';

const confirmBody = z.object({ code: z.string().regex(/^\d{6}$/, 'six digits') });
const disableBody = z.object({ password: passwordSchema });

/** Enrolment of the caller's own authenticator app (TOTP, RFC 6238). */
export function registerTotpRoutes(http: HttpServer, ctx: AuthContext): void {
  http.post(
    '/api/auth/totp/enrol',
    { config: { access: READ } },
    async (request): Promise<TotpEnrolment> => enrolTotp(ctx, principalOf(request)),
  );

  http.post(
    '/api/auth/totp/confirm',
    { config: { access: READ, rateLimit: PASSWORD_RATE_LIMIT }, schema: { body: confirmBody } },
    async (request, reply) => {
      await confirmTotp(ctx, principalOf(request), request.body.code);
      return reply.status(204).send();
    },
  );

  http.post(
    '/api/auth/totp/disable',
    { config: { access: READ, rateLimit: PASSWORD_RATE_LIMIT }, schema: { body: disableBody } },
    async (request, reply) => {
      await disableTotp(ctx, principalOf(request), request.body.password);
      return reply.status(204).send();
    },
  );
}

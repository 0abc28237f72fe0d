import { z } from 'zod';
import type { ApiToken, CreatedApiToken } from '../../api-types.ts';
import { ALL_ROLES, READ, type Role } from '../http/access.ts';
import type { HttpServer } from '../http/server.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.ts';
import type { AuthContext } from './auth-context.ts';
import { principalOf } from './auth-routes.ts';

const createBody = z.object({
  name: z.string().trim().min(1).max(100),
  role: z.enum(ALL_ROLES as [Role, ...Role[]]).optional(),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
const idParams = z.object({ id: z.uuid() });

/** The caller's own API tokens, for scripts and integrations (`Authorization: Bearer ward_...`). */
export function registerTokenRoutes(http: HttpServer, ctx: AuthContext): void {
  http.get('/api/tokens', { config: { access: READ } }, async (request): Promise<ApiToken[]> =>
    listApiTokens(ctx, principalOf(request).userId),
  );

  http.post(
    '/api/tokens',
    { config: { access: READ }, schema: { body: createBody } },
    async (request, reply): Promise<CreatedApiToken> => {
      const created = await createApiToken(ctx, principalOf(request), request.body);
      return reply.status(201).send(created);
    },
  );

  http.delete(
    '/api/tokens/:id',
    { config: { access: READ }, schema: { params: idParams } },
    async (request, reply) => {
      await revokeApiToken(ctx, principalOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
}

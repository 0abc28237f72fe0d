import { z } from 'zod';
import type { User } from '../../api-types.ts';
import { ADMIN, ALL_ROLES, type Role } from '../http/access.ts';
import type { HttpServer } from '../http/server.ts';
import type { AuthContext } from './auth-context.ts';
import { displayNameSchema, passwordSchema, principalOf, usernameSchema } from './auth-routes.ts';
import { listUserRows, toUser } from './user-store.ts';
import { createUser, updateUser } from './users.ts';

const roleSchema = z.enum(ALL_ROLES as [Role, ...Role[]]);
const idParams = z.object({ id: z.uuid() });
const createBody = z.object({
  username: usernameSchema,
  displayName: displayNameSchema.optional(),
  role: roleSchema,
  password: passwordSchema,
});
const updateBody = z
  .object({
    displayName: displayNameSchema.optional(),
    role: roleSchema.optional(),
    disabled: z.boolean().optional(),
    password: passwordSchema.optional(),
  })
  .strict();

/** User administration (admins only). Users are disabled, never deleted: the audit log names them. */
export function registerUserRoutes(http: HttpServer, ctx: AuthContext): void {
  http.get('/api/users', { config: { access: ADMIN } }, async (): Promise<User[]> =>
    (await listUserRows(ctx.db)).map(toUser),
  );

  http.post(
    '/api/users',
    { config: { access: ADMIN }, schema: { body: createBody } },
    async (request, reply): Promise<User> => {
      const user = await createUser(ctx, request.body, principalOf(request).username);
      return reply.status(201).send(user);
    },
  );

  http.patch(
    '/api/users/:id',
    { config: { access: ADMIN }, schema: { params: idParams, body: updateBody } },
    async (request): Promise<User> =>
      updateUser(ctx, request.params.id, request.body, principalOf(request).username),
  );

  http.delete(
    '/api/users/:id',
    { config: { access: ADMIN }, schema: { params: idParams } },
    async (request, reply) => {
      await updateUser(ctx, request.params.id, { disabled: true }, principalOf(request).username);
      return reply.status(204).send();
    },
  );
}

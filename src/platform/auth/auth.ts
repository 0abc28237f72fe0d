import type { FastifyRequest } from 'fastify';
import type { User } from '../../api-types.ts';
import type { MigrationSet } from '../db/migrate.ts';
import type { Principal, Role } from '../http/access.ts';
import type { WardModule } from '../module.ts';
import type { AuthContext } from './auth-context.ts';
import { registerAuthRoutes } from './auth-routes.ts';
import { checkPasswordPolicy, type PasswordChecker } from './password-policy.ts';
import { authenticateRequest } from './authenticate.ts';
import { registerTokenRoutes } from './token-routes.ts';
import { registerTotpRoutes } from './totp-routes.ts';
import { resetTotpOf } from './totp.ts';
import { countUserRows, listUserRows, toUser } from './user-store.ts';
import { registerUserRoutes } from './user-routes.ts';
import { createUser, resetPassword } from './users.ts';

/**
 * What createAuth needs: the context every auth function shares. Without a passwordPolicy the
 * platform's own NIST checker applies (tests, and any wiring without the credentials safeguard).
 */
export type AuthDeps = Omit<AuthContext, 'passwordPolicy'> & {
  passwordPolicy?: PasswordChecker | undefined;
};

/** Users, sessions, API tokens and TOTP: what app.ts and the CLI use. */
export interface Auth {
  /** For the HTTP server's access hook: the caller, or null; throws HttpError 403 `csrf`. */
  authenticate(request: FastifyRequest): Promise<Principal | null>;
  /** Migrations (module `auth`) and the /api/setup, /api/auth, /api/users, /api/tokens routes. */
  module: WardModule;
  /** Creates a user after the password policy check; `actor` is who does it, for the audit log. */
  createUser(
    input: {
      username: string;
      password: string;
      role: Role;
      displayName?: string;
      mustChangePassword?: boolean;
    },
    actor: string,
  ): Promise<User>;
  listUsers(): Promise<User[]>;
  countUsers(): Promise<number>;
  /** Sets a new password, unlocks, ends the user's sessions and asks for a change at next login. */
  resetPassword(username: string, newPassword: string, actor: string): Promise<void>;
  /** Turns off a user's second factor (lost device); they sign in with the password alone. */
  resetTotp(username: string, actor: string): Promise<void>;
}

/** The auth tables; also what tests migrate a database with. */
export const AUTH_MIGRATIONS: MigrationSet = {
  module: 'auth',
  dir: new URL('./migrations/', import.meta.url),
};

export function createAuth(deps: AuthDeps): Auth {
  const ctx: AuthContext = { ...deps, passwordPolicy: deps.passwordPolicy ?? checkPasswordPolicy };
  return {
    authenticate: (request) => authenticateRequest(ctx, request),
    module: {
      name: 'auth',
      migrations: AUTH_MIGRATIONS,
      registerRoutes(http) {
        registerAuthRoutes(http, ctx);
        registerTotpRoutes(http, ctx);
        registerUserRoutes(http, ctx);
        registerTokenRoutes(http, ctx);
      },
    },
    createUser: (input, actor) => createUser(ctx, input, actor),
    listUsers: async () => (await listUserRows(ctx.db)).map(toUser),
    countUsers: () => countUserRows(ctx.db),
    resetPassword: (username, newPassword, actor) =>
      resetPassword(ctx, username, newPassword, actor),
    resetTotp: (username, actor) => resetTotpOf(ctx, username, actor),
  };
}

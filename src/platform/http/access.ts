/** Ward's three roles. `auditor` reads everything and changes nothing. */
export type Role = 'admin' | 'analyst' | 'auditor';
export const ALL_ROLES: readonly Role[] = ['admin', 'analyst', 'auditor'];

/**
 * What a route allows. Every route under /api must declare one (the server refuses to start
 * otherwise); `public` is for the few that must work before login (health, login, first setup).
 */
export type Access = 'public' | readonly Role[];

/** Shorthands that read well in route definitions. */
export const READ: readonly Role[] = ['admin', 'analyst', 'auditor'];
export const WRITE: readonly Role[] = ['admin', 'analyst'];
export const ADMIN: readonly Role[] = ['admin'];

/** Who is making a request, once authenticated. */
export interface Principal {
  userId: string;
  username: string;
  role: Role;
  /** session: browser cookie (CSRF-checked); token: API token in Authorization: Bearer. */
  via: 'session' | 'token';
  sessionId?: string;
  tokenId?: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /**
     * false: no automatic audit entry for this state-changing route. Only for data intake at
     * machine rate (event ingest), where the entries would drown the log; the route must say why.
     */
    audit?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

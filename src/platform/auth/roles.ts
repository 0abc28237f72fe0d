import type { Role } from '../http/access.ts';

// admin > analyst > auditor: each role can do what the ones below it can.
const RANK: Record<Role, number> = { auditor: 1, analyst: 2, admin: 3 };

export function roleExceeds(role: Role, limit: Role): boolean {
  return RANK[role] > RANK[limit];
}

/** The weaker of two roles: a token never acts above its owner's current role. */
export function weakerRole(a: Role, b: Role): Role {
  return RANK[a] <= RANK[b] ? a : b;
}

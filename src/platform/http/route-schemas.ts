import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { unauthorized } from './errors.ts';

/** `:id` path parameters are uuids; anything else is a 400 that names the parameter. */
export const idParams = z.object({ id: z.uuid() });

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
};

/**
 * A list filter given as `severity=critical,high` or `severity=critical&severity=high`.
 * Each value must be one of `values`; the error names the field and the bad value's position.
 */
export function csvEnum<T extends string>(values: readonly T[]) {
  return z.preprocess(
    (v) =>
      v === undefined
        ? v
        : (Array.isArray(v) ? v : [v])
            .flatMap((s) => String(s).split(','))
            .map((s) => s.trim())
            .filter(Boolean),
    z.array(z.enum(values as [T, ...T[]])).optional(),
  );
}

/** Who is asking. Routes run after the access check, so a missing principal is a server bug. */
export function actorOf(request: FastifyRequest): string {
  if (!request.principal) throw unauthorized();
  return request.principal.username;
}

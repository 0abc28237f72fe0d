import { z } from 'zod';
import type { Database } from '../db/database.ts';
import type { WardModule } from '../module.ts';
import type { HttpServer } from './server.ts';

const healthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['pglite', 'postgres']),
  databaseOk: z.boolean(),
  version: z.string(),
});

/**
 * GET /api/health, public so load balancers and `docker healthcheck`-style probes can use it.
 * It says whether the database answers and nothing about the data.
 */
export function createHealthModule(db: Database, version: string): WardModule {
  return {
    name: 'health',
    registerRoutes(http: HttpServer) {
      http.get(
        '/api/health',
        {
          config: { access: 'public', rateLimit: false },
          schema: { response: { 200: healthResponse, 503: healthResponse } },
        },
        async (_req, reply) => {
          const databaseOk = await db.query('SELECT 1').then(
            () => true,
            () => false,
          );
          return reply.status(databaseOk ? 200 : 503).send({
            status: databaseOk ? 'ok' : 'degraded',
            database: db.kind,
            databaseOk,
            version,
          });
        },
      );
    },
  };
}

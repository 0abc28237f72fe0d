import { z } from 'zod';
import { SAFEGUARDS, type Posture, type Safeguard, type TrendPoint } from '../../api-types.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/index.ts';
import { READ, type HttpServer } from '../../platform/http/index.ts';
import { loadPosture } from '../posture/posture.ts';
import { loadTrend } from '../posture/snapshots.ts';

const trendQuery = z.object({
  days: z.coerce.number().int().min(1).max(730).default(30),
  safeguard: z.enum(SAFEGUARDS as [Safeguard, ...Safeguard[]]).optional(),
});

/** The dashboard: where each safeguard stands, and open findings over time. */
export function registerPostureRoutes(
  http: HttpServer,
  deps: { db: Database; clock: Clock },
): void {
  http.get('/api/posture', { config: { access: READ } }, async (): Promise<Posture> =>
    loadPosture(deps.db, deps.clock.now()),
  );

  http.get(
    '/api/posture/trend',
    { config: { access: READ }, schema: { querystring: trendQuery } },
    async (request): Promise<TrendPoint[]> =>
      loadTrend(deps.db, {
        days: request.query.days,
        safeguard: request.query.safeguard,
        now: deps.clock.now(),
      }),
  );
}

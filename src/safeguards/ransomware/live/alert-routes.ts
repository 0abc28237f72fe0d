import { z } from 'zod';
import type { Alert, AlertDetail, Page } from '../../../api-types.ts';
import {
  actorOf,
  csvEnum,
  idParams,
  pageQuery,
  READ,
  WRITE,
  type HttpServer,
} from '../../../platform/http/index.ts';
import type { AuditLog } from '../../../platform/audit/index.ts';
import type { Database } from '../../../platform/db/index.ts';
import { getAlert, listAlerts, setAlertStatus } from './alerts.ts';

const STATUSES = ['open', 'acknowledged', 'closed'] as const;
const LEVELS = ['informational', 'low', 'medium', 'high', 'critical'] as const;

const listQuery = z.object({
  status: csvEnum(STATUSES),
  level: csvEnum(LEVELS),
  host: z.string().trim().min(1).max(255).optional(),
  ...pageQuery,
});
const patchBody = z.object({ status: z.enum(STATUSES) });

/** Alerts: read by everyone with a role, triaged by analysts and admins. */
export function registerAlertRoutes(http: HttpServer, deps: { db: Database; audit: AuditLog }) {
  http.get(
    '/api/ransomware/alerts',
    { config: { access: READ }, schema: { querystring: listQuery } },
    async (request): Promise<Page<Alert>> => listAlerts(deps.db, request.query),
  );

  http.get(
    '/api/ransomware/alerts/:id',
    { config: { access: READ }, schema: { params: idParams } },
    async (request): Promise<AlertDetail> => getAlert(deps.db, request.params.id),
  );

  http.patch(
    '/api/ransomware/alerts/:id',
    { config: { access: WRITE }, schema: { params: idParams, body: patchBody } },
    async (request): Promise<Alert> =>
      setAlertStatus(deps, request.params.id, request.body.status, actorOf(request)),
  );
}

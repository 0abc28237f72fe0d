import { z } from 'zod';
import type { Page } from '../../../api-types.ts';
import {
  actorOf,
  badRequest,
  idParams,
  pageQuery,
  READ,
  receiveForm,
  WRITE,
  type HttpServer,
} from '../../../platform/http/index.ts';
import { DEVICE_CLASSES } from './device-class.ts';
import { DECISION_STATUSES, decideDeviceVuln, type VulnDecision } from './device-decisions.ts';
import type { DevicesDeps } from './device-deps.ts';
import { parseDeviceMapping } from './device-fields.ts';
import { importDeviceCsv, type DeviceImportResult } from './device-import.ts';
import {
  getDeviceDetail,
  listDevices,
  type DeviceDetail,
  type DeviceListItem,
} from './device-queries.ts';

const listQuery = z.object({
  q: z.string().max(200).optional(),
  deviceClass: z.enum(DEVICE_CLASSES).optional(),
  ...pageQuery,
});

const decisionBody = z.strictObject({
  cve: z.string().trim().max(30),
  status: z.enum(DECISION_STATUSES),
  justification: z.string().max(2000).nullable().optional(),
});

/** The device inventory: list, detail, CSV import, VEX decisions. */
export function registerDeviceRoutes(http: HttpServer, deps: DevicesDeps): void {
  http.get(
    '/api/devices',
    { config: { access: READ }, schema: { querystring: listQuery } },
    async (request): Promise<Page<DeviceListItem>> => listDevices(deps.db, request.query),
  );

  http.get(
    '/api/devices/:id',
    { config: { access: READ }, schema: { params: idParams } },
    async (request): Promise<DeviceDetail> => getDeviceDetail(deps.db, request.params.id),
  );

  http.post(
    '/api/devices/import',
    { config: { access: WRITE } },
    async (request, reply): Promise<DeviceImportResult> => {
      const form = await receiveForm(request, { files: ['file'], fields: ['mapping'] });
      const file = form.files.get('file');
      if (!file) throw badRequest('file: required (multipart field "file" with the CSV)');
      const mapping = form.fields.get('mapping');
      // Input errors are DeviceInputErrors (400) naming the file, line and column.
      const result = await importDeviceCsv(deps, {
        fileName: file.fileName,
        text: file.data,
        mapping: mapping ? parseDeviceMapping(mapping) : undefined,
        actor: actorOf(request),
      });
      return reply.status(201).send(result);
    },
  );

  http.post(
    '/api/devices/:id/decisions',
    { config: { access: WRITE }, schema: { params: idParams, body: decisionBody } },
    async (request, reply): Promise<VulnDecision> => {
      const decision = await decideDeviceVuln(deps, {
        device: request.params.id,
        ...request.body,
        actor: actorOf(request),
      });
      return reply.status(201).send(decision);
    },
  );
}

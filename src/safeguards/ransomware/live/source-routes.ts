import { z } from 'zod';
import type { CreatedIngestSource, IngestSource } from '../../../api-types.ts';
import { actorOf, idParams, ADMIN, type HttpServer } from '../../../platform/http/index.ts';
import { createSource, disableSource, listSources, type SourceDeps } from './ingest-sources.ts';

const createBody = z.object({
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(500).optional(),
});

/** Ingest sources: admins decide which shippers may send events. */
export function registerSourceRoutes(http: HttpServer, deps: SourceDeps): void {
  http.get(
    '/api/ransomware/sources',
    { config: { access: ADMIN } },
    async (): Promise<IngestSource[]> => listSources(deps.db),
  );

  http.post(
    '/api/ransomware/sources',
    { config: { access: ADMIN }, schema: { body: createBody } },
    async (request, reply): Promise<CreatedIngestSource> => {
      const created = await createSource(deps, request.body, actorOf(request));
      return reply.status(201).send(created);
    },
  );

  http.delete(
    '/api/ransomware/sources/:id',
    { config: { access: ADMIN }, schema: { params: idParams } },
    async (request, reply) => {
      await disableSource(deps, request.params.id, actorOf(request));
      return reply.status(204).send();
    },
  );
}

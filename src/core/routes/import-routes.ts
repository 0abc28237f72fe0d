import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ImportRun, Page } from '../../api-types.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import {
  READ,
  WRITE,
  badRequest,
  notFound,
  type HttpServer,
  actorOf,
  idParams,
  pageQuery,
} from '../../platform/http/index.ts';
import { discardUpload, queueStoredScan, storeUploadedScan } from '../imports/import-files.ts';
import type { ImportProgressBoard } from '../imports/import-progress.ts';
import {
  REQUESTED_FORMATS,
  getImportRun,
  listImportRuns,
  toImportRun,
  type RequestedFormat,
} from '../imports/import-runs.ts';
import type { ImportContext } from '../imports/import-scan.ts';

const listQuery = z.object(pageQuery);

/**
 * Scanner uploads. POST takes multipart/form-data with the file in field `file` and optionally
 * `format` (auto, nmap, nessus) before or after it; it answers 202 with the queued run, which a
 * worker then imports. GET /:id answers from this process's live progress first (see
 * import-progress.ts), so polling works while the import holds the database.
 */
export function registerImportRoutes(
  http: HttpServer,
  deps: { ctx: ImportContext; jobs: JobQueue; progress: ImportProgressBoard },
): void {
  http.post('/api/findings/imports', { config: { access: WRITE } }, async (request, reply) => {
    if (!request.isMultipart())
      throw badRequest('send the scan as multipart/form-data with the file in field "file"');
    const run = await receiveUpload(request, deps);
    return reply.status(202).send(run);
  });

  http.get(
    '/api/findings/imports',
    { config: { access: READ }, schema: { querystring: listQuery } },
    async (request): Promise<Page<ImportRun>> => listImportRuns(deps.ctx.db, request.query),
  );

  http.get(
    '/api/findings/imports/:id',
    { config: { access: READ }, schema: { params: idParams } },
    async (request): Promise<ImportRun> => {
      const live = deps.progress.get(request.params.id);
      if (live) return live;
      const stored = await getImportRun(deps.ctx.db, request.params.id);
      if (!stored) throw notFound(`import ${request.params.id}`);
      return toImportRun(stored);
    },
  );
}

async function receiveUpload(
  request: FastifyRequest,
  deps: { ctx: ImportContext; jobs: JobQueue },
): Promise<ImportRun> {
  let format: RequestedFormat = 'auto';
  let stored: { importId: string; bytes: number } | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (part.fieldname !== 'format')
          throw badRequest(`unknown form field "${part.fieldname}"; expected file and format`);
        const value = String(part.value).trim() || 'auto';
        if (!REQUESTED_FORMATS.includes(value as RequestedFormat)) {
          throw badRequest(
            `format: must be one of ${REQUESTED_FORMATS.join(', ')}, got ${JSON.stringify(value)}`,
          );
        }
        format = value as RequestedFormat;
        continue;
      }
      if (part.fieldname !== 'file') {
        part.file.resume();
        throw badRequest(
          `unexpected file field "${part.fieldname}"; send the scan in field "file"`,
        );
      }
      if (stored) throw badRequest('one file per upload');
      stored = await storeUploadedScan(deps.ctx, {
        fileName: part.filename || 'upload',
        actor: actorOf(request),
        file: part.file,
      });
    }
  } catch (err) {
    if (stored) await discardUpload(deps.ctx.db, stored.importId);
    throw err;
  }
  if (!stored) throw badRequest('file: required (multipart field "file" with the scan)');
  return queueStoredScan(deps.ctx, deps.jobs, { ...stored, requestedFormat: format });
}

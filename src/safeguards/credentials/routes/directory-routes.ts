import { z } from 'zod';
import type {
  DirectoryImportResult,
  DirectorySource,
  MfaCoveragePoint,
} from '../../../api-types.ts';
import {
  badRequest,
  READ,
  WRITE,
  type HttpServer,
  receiveForm,
} from '../../../platform/http/index.ts';
import {
  importDirectory,
  listMfaCoverage,
  parseColumnMapping,
  type DirectoryDeps,
} from '../directory/index.ts';

const SOURCES = ['auto', 'ad', 'entra', 'okta'] as const;
const coverageQuery = z.object({
  days: z.coerce.number().int().min(1).max(3650).default(365),
  source: z.enum(['ad', 'entra', 'okta']).optional(),
});

/** Directory exports in, findings and MFA coverage out. */
export function registerDirectoryRoutes(
  http: HttpServer,
  deps: DirectoryDeps & { staleDays: number },
): void {
  http.post(
    '/api/creds/directory/imports',
    { config: { access: WRITE } },
    async (request, reply): Promise<DirectoryImportResult> => {
      const form = await receiveForm(request, {
        files: ['file', 'terminations'],
        fields: ['source', 'mapping'],
      });
      const file = form.files.get('file');
      if (!file) throw badRequest('file: required (multipart field "file" with the export)');
      const source = form.fields.get('source') || 'auto';
      if (!(SOURCES as readonly string[]).includes(source)) {
        throw badRequest(
          `source: must be one of ${SOURCES.join(', ')}, got ${JSON.stringify(source)}`,
        );
      }
      const mappingText = form.fields.get('mapping');
      const terminations = form.files.get('terminations');
      // Input errors are HttpErrors (400) naming the file, line and column.
      const result = await importDirectory(deps, {
        fileName: file.fileName,
        text: file.data,
        source: source as DirectorySource | 'auto',
        mapping: mappingText ? parseColumnMapping(mappingText) : undefined,
        terminations: terminations
          ? { fileName: terminations.fileName, text: terminations.data }
          : undefined,
        staleDays: deps.staleDays,
        actor: request.principal!.username,
      });
      return reply.status(201).send(result);
    },
  );

  http.get(
    '/api/creds/mfa-coverage',
    { config: { access: READ }, schema: { querystring: coverageQuery } },
    async (request): Promise<MfaCoveragePoint[]> =>
      listMfaCoverage(deps.db, { days: request.query.days, source: request.query.source }),
  );
}

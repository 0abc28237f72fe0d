import { z } from 'zod';
import type {
  CredentialAuditDetail,
  CredentialAuditRun,
  CredentialFileFormat,
} from '../../../api-types.ts';
import {
  badRequest,
  notFound,
  READ,
  WRITE,
  type HttpServer,
  receiveForm,
} from '../../../platform/http/index.ts';
import {
  CredentialFileError,
  getAuditRun,
  listAuditRuns,
  runCredentialAudit,
  type AuditRunDeps,
} from '../audit-runs.ts';
import type { CredentialChecks } from '../index.ts';

const FORMATS = ['auto', 'ntds', 'shadow', 'htpasswd', 'csv'] as const;
const idParams = z.object({ id: z.uuid() });
const listQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) });

export interface AuditRouteDeps extends AuditRunDeps {
  checks: Pick<CredentialChecks, 'corpus' | 'words'>;
}

/**
 * Stored-credential audits from the UI. The upload is analysed in this request (a dump of
 * 100,000 NT hashes takes a few seconds) and only the result is kept: account names,
 * categories and details, never the file.
 */
export function registerAuditRoutes(http: HttpServer, deps: AuditRouteDeps): void {
  http.post(
    '/api/creds/audits',
    { config: { access: WRITE } },
    async (request, reply): Promise<CredentialAuditDetail> => {
      const form = await receiveForm(request, {
        files: ['file'],
        fields: ['format', 'system', 'userColumn', 'hashColumn'],
      });
      const file = form.files.get('file');
      if (!file) throw badRequest('file: required (multipart field "file" with the dump)');
      const format = form.fields.get('format') || 'auto';
      if (!(FORMATS as readonly string[]).includes(format)) {
        throw badRequest(
          `format: must be one of ${FORMATS.join(', ')}, got ${JSON.stringify(format)}`,
        );
      }
      try {
        const detail = await runCredentialAudit(deps, {
          fileName: file.fileName,
          data: file.data,
          format: format as CredentialFileFormat | 'auto',
          system: form.fields.get('system'),
          csv: {
            userColumn: form.fields.get('userColumn') || undefined,
            hashColumn: form.fields.get('hashColumn') || undefined,
          },
          actor: request.principal!.username,
        });
        return reply.status(201).send(detail);
      } catch (err) {
        // Parse errors name the line or column; they are the user's to fix, not a 500.
        if (err instanceof CredentialFileError) throw badRequest(err.message);
        throw err;
      }
    },
  );

  http.get(
    '/api/creds/audits',
    { config: { access: READ }, schema: { querystring: listQuery } },
    async (request): Promise<CredentialAuditRun[]> => listAuditRuns(deps.db, request.query.limit),
  );

  http.get(
    '/api/creds/audits/:id',
    { config: { access: READ }, schema: { params: idParams } },
    async (request): Promise<CredentialAuditDetail> => {
      const run = await getAuditRun(deps.db, request.params.id);
      if (!run) throw notFound(`credential audit ${request.params.id}`);
      return run;
    },
  );
}

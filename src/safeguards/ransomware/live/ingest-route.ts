import type { FastifyRequest } from 'fastify';
import type { IngestResult } from '../../../api-types.ts';
import type { Clock } from '../../../platform/clock.ts';
import { unauthorized, type HttpServer } from '../../../platform/http/index.ts';
import { ingestRecords, recordsOf, type IngestDeps } from './ingest.ts';
import { findSourceByToken } from './ingest-sources.ts';

// A generous allowance per event: Sysmon and PowerShell events can carry long command lines.
const BYTES_PER_EVENT = 4096;
const MIN_BODY_BYTES = 10 * 1024 * 1024;

const sources = new WeakMap<FastifyRequest, { id: string; name: string }>();

/**
 * POST /api/ransomware/ingest. Public as far as user roles go: shippers authenticate with
 * their ingest token, checked here before the body is read. Registered in its own plugin
 * scope so that its NDJSON parser and body limit apply to this route only.
 */
export async function registerIngestRoute(
  http: HttpServer,
  deps: IngestDeps & { clock: Clock; maxEvents: number },
): Promise<void> {
  const bodyLimit = Math.max(MIN_BODY_BYTES, deps.maxEvents * BYTES_PER_EVENT);
  await http.register(async (scope) => {
    scope.addContentTypeParser(
      ['application/x-ndjson', 'application/jsonl'],
      { parseAs: 'string', bodyLimit },
      (_request, body, done) => done(null, body),
    );
    scope.post(
      '/api/ransomware/ingest',
      {
        // Public: shippers authenticate with an ingest token, checked below. Not audited per
        // request (thousands a minute would drown the audit log); the source's counters and
        // last_event_at record the intake, and creating or disabling a source is audited.
        // Its own rate limit: one collector posts for many hosts.
        config: {
          access: 'public',
          audit: false,
          rateLimit: { max: 6000, timeWindow: '1 minute' },
        },
        bodyLimit,
        onRequest: async (request) => {
          const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
          const source = match ? await findSourceByToken(deps.db, match[1]!) : null;
          if (!source)
            throw unauthorized(
              'ingest: send "Authorization: Bearer wardi_..." with the token of an enabled ingest source',
            );
          sources.set(request, source);
        },
      },
      async (request, reply) => {
        const source = sources.get(request)!;
        const parsed = recordsOf(request.body, deps.maxEvents);
        const result: IngestResult = await ingestRecords(deps, source, parsed, deps.clock.now());
        return reply.status(202).send(result);
      },
    );
  });
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { CorpusStatus, PasswordCheckResult } from '../../../api-types.ts';
import type { Principal } from '../../../platform/http/index.ts';
import { HttpError, READ, unauthorized, type HttpServer } from '../../../platform/http/index.ts';
import type { CorpusHolder } from '../corpus-holder.ts';
import { formatRangeResponse } from '../corpus/index.ts';
import { UnknownAccountClassError, type PasswordPolicy } from '../policy/index.ts';

const checkBody = z.object({
  // Long enough for any passphrase the policy could accept; the policy says why a long one fails.
  password: z.string().max(4096),
  username: z.string().max(256).optional(),
  displayName: z.string().max(256).optional(),
  accountClass: z.string().max(64).optional(),
});

const rangeParams = z.object({ prefix: z.string() });
const rangeQuery = z.object({ mode: z.enum(['sha1', 'ntlm']).optional() });
const PREFIX = /^[0-9A-Fa-f]{5}$/;

export interface PasswordRouteDeps {
  policy: PasswordPolicy;
  corpus: CorpusHolder;
  /** Require a Ward session or API token on /range (config credsRangeAuth). */
  rangeAuth: boolean;
  authenticate: (request: FastifyRequest) => Promise<Principal | null>;
}

/**
 * The policy check for the UI and other systems, the corpus status, and `/range/{prefix}`: the
 * Pwned Passwords range API at the same path and in the same format as api.pwnedpasswords.com,
 * so clients only change the base URL. It sits outside /api on purpose (drop-in compatibility).
 */
export function registerPasswordRoutes(http: HttpServer, deps: PasswordRouteDeps): void {
  http.post(
    '/api/creds/check',
    { config: { access: READ }, schema: { body: checkBody } },
    async (request): Promise<PasswordCheckResult> => {
      const { password, accountClass, username, displayName } = request.body;
      try {
        return deps.policy.check(password, { username, displayName, accountClass });
      } catch (err) {
        if (err instanceof UnknownAccountClassError) {
          throw new HttpError(400, 'bad_request', `accountClass: ${err.message}`);
        }
        throw err;
      }
    },
  );

  http.get('/api/creds/corpus', { config: { access: READ } }, async (): Promise<CorpusStatus> =>
    deps.corpus.current().status(),
  );

  http.get(
    '/range/:prefix',
    { schema: { params: rangeParams, querystring: rangeQuery, hide: true } },
    async (request, reply) => {
      if (deps.rangeAuth && !(await deps.authenticate(request))) throw unauthorized();
      return sendRange(deps.corpus, request.params.prefix, request, reply);
    },
  );
}

async function sendRange(
  holder: CorpusHolder,
  prefix: string,
  request: FastifyRequest<{ Querystring: z.infer<typeof rangeQuery> }>,
  reply: FastifyReply,
): Promise<string> {
  // The public API's wording and status for a malformed prefix, which some clients match on.
  if (!PREFIX.test(prefix)) {
    reply.status(400).type('text/plain; charset=utf-8');
    return 'The hash prefix was not in a valid format';
  }
  const kind = request.query.mode ?? 'sha1';
  const corpus = holder.current();
  const index = kind === 'ntlm' ? corpus.ntlm : corpus.sha1;
  if (!index) {
    throw new HttpError(
      503,
      'no_corpus',
      `no ${kind === 'ntlm' ? 'NTLM' : 'SHA-1'} breached-password corpus is imported; run: ward creds corpus import FILE`,
    );
  }
  if (index.compact) {
    throw new HttpError(
      501,
      'compact_corpus',
      'this corpus was imported with --compact (fingerprints only) and cannot list hashes; re-import it without --compact to serve the range API',
    );
  }
  const padding = String(request.headers['add-padding'] ?? '').toLowerCase() === 'true';
  const body = formatRangeResponse(index.range(prefix), { padding, kind });
  reply.type('text/plain; charset=utf-8');
  return body;
}

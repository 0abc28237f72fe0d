import { existsSync, readFileSync } from 'node:fs';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { Access, Principal } from './access.ts';
import { HttpError, forbidden, unauthorized, type ErrorBody } from './errors.ts';

export type HttpServer = FastifyInstance<
  import('node:http').Server,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface HttpServerOptions {
  logger: Logger;
  rateLimitPerMinute: number;
  maxUploadBytes: number;
  tls?: { cert: string; key: string } | undefined;
  /** Resolves the caller from cookie or token; throws HttpError (e.g. CSRF) to refuse. */
  authenticate: (request: FastifyRequest) => Promise<Principal | null>;
  /** Called for every state-changing request under /api, before the response is sent. */
  recordMutation: (request: FastifyRequest, statusCode: number) => Promise<void>;
  /** Built web UI (web/dist); served at / with index.html for client-side routes. */
  webRoot?: string | undefined;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The Fastify server with Ward's policies in place: security headers, rate limiting, request
 * logging, zod validation, OpenAPI at /api/docs, and the access check every /api route must
 * declare. Modules add routes to the returned instance before `listen`.
 */
export async function createHttpServer(opts: HttpServerOptions): Promise<HttpServer> {
  const app = Fastify({
    loggerInstance: opts.logger as unknown as FastifyBaseLogger,
    https: opts.tls ? { cert: readFileSync(opts.tls.cert), key: readFileSync(opts.tls.key) } : null,
    bodyLimit: 10 * 1024 * 1024,
    trustProxy: false,
  }).withTypeProvider<ZodTypeProvider>() as unknown as HttpServer;

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('principal', null);

  // A route under /api without an access declaration is a bug; stop at start-up, not in use.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) return;
    if (route.url.startsWith('/api/docs')) {
      route.config = { ...(route.config as object), access: 'public' };
      return;
    }
    const access = (route.config as { access?: Access } | undefined)?.access;
    if (access === undefined) {
      throw new Error(
        `route ${String(route.method)} ${route.url} declares no access (config.access)`,
      );
    }
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: opts.tls ? [] : null,
      },
    },
    hsts: opts.tls ? { maxAge: 31536000 } : false,
  });
  await app.register(rateLimit, { max: opts.rateLimitPerMinute, timeWindow: '1 minute' });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: opts.maxUploadBytes, files: 1 } });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Ward API',
        version: '0.1.0',
        description: 'Cyber-defense platform for hospitals',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'ward_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api')) return;
    const access = request.routeOptions.config.access;
    if (access === undefined) {
      // 404s and plugin routes without a declaration: nothing to authorise, nothing to leak.
      if (request.is404) return;
      throw forbidden('route has no access declaration');
    }
    if (access === 'public') {
      request.principal = await opts.authenticate(request).catch(() => null);
      return;
    }
    const principal = await opts.authenticate(request);
    if (!principal) throw unauthorized();
    if (!access.includes(principal.role)) throw forbidden();
    request.principal = principal;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (
      MUTATING.has(request.method) &&
      request.url.startsWith('/api') &&
      !request.is404 &&
      request.routeOptions.config.audit !== false
    ) {
      await opts.recordMutation(request, reply.statusCode);
    }
    return payload;
  });

  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const body = toErrorBody(error);
    if (body.status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.status(body.status).send({ error: body.error } satisfies ErrorBody);
  });

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api') || request.method !== 'GET' || !opts.webRoot) {
      return reply.status(404).send({
        error: {
          code: 'not_found',
          message: `no route ${request.method} ${request.url.split('?')[0]}`,
        },
      });
    }
    // Client-side routes of the single-page UI.
    return reply.type('text/html').sendFile('index.html');
  });

  if (opts.webRoot && existsSync(opts.webRoot)) {
    await app.register(fastifyStatic, { root: opts.webRoot, wildcard: false });
  }
  return app;
}

function toErrorBody(error: unknown): { status: number; error: ErrorBody['error'] } {
  if (error instanceof HttpError) {
    return {
      status: error.status,
      error: { code: error.code, message: error.message, details: error.details },
    };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((v) => ({
      where: `${error.validationContext ?? 'request'}${v.instancePath.replaceAll('/', '.')}`,
      message: v.message,
    }));
    const first = details[0];
    return {
      status: 400,
      error: {
        code: 'invalid_request',
        message: first ? `${first.where}: ${first.message}` : 'invalid request',
        details,
      },
    };
  }
  const e = error as { statusCode?: number; code?: string; message?: string };
  if (e.statusCode && e.statusCode < 500) {
    return {
      status: e.statusCode,
      error: { code: e.code ?? 'bad_request', message: e.message ?? 'bad request' },
    };
  }
  return {
    status: 500,
    error: { code: 'internal', message: 'internal error; see the server log' },
  };
}

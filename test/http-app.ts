import type { Access, Role } from '../src/platform/http/access.ts';
import {
  AUDIT_MIGRATIONS,
  createAuditLog,
  createAuditModule,
  type AuditLog,
} from '../src/platform/audit/index.ts';
import { AUTH_MIGRATIONS, createAuth, type Auth } from '../src/platform/auth/index.ts';
import { fixedClock } from '../src/platform/clock.ts';
import type { PgliteDatabase } from '../src/platform/db/index.ts';
import type { HttpServer } from '../src/platform/http/index.ts';
import { createAppServer } from '../src/app.ts';
import { createLogger } from '../src/platform/log.ts';
import type { WardModule } from '../src/platform/module.ts';
import { createSecretBox } from '../src/platform/secrets.ts';
import { createTestDatabase } from './pglite-template.ts';

/**
 * The HTTP server as `startApp` in src/app.ts builds it (same authenticate and audit hooks),
 * with the given modules' routes, not listening: drive it with `http.inject`.
 */
export async function createTestHttpServer(opts: {
  auth: Pick<Auth, 'authenticate'>;
  audit: AuditLog;
  modules: readonly WardModule[];
  /** Receives every route the modules register (not the server's own /api/docs routes). */
  routes?: RegisteredRoute[];
}): Promise<HttpServer> {
  // Collect routes through an onRoute hook registered before any module adds its routes.
  const routes = opts.routes;
  const http = await createAppServer({
    log: createLogger('silent'),
    auth: opts.auth,
    audit: opts.audit,
    modules: [
      {
        name: 'route-collector',
        registerRoutes(server) {
          if (!routes) return;
          server.addHook('onRoute', (route) => {
            const methods = Array.isArray(route.method) ? route.method : [route.method];
            const access = (route.config as { access?: Access } | undefined)?.access;
            for (const method of methods)
              routes.push({ method: String(method), url: route.url, access });
          });
        },
      },
      ...opts.modules,
    ],
    rateLimitPerMinute: 100_000,
    maxUploadBytes: 10 * 1024 * 1024,
  });
  await http.ready();
  return http;
}

export interface RegisteredRoute {
  method: string;
  url: string;
  access: Access | undefined;
}

export interface PlatformTestApp {
  db: PgliteDatabase;
  audit: AuditLog;
  auth: Auth;
  http: HttpServer;
  clock: ReturnType<typeof fixedClock>;
  close(): Promise<void>;
}

/** PGlite in memory with the audit and auth modules migrated and served. */
export async function createPlatformTestApp(
  opts: { sessionHours?: number; secureCookies?: boolean } = {},
): Promise<PlatformTestApp> {
  const clock = fixedClock(new Date());
  const db = await createTestDatabase([AUDIT_MIGRATIONS, AUTH_MIGRATIONS]);
  const audit = createAuditLog(db, clock);
  const auth = createAuth({
    db,
    secrets: createSecretBox(Buffer.alloc(32, 7)),
    clock,
    audit,
    log: createLogger('silent'),
    sessionHours: opts.sessionHours ?? 12,
    secureCookies: opts.secureCookies ?? false,
  });
  const http = await createTestHttpServer({
    auth,
    audit,
    modules: [createAuditModule(audit), auth.module],
  });
  return {
    db,
    audit,
    auth,
    http,
    clock,
    async close() {
      await http.close();
      await db.close();
    },
  };
}

/** A cookie session as a browser holds it: send `headers` with every request. */
export interface TestSession {
  cookie: string;
  csrf: string;
  /** Cookie plus x-csrf-token, for state-changing requests. */
  headers: Record<string, string>;
}

// Different source addresses keep tests clear of the login route's 10-per-minute limit.
let nextAddress = 1;
export function freshAddress(): string {
  nextAddress++;
  return `10.${(nextAddress >> 16) & 255}.${(nextAddress >> 8) & 255}.${nextAddress & 255}`;
}

export async function signIn(
  http: HttpServer,
  username: string,
  password: string,
  totp?: string,
): Promise<TestSession> {
  const res = await http.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: freshAddress(),
    payload: { username, password, ...(totp ? { totp } : {}) },
  });
  if (res.statusCode !== 200 || res.json().status !== 'ok') {
    throw new Error(`login as ${username} failed: ${res.statusCode} ${res.body}`);
  }
  return sessionFromCookies(res.cookies);
}

export function sessionFromCookies(
  cookies: readonly { name: string; value: string }[],
): TestSession {
  const session = cookies.find((c) => c.name === 'ward_session')?.value;
  const csrf = cookies.find((c) => c.name === 'ward_csrf')?.value;
  if (!session || !csrf) throw new Error('no session cookies in the response');
  const cookie = `ward_session=${session}; ward_csrf=${csrf}`;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}

export const TEST_PASSWORD = 'correct horse battery staple 42';

/** A user of `role` with TEST_PASSWORD, created through the domain API as `test`. */
export async function createTestUser(
  auth: Auth,
  role: Role,
  username = `${role}-${nextAddress++}`,
) {
  return auth.createUser({ username, password: TEST_PASSWORD, role }, 'test');
}

/** A user of `role` signed in with a cookie session and holding an API token of the same role. */
export async function createSignedInUser(http: HttpServer, auth: Auth, role: Role) {
  const user = await createTestUser(auth, role);
  const session = await signIn(http, user.username, TEST_PASSWORD);
  const res = await http.inject({
    method: 'POST',
    url: '/api/tokens',
    headers: session.headers,
    payload: { name: 'test' },
  });
  if (res.statusCode !== 201)
    throw new Error(`token for ${user.username}: ${res.statusCode} ${res.body}`);
  const token = res.json().token as string;
  return { user, session, token, bearer: { authorization: `Bearer ${token}` } };
}

/** A multipart/form-data body for `inject`: fields, and files when a part has a filename. */
export function multipartForm(parts: { name: string; value: string; filename?: string }[]) {
  const boundary = '----wardtest';
  const body = parts
    .map(
      (p) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ''}\r\n` +
        `${p.filename ? 'Content-Type: application/octet-stream\r\n' : ''}\r\n${p.value}\r\n`,
    )
    .join('');
  return {
    payload: `${body}--${boundary}--\r\n`,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

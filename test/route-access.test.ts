import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openPglite } from '../src/platform/db/index.ts';
import type { Role } from '../src/platform/http/access.ts';
import type { HttpServer } from '../src/platform/http/index.ts';
import { createSignedInUser, createTestHttpServer, type RegisteredRoute } from './http-app.ts';

// Routes that work before sign-in. Adding one is a security decision: change this list on purpose.
const EXPECTED_PUBLIC = [
  'GET /api/health',
  'GET /api/setup',
  'POST /api/setup',
  'POST /api/auth/login',
  // Log shippers authenticate with an ingest token (checked in the route), not as a user.
  'POST /api/ransomware/ingest',
];

// The auditor "reads everything and changes nothing"; these are the only changes an auditor may
// make, all to their own account.
const AUDITOR_MAY_CHANGE = [
  'POST /api/auth/logout',
  'POST /api/auth/password',
  'POST /api/auth/totp/enrol',
  'POST /api/auth/totp/confirm',
  'POST /api/auth/totp/disable',
  'POST /api/tokens',
  'DELETE /api/tokens/:id',
  // Changes nothing: checks a candidate password against the policy.
  'POST /api/creds/check',
];

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const key = (r: RegisteredRoute) => `${r.method} ${r.url}`;
const fillParams = (url: string) =>
  url.replace(/:[A-Za-z_]+/g, () => randomUUID()).replace(/\*/g, 'x');

type Caller = { name: string; role: Role; headers: Record<string, string> };

/**
 * Builds the full app the way src/app.ts does (openApp, then the server startApp creates, with
 * every module's routes) and walks every /api route it registers, including routes added later
 * by other modules, checking the access declaration against what the server actually does.
 */
describe('route access across the whole app', () => {
  let app: App;
  let http: HttpServer;
  let dataDir: string;
  const routes: RegisteredRoute[] = [];
  const callers: Caller[] = [];

  beforeAll(async () => {
    const { openApp, stopApp } = await import('../src/app.ts');
    dataDir = mkdtempSync(join(tmpdir(), 'ward-route-access-'));
    const config = loadConfig({
      WARD_DATA_DIR: dataDir,
      WARD_DEMO: 'false',
      WARD_LOG_LEVEL: 'silent',
    });
    app = await openApp(config, { db: await openPglite() });
    stopAppRef = stopApp;
    http = await createTestHttpServer({
      auth: app.auth,
      audit: app.audit,
      modules: app.modules,
      routes,
    });
    for (const role of ['auditor', 'analyst'] as const) {
      const u = await createSignedInUser(http, app.auth, role);
      callers.push(
        { name: `${role} session`, role, headers: u.session.headers },
        { name: `${role} token`, role, headers: u.bearer },
      );
    }
  });
  let stopAppRef: ((app: App) => Promise<void>) | undefined;
  afterAll(async () => {
    await http?.close();
    if (app && stopAppRef) await stopAppRef(app);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const apiRoutes = () => routes.filter((r) => r.url.startsWith('/api') && r.method !== 'HEAD');
  const protectedRoutes = () => apiRoutes().filter((r) => r.access !== 'public');

  it('found the routes of every module', () => {
    const urls = apiRoutes().map(key);
    expect(urls).toContain('GET /api/audit');
    expect(urls).toContain('GET /api/users');
    expect(urls.length).toBeGreaterThan(20);
    for (const r of apiRoutes()) expect(r.access, key(r)).toBeDefined();
  });

  it('has exactly the expected public routes, plus the API docs', async () => {
    const publicRoutes = apiRoutes()
      .filter((r) => r.access === 'public')
      .map(key)
      .sort();
    expect(publicRoutes).toEqual([...EXPECTED_PUBLIC].sort());
    expect((await http.inject({ method: 'GET', url: '/api/docs/json' })).statusCode).toBe(200);
  });

  it('answers 401 to anonymous requests on every other /api route', async () => {
    const failures: string[] = [];
    for (const r of protectedRoutes()) {
      const res = await http.inject({
        method: r.method as 'GET',
        url: fillParams(r.url),
        ...(MUTATING.has(r.method) ? { payload: {} } : {}),
      });
      if (res.statusCode !== 401) failures.push(`${key(r)} -> ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it('lets auditors change nothing but their own account', async () => {
    const allowed = protectedRoutes()
      .filter(
        (r) => MUTATING.has(r.method) && r.access !== 'public' && r.access!.includes('auditor'),
      )
      .map(key)
      .sort();
    expect(allowed).toEqual([...AUDITOR_MAY_CHANGE].sort());
  });

  it('refuses each role, by session and by token, on every route its role is not granted', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const r of protectedRoutes()) {
      for (const c of callers) {
        const granted = r.access !== 'public' && r.access!.includes(c.role);
        // State-changing routes are only ever called when refused, so the walk changes nothing.
        if (granted && MUTATING.has(r.method)) continue;
        const res = await http.inject({
          method: r.method as 'GET',
          url: fillParams(r.url),
          headers: c.headers,
          ...(MUTATING.has(r.method) ? { payload: {} } : {}),
        });
        checked++;
        if (granted) {
          if (res.statusCode === 401 || res.statusCode === 403)
            failures.push(`${c.name} ${key(r)}: granted but got ${res.statusCode}`);
        } else if (res.statusCode !== 403 || res.json().error.code !== 'forbidden') {
          // 'forbidden' from the access check, not 'csrf': the session callers send the header.
          failures.push(
            `${c.name} ${key(r)}: expected 403 forbidden, got ${res.statusCode} ${res.body.slice(0, 120)}`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(protectedRoutes().length);
  });

  it('keeps admin-only routes from analysts and auditors', () => {
    const adminOnly = protectedRoutes()
      .filter((r) => r.access !== 'public' && !r.access!.includes('analyst'))
      .map(key);
    // The walk above covers them; this pins the ones whose loss would be a privilege escalation.
    for (const k of [
      'POST /api/users',
      'PATCH /api/users/:id',
      'DELETE /api/users/:id',
      'GET /api/users',
    ])
      expect(adminOnly).toContain(k);
  });
});

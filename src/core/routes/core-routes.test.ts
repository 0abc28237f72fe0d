import type { FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateNessusFile } from '../../demo/scan-generators.ts';
import {
  createHttpServer,
  type HttpServer,
  type Principal,
  type Role,
} from '../../platform/http/index.ts';
import { createLogger } from '../../platform/log.ts';
import { createCoreTestKit, type CoreTestKit } from '../../../test/core-test-kit.ts';
import { multipartForm } from '../../../test/http-app.ts';
import { IMPORT_QUEUE } from '../imports/import-files.ts';

// A unit test of the routes: the caller's role comes from a test header instead of a session
// (full-stack authentication is tested with the auth module).
let kit: CoreTestKit;
let http: HttpServer;
beforeAll(async () => {
  kit = await createCoreTestKit();
  http = await createHttpServer({
    logger: createLogger('silent'),
    rateLimitPerMinute: 100_000,
    maxUploadBytes: 5 * 1024 * 1024,
    authenticate: async (req: FastifyRequest): Promise<Principal | null> => {
      const role = req.headers['x-test-role'];
      return typeof role === 'string'
        ? { userId: `u-${role}`, username: `${role}-user`, role: role as Role, via: 'token' }
        : null;
    },
    recordMutation: async () => undefined,
  });
  await kit.core.module.registerRoutes!(http);
  await kit.core.module.startWorkers!();
  await http.ready();
});
afterAll(async () => {
  await http.close();
  await kit.close();
});

const as = (role: Role) => ({ 'x-test-role': role });
const get = (url: string, role: Role = 'auditor') =>
  http.inject({ method: 'GET', url, headers: as(role) });
const send = (method: 'POST' | 'PATCH', url: string, payload: object, role: Role = 'analyst') =>
  http.inject({ method, url, payload, headers: as(role) });

describe('findings API', () => {
  let id: string;

  it('lets analysts record a finding and auditors only read', async () => {
    const body = {
      safeguard: 'drills',
      title: 'Default SNMP community on infusion pump gateway',
      severity: 'high',
      cves: ['cve-2024-0001'],
    };
    expect((await send('POST', '/api/findings', body, 'auditor')).statusCode).toBe(403);
    expect((await http.inject({ method: 'GET', url: '/api/findings' })).statusCode).toBe(401);
    const res = await send('POST', '/api/findings', body);
    expect(res.statusCode).toBe(201);
    id = res.json().id;
    expect(res.json()).toMatchObject({
      title: body.title,
      status: 'open',
      cves: ['CVE-2024-0001'],
      history: [{ kind: 'created', actor: 'analyst-user' }],
    });
  });

  it('lists with comma-separated filters and says which parameter is wrong', async () => {
    await send('POST', '/api/findings', {
      safeguard: 'email',
      title: 'No DMARC',
      severity: 'medium',
    });
    const res = await get('/api/findings?severity=critical,high&status=open&limit=10');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      total: 1,
      limit: 10,
      offset: 0,
      items: [{ id, severity: 'high', asset: null }],
    });
    expect((await get('/api/findings?safeguard=email&safeguard=drills')).json().total).toBe(2);
    expect((await get('/api/findings?overdue=true')).json().total).toBe(0);

    const bad = await get('/api/findings?severity=critical,urgent');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/^querystring\.severity/);
    expect((await get('/api/findings?limit=501')).statusCode).toBe(400);
    expect((await get('/api/findings?sort=random')).json().error.message).toMatch(
      /^querystring\.sort/,
    );
  });

  it('answers 400 for a malformed id and 404 for an unknown one', async () => {
    expect((await get('/api/findings/123')).statusCode).toBe(400);
    const missing = await get('/api/findings/2b0f3d5e-7c1a-4d2b-9e8f-0a1b2c3d4e5f');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
    expect((await get(`/api/findings/${id}`)).json()).toMatchObject({
      id,
      comments: [],
      dedupKey: expect.any(String),
    });
  });

  it('triages: the rules speak through 400 errors that name the field', async () => {
    const refused = await send('PATCH', `/api/findings/${id}`, {
      status: 'accepted_risk',
      acceptedUntil: '2027-01-31',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toMatch(/^justification: required/);
    expect(
      (await send('PATCH', `/api/findings/${id}`, { status: 'done' })).json().error.message,
    ).toMatch(/^body\.status/);
    expect((await send('PATCH', `/api/findings/${id}`, { colour: 'red' })).statusCode).toBe(400);

    const ok = await send('PATCH', `/api/findings/${id}`, {
      status: 'in_progress',
      assignee: 'carol',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'in_progress', assignee: 'carol' });
    const comment = await send('POST', `/api/findings/${id}/comments`, {
      body: 'Gateway replacement booked.',
    });
    expect(comment.statusCode).toBe(201);
    expect(comment.json()).toMatchObject({
      author: 'analyst-user',
      body: 'Gateway replacement booked.',
    });
    expect(
      (await get(`/api/findings/${id}`)).json().history.map((e: { kind: string }) => e.kind),
    ).toEqual(['created', 'status', 'assignee', 'comment']);
  });
});

describe('assets API', () => {
  it('creates, lists, reads and updates assets; identifiers are checked per element', async () => {
    const bad = await send('POST', '/api/assets', {
      type: 'medical_device',
      name: 'Pump',
      ips: ['10.0.0.1', '10.0.0.300'],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/^ips\.1: expected an IPv4 or IPv6 address/);
    expect(
      (await send('POST', '/api/assets', { type: 'toaster', name: 'x' })).json().error.message,
    ).toMatch(/^body\.type/);

    const created = await send('POST', '/api/assets', {
      type: 'medical_device',
      name: 'Infusion pump 12',
      macs: ['00-1a-2b-3c-4d-5e'],
      criticality: 'life_critical',
      department: 'ICU',
    });
    expect(created.statusCode).toBe(201);
    const asset = created.json();
    expect(asset).toMatchObject({ macs: ['00:1A:2B:3C:4D:5E'], openFindings: 0, location: null });

    expect((await get('/api/assets?department=icu&type=medical_device')).json()).toMatchObject({
      total: 1,
      items: [{ id: asset.id }],
    });
    expect((await get(`/api/assets/${asset.id}`)).json().name).toBe('Infusion pump 12');
    const patched = await send('PATCH', `/api/assets/${asset.id}`, {
      location: 'ICU bed 4',
      tags: ['pumps'],
    });
    expect(patched.json()).toMatchObject({
      name: 'Infusion pump 12',
      location: 'ICU bed 4',
      tags: ['pumps'],
    });
    expect((await send('PATCH', `/api/assets/${asset.id}`, { name: '' })).statusCode).toBe(400);
    expect((await get('/api/assets/2b0f3d5e-7c1a-4d2b-9e8f-0a1b2c3d4e5f')).statusCode).toBe(404);
  });
});

describe('imports API', () => {
  it('accepts an upload, queues it, and reports the run once a worker has imported it', async () => {
    const xml = generateNessusFile({ seed: 9, hosts: 4, findingsPerHost: 3 });
    const form = multipartForm([
      { name: 'file', value: xml, filename: 'weekly.nessus' },
      { name: 'format', value: 'nessus' },
    ]);
    expect(
      (
        await http.inject({
          method: 'POST',
          url: '/api/findings/imports',
          ...form,
          headers: { ...form.headers, ...as('auditor') },
        })
      ).statusCode,
    ).toBe(403);
    const res = await http.inject({
      method: 'POST',
      url: '/api/findings/imports',
      ...form,
      headers: { ...form.headers, ...as('analyst') },
    });
    expect(res.statusCode).toBe(202);
    const run = res.json();
    expect(run).toMatchObject({
      fileName: 'weekly.nessus',
      state: 'queued',
      format: null,
      createdBy: 'analyst-user',
    });
    expect(kit.jobs.sent.at(-1)).toEqual({ name: IMPORT_QUEUE, data: { importId: run.id } });

    await kit.jobs.handlers.get(IMPORT_QUEUE)!({
      id: 'j1',
      name: IMPORT_QUEUE,
      data: { importId: run.id },
    });
    const done = (await get(`/api/findings/imports/${run.id}`)).json();
    expect(done).toMatchObject({
      id: run.id,
      state: 'done',
      format: 'nessus',
      hosts: 4,
      findingsNew: 12,
      progress: 1,
    });
    expect((await get('/api/findings/imports')).json()).toMatchObject({
      total: 1,
      items: [{ id: run.id, state: 'done' }],
    });
  });

  it('refuses uploads without a file, with an unknown format, or empty', async () => {
    const noFile = multipartForm([{ name: 'format', value: 'auto' }]);
    const r1 = await http.inject({
      method: 'POST',
      url: '/api/findings/imports',
      ...noFile,
      headers: { ...noFile.headers, ...as('analyst') },
    });
    expect(r1.statusCode).toBe(400);
    expect(r1.json().error.message).toMatch(/^file: required/);
    const badFormat = multipartForm([
      { name: 'format', value: 'qualys' },
      { name: 'file', value: '<x/>', filename: 'a.xml' },
    ]);
    const r2 = await http.inject({
      method: 'POST',
      url: '/api/findings/imports',
      ...badFormat,
      headers: { ...badFormat.headers, ...as('analyst') },
    });
    expect(r2.json().error.message).toMatch(/^format: must be one of auto, nmap, nessus/);
    const empty = multipartForm([{ name: 'file', value: '', filename: 'empty.nessus' }]);
    const r3 = await http.inject({
      method: 'POST',
      url: '/api/findings/imports',
      ...empty,
      headers: { ...empty.headers, ...as('analyst') },
    });
    expect(r3.json().error.message).toMatch(/^file: the uploaded file is empty/);
    const huge = multipartForm([
      { name: 'file', value: 'x'.repeat(6 * 1024 * 1024), filename: 'huge.nessus' },
    ]);
    const r4 = await http.inject({
      method: 'POST',
      url: '/api/findings/imports',
      ...huge,
      headers: { ...huge.headers, ...as('analyst') },
    });
    expect(r4.statusCode).toBe(413);
    const json = await send('POST', '/api/findings/imports', { file: 'x' });
    expect(json.statusCode).toBe(400);
    expect((await get('/api/findings/imports')).json().total).toBe(1);
    expect(
      (await get('/api/findings/imports/2b0f3d5e-7c1a-4d2b-9e8f-0a1b2c3d4e5f')).statusCode,
    ).toBe(404);
  });
});

describe('posture API', () => {
  it('serves the posture and the trend', async () => {
    const posture = (await get('/api/posture')).json();
    expect(posture.assets).toBe(5);
    expect(
      posture.safeguards.find((s: { safeguard: string }) => s.safeguard === 'drills'),
    ).toMatchObject({ configured: true });
    expect(
      posture.safeguards.find((s: { safeguard: string }) => s.safeguard === 'awareness'),
    ).toMatchObject({ configured: false });
    const trend = await get('/api/posture/trend?days=7');
    expect(trend.statusCode).toBe(200);
    // Today's point is what the posture shows, summed over the safeguards.
    const sum = (sev: string) =>
      posture.safeguards.reduce(
        (n: number, s: { openBySeverity: Record<string, number> }) => n + s.openBySeverity[sev]!,
        0,
      );
    expect(trend.json()).toEqual([
      {
        day: '2026-03-02',
        open: {
          critical: sum('critical'),
          high: sum('high'),
          medium: sum('medium'),
          low: sum('low'),
          info: sum('info'),
        },
      },
    ]);
    expect(sum('high')).toBeGreaterThan(0);
    expect((await get('/api/posture/trend?days=0')).statusCode).toBe(400);
  });

  it('documents every route in the OpenAPI description', async () => {
    const doc = (await get('/api/docs/json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/findings',
        '/api/findings/{id}',
        '/api/findings/imports',
        '/api/assets/{id}',
        '/api/posture/trend',
      ]),
    );
  });
});

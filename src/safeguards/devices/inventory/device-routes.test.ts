import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORE_MIGRATIONS, createCore } from '../../../core/index.ts';
import {
  AUDIT_MIGRATIONS,
  createAuditLog,
  createAuditModule,
} from '../../../platform/audit/index.ts';
import { AUTH_MIGRATIONS, createAuth } from '../../../platform/auth/index.ts';
import { fixedClock } from '../../../platform/clock.ts';
import type { PgliteDatabase } from '../../../platform/db/index.ts';
import type { HttpServer } from '../../../platform/http/index.ts';
import { createLogger } from '../../../platform/log.ts';
import { createSecretBox } from '../../../platform/secrets.ts';
import { createRecordingJobQueue, TEST_SLA } from '../../../../test/core-test-kit.ts';
import {
  createSignedInUser,
  createTestHttpServer,
  multipartForm,
} from '../../../../test/http-app.ts';
import { createTestDatabase } from '../../../../test/pglite-template.ts';
import { createDevices, DEVICES_MIGRATIONS } from '../index.ts';
import { csv } from './test-kit.ts';

/** The device routes as app.ts serves them: access levels, CSV upload, detail, VEX decisions. */
describe('device routes', () => {
  let db: PgliteDatabase;
  let http: HttpServer;
  let analyst: Awaited<ReturnType<typeof createSignedInUser>>;
  let auditor: Awaited<ReturnType<typeof createSignedInUser>>;

  beforeAll(async () => {
    db = await createTestDatabase([
      AUDIT_MIGRATIONS,
      AUTH_MIGRATIONS,
      CORE_MIGRATIONS,
      DEVICES_MIGRATIONS,
    ]);
    const clock = fixedClock(new Date());
    const audit = createAuditLog(db, clock);
    const log = createLogger('silent');
    const auth = createAuth({
      db,
      secrets: createSecretBox(Buffer.alloc(32, 7)),
      clock,
      audit,
      log,
      sessionHours: 12,
      secureCookies: false,
    });
    const stream = {
      kind: 'memory' as const,
      publish: async () => undefined,
      subscribe: async () => ({ stop: async () => undefined }),
      close: async () => undefined,
    };
    const core = createCore({
      db,
      clock,
      audit,
      jobs: createRecordingJobQueue(),
      stream,
      log,
      sla: TEST_SLA,
    });
    const devices = createDevices({ db, core, audit, clock, log });
    http = await createTestHttpServer({
      auth,
      audit,
      modules: [createAuditModule(audit), auth.module, devices.module],
    });
    analyst = await createSignedInUser(http, auth, 'analyst');
    auditor = await createSignedInUser(http, auth, 'auditor');
  });
  afterAll(async () => {
    await http.close();
    await db.close();
  });

  const upload = (text: string, bearer: Record<string, string>) => {
    const form = multipartForm([{ name: 'file', value: text, filename: 'cmms.csv' }]);
    return http.inject({
      method: 'POST',
      url: '/api/devices/import',
      headers: { ...bearer, ...form.headers },
      payload: form.payload,
    });
  };

  it('imports a CSV upload, lists devices and shows one with its history', async () => {
    const text = csv([
      ['Name', 'Make', 'Model', 'Software Version', 'Type'],
      ['Vent-3', 'Draeger', 'Evita V500', '2.51', 'Ventilator'],
    ]);
    expect((await upload(text, auditor.bearer)).statusCode).toBe(403);
    const res = await upload(text, analyst.bearer);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ rows: 1, created: 1 });

    const list = await http.inject({ method: 'GET', url: '/api/devices', headers: auditor.bearer });
    expect(list.statusCode).toBe(200);
    const [vent] = list.json().items;
    expect(vent).toMatchObject({
      name: 'Vent-3',
      manufacturer: 'Draeger',
      version: '2.51',
      deviceClass: 'life_critical',
      risk: null,
    });

    const detail = await http.inject({
      method: 'GET',
      url: `/api/devices/${vent.id}`,
      headers: auditor.bearer,
    });
    expect(detail.json()).toMatchObject({
      name: 'Vent-3',
      components: [],
      vulns: [],
      history: [{ field: 'created', newValue: 'Vent-3' }],
    });
  });

  it('answers a bad row with 400 naming line and column', async () => {
    const res = await upload(
      csv([
        ['Name', 'Vendor', 'Model', 'PHI'],
        ['a', 'b', 'c', 'maybe'],
      ]),
      analyst.bearer,
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe(
      'cmms.csv line 2, column PHI: expected yes or no, got "maybe"',
    );
  });

  it('records a VEX decision (WRITE) and shows it on the device', async () => {
    const [vent] = (
      await http.inject({ method: 'GET', url: '/api/devices', headers: analyst.bearer })
    ).json().items;
    const body = {
      cve: 'CVE-2024-0001',
      status: 'not_affected',
      justification: 'requires_configuration',
    };
    const url = `/api/devices/${vent.id}/decisions`;
    expect(
      (await http.inject({ method: 'POST', url, headers: auditor.bearer, payload: body }))
        .statusCode,
    ).toBe(403);
    const res = await http.inject({ method: 'POST', url, headers: analyst.bearer, payload: body });
    expect(res.statusCode, res.body).toBe(201);
    const detail = (
      await http.inject({ method: 'GET', url: `/api/devices/${vent.id}`, headers: analyst.bearer })
    ).json();
    expect(detail.decisions).toMatchObject([
      { cve: 'CVE-2024-0001', status: 'not_affected', justification: 'requires_configuration' },
    ]);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createPlatformTestApp,
  createSignedInUser,
  type PlatformTestApp,
} from '../../../test/http-app.ts';

describe('audit API', () => {
  let t: PlatformTestApp;
  beforeEach(async () => {
    t = await createPlatformTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  it('records every state change with who, what and from where, and pages it for auditors', async () => {
    const admin = await createSignedInUser(t.http, t.auth, 'admin');
    const auditor = await createSignedInUser(t.http, t.auth, 'auditor');
    const res = await t.http.inject({
      method: 'GET',
      url: '/api/audit?limit=2&offset=0',
      headers: auditor.bearer,
    });
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page).toMatchObject({ limit: 2, offset: 0 });
    expect(page.total).toBeGreaterThan(2);
    expect(page.items).toHaveLength(2);
    expect(Object.keys(page.items[0]).sort()).toEqual([
      'action',
      'actor',
      'at',
      'detail',
      'ip',
      'seq',
      'status',
      'target',
    ]);

    const byActor = (
      await t.http.inject({
        method: 'GET',
        url: `/api/audit?actor=${admin.user.username}&action=POST`,
        headers: auditor.bearer,
      })
    ).json();
    // The admin's login and token creation, recorded by the HTTP hook with the admin's name and address.
    expect(byActor.items.map((e: { action: string }) => e.action).sort()).toEqual([
      'POST /api/auth/login',
      'POST /api/tokens',
    ]);
    expect(byActor.items.every((e: { ip: string; status: number }) => e.ip && e.status < 300)).toBe(
      true,
    );
  });

  it('reports the chain state at /api/audit/verify', async () => {
    const auditor = await createSignedInUser(t.http, t.auth, 'auditor');
    const ok = (
      await t.http.inject({ method: 'GET', url: '/api/audit/verify', headers: auditor.bearer })
    ).json();
    expect(ok).toMatchObject({ ok: true });
    await t.db.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await t.db.query("UPDATE audit_log SET actor = 'someone' WHERE seq = 1");
    const bad = (
      await t.http.inject({ method: 'GET', url: '/api/audit/verify', headers: auditor.bearer })
    ).json();
    expect(bad).toMatchObject({ ok: false, firstBad: { seq: 1 } });
  });

  it('is not for analysts and validates its query', async () => {
    const analyst = await createSignedInUser(t.http, t.auth, 'analyst');
    expect(
      (await t.http.inject({ method: 'GET', url: '/api/audit', headers: analyst.bearer }))
        .statusCode,
    ).toBe(403);
    const admin = await createSignedInUser(t.http, t.auth, 'admin');
    const bad = await t.http.inject({
      method: 'GET',
      url: '/api/audit?limit=100000',
      headers: admin.bearer,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/^querystring\.limit: /);
  });
});

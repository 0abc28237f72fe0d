import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createPlatformTestApp,
  createSignedInUser,
  type PlatformTestApp,
} from '../../../test/http-app.ts';

describe('API tokens and CSRF', () => {
  let t: PlatformTestApp;
  beforeEach(async () => {
    t = await createPlatformTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  it('refuses a cookie POST without or with a wrong x-csrf-token, accepts it with the right one', async () => {
    const u = await createSignedInUser(t.http, t.auth, 'analyst');
    const post = (headers: Record<string, string>) =>
      t.http.inject({ method: 'POST', url: '/api/tokens', headers, payload: { name: 'ci' } });
    const none = await post({ cookie: u.session.cookie });
    expect(none.statusCode).toBe(403);
    expect(none.json().error.code).toBe('csrf');
    expect((await post({ cookie: u.session.cookie, 'x-csrf-token': 'guess' })).statusCode).toBe(
      403,
    );
    expect((await post(u.session.headers)).statusCode).toBe(201);
    // Reads need no CSRF token.
    expect(
      (
        await t.http.inject({
          method: 'GET',
          url: '/api/tokens',
          headers: { cookie: u.session.cookie },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('authenticates a bearer token without CSRF; stores only its hash; revocation ends it', async () => {
    const u = await createSignedInUser(t.http, t.auth, 'analyst');
    expect(u.token).toMatch(/^ward_[A-Za-z0-9_-]{43}$/);
    const created = await t.http.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: u.bearer,
      payload: { name: 'second', expiresInDays: 30 },
    });
    expect(created.statusCode).toBe(201);
    const second = created.json();
    expect(second).toMatchObject({ name: 'second', role: 'analyst', lastUsedAt: null });
    expect(new Date(second.expiresAt).getTime() - t.clock.now().getTime()).toBe(30 * 86_400_000);

    const rows = await t.db.query<{ token_hash: string }>('SELECT token_hash FROM api_tokens');
    expect(rows.some((r) => r.token_hash.includes(u.token) || u.token.includes(r.token_hash))).toBe(
      false,
    );

    const list = (
      await t.http.inject({ method: 'GET', url: '/api/tokens', headers: u.bearer })
    ).json();
    expect(list.map((x: { name: string }) => x.name).sort()).toEqual(['second', 'test']);
    expect(JSON.stringify(list)).not.toContain(u.token);
    expect(list.find((x: { name: string }) => x.name === 'test').lastUsedAt).not.toBeNull();

    const del = await t.http.inject({
      method: 'DELETE',
      url: `/api/tokens/${second.id}`,
      headers: u.bearer,
    });
    expect(del.statusCode).toBe(204);
    const revoked = await t.http.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${second.token}` },
    });
    expect(revoked.statusCode).toBe(401);
    expect(
      (
        await t.http.inject({
          method: 'GET',
          url: '/api/auth/me',
          headers: { authorization: 'Bearer ward_nonsense' },
        })
      ).statusCode,
    ).toBe(401);
    // A bad bearer token is not rescued by a valid cookie.
    const both = await t.http.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: 'Bearer ward_nonsense', cookie: u.session.cookie },
    });
    expect(both.statusCode).toBe(401);
  });

  it('expires tokens', async () => {
    const u = await createSignedInUser(t.http, t.auth, 'auditor');
    const res = await t.http.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: u.session.headers,
      payload: { name: 'short', expiresInDays: 1 },
    });
    const auth = { authorization: `Bearer ${res.json().token}` };
    expect(
      (await t.http.inject({ method: 'GET', url: '/api/auth/me', headers: auth })).statusCode,
    ).toBe(200);
    t.clock.advanceDays(1);
    expect(
      (await t.http.inject({ method: 'GET', url: '/api/auth/me', headers: auth })).statusCode,
    ).toBe(401);
  });

  it('caps a token role at the owner role', async () => {
    const analyst = await createSignedInUser(t.http, t.auth, 'analyst');
    const over = await t.http.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: analyst.session.headers,
      payload: { name: 'x', role: 'admin' },
    });
    expect(over.statusCode).toBe(403);
    expect(over.json().error).toMatchObject({
      code: 'role_exceeds',
      message: expect.stringMatching(/^role: /),
    });
    const lower = await t.http.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: analyst.session.headers,
      payload: { name: 'ro', role: 'auditor' },
    });
    expect(lower.json().role).toBe('auditor');
    // An auditor token of an analyst acts as an auditor.
    const asAuditor = { authorization: `Bearer ${lower.json().token}` };
    expect(
      (
        await t.http.inject({
          method: 'POST',
          url: '/api/tokens',
          headers: asAuditor,
          payload: { name: 'y', role: 'analyst' },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('revokes only own tokens, except for admins', async () => {
    const a = await createSignedInUser(t.http, t.auth, 'analyst');
    const b = await createSignedInUser(t.http, t.auth, 'analyst');
    const admin = await createSignedInUser(t.http, t.auth, 'admin');
    const [bToken] = (
      await t.http.inject({ method: 'GET', url: '/api/tokens', headers: b.bearer })
    ).json();
    expect(
      (
        await t.http.inject({
          method: 'DELETE',
          url: `/api/tokens/${bToken.id}`,
          headers: a.bearer,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await t.http.inject({ method: 'GET', url: '/api/auth/me', headers: b.bearer })).statusCode,
    ).toBe(200);
    expect(
      (
        await t.http.inject({
          method: 'DELETE',
          url: `/api/tokens/${bToken.id}`,
          headers: admin.bearer,
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (await t.http.inject({ method: 'GET', url: '/api/auth/me', headers: b.bearer })).statusCode,
    ).toBe(401);
    const entries = await t.audit.list({ limit: 5, offset: 0, action: 'token.revoke' });
    expect(entries.items[0]).toMatchObject({ actor: admin.user.username, target: bToken.id });
  });
});

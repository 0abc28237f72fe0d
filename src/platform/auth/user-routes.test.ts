import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  TEST_PASSWORD,
  createPlatformTestApp,
  createSignedInUser,
  signIn,
  type PlatformTestApp,
} from '../../../test/http-app.ts';

describe('user administration', () => {
  let t: PlatformTestApp;
  let admin: Awaited<ReturnType<typeof createSignedInUser>>;
  beforeEach(async () => {
    t = await createPlatformTestApp();
    admin = await createSignedInUser(t.http, t.auth, 'admin');
  });
  afterEach(async () => {
    await t.close();
  });

  const create = (headers: Record<string, string>, payload: object) =>
    t.http.inject({ method: 'POST', url: '/api/users', headers, payload });
  const patch = (id: string, payload: object, headers = admin.session.headers) =>
    t.http.inject({ method: 'PATCH', url: `/api/users/${id}`, headers, payload });

  it('creates and lists users; usernames are unique regardless of case', async () => {
    const res = await create(admin.session.headers, {
      username: 'Bob',
      displayName: 'Bob Ross',
      role: 'analyst',
      password: TEST_PASSWORD,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      username: 'Bob',
      displayName: 'Bob Ross',
      role: 'analyst',
      disabled: false,
      totpEnabled: false,
      lastLoginAt: null,
    });
    const dup = await create(admin.session.headers, {
      username: 'bob',
      role: 'auditor',
      password: TEST_PASSWORD,
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toMatch(/^username: /);
    const list = (
      await t.http.inject({ method: 'GET', url: '/api/users', headers: admin.bearer })
    ).json();
    expect(list.map((u: { username: string }) => u.username).sort()).toEqual(
      ['Bob', admin.user.username].sort(),
    );
    const entries = await t.audit.list({ limit: 10, offset: 0, action: 'user.create' });
    expect(entries.items[0]).toMatchObject({
      actor: admin.user.username,
      target: 'Bob',
      detail: { role: 'analyst' },
    });
  });

  it('names the field in validation errors', async () => {
    const res = await create(admin.session.headers, {
      username: 'carol',
      role: 'superuser',
      password: TEST_PASSWORD,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/^body\.role: /);
    const weak = await create(admin.session.headers, {
      username: 'carol',
      role: 'analyst',
      password: 'carolcarolcarol1',
    });
    expect(weak.json().error).toMatchObject({
      code: 'weak_password',
      details: { field: 'password' },
    });
    const extra = await patch(admin.user.id, { isAdmin: true });
    expect(extra.statusCode).toBe(400);
  });

  it('only admins manage users', async () => {
    const auditor = await createSignedInUser(t.http, t.auth, 'auditor');
    const analyst = await createSignedInUser(t.http, t.auth, 'analyst');
    const payload = { username: 'mallory', role: 'admin', password: TEST_PASSWORD };
    expect((await create(auditor.session.headers, payload)).statusCode).toBe(403);
    expect((await create(analyst.session.headers, payload)).statusCode).toBe(403);
    expect((await create(analyst.bearer, payload)).statusCode).toBe(403);
    expect(
      (await t.http.inject({ method: 'GET', url: '/api/users', headers: auditor.bearer }))
        .statusCode,
    ).toBe(403);
    expect(
      (await patch(analyst.user.id, { role: 'admin' }, analyst.session.headers)).statusCode,
    ).toBe(403);
  });

  it('changes role and display name; the role applies to the next request of live sessions', async () => {
    const analyst = await createSignedInUser(t.http, t.auth, 'analyst');
    const res = await patch(analyst.user.id, { role: 'auditor', displayName: 'Now Auditing' });
    expect(res.json()).toMatchObject({ role: 'auditor', displayName: 'Now Auditing' });
    const me = await t.http.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: analyst.session.headers,
    });
    expect(me.json().role).toBe('auditor');
    // The analyst token is capped at the owner's new role.
    const viaToken = await t.http.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: analyst.bearer,
    });
    expect(viaToken.json().role).toBe('auditor');
  });

  it('disabling (PATCH or DELETE) ends sessions and tokens and blocks login', async () => {
    const analyst = await createSignedInUser(t.http, t.auth, 'analyst');
    const del = await t.http.inject({
      method: 'DELETE',
      url: `/api/users/${analyst.user.id}`,
      headers: admin.session.headers,
    });
    expect(del.statusCode).toBe(204);
    expect(
      (
        await t.http.inject({
          method: 'GET',
          url: '/api/auth/me',
          headers: analyst.session.headers,
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (await t.http.inject({ method: 'GET', url: '/api/auth/me', headers: analyst.bearer }))
        .statusCode,
    ).toBe(401);
    await expect(signIn(t.http, analyst.user.username, TEST_PASSWORD)).rejects.toThrow(/401/);
    const list = (
      await t.http.inject({ method: 'GET', url: '/api/users', headers: admin.bearer })
    ).json();
    expect(list.find((u: { id: string }) => u.id === analyst.user.id).disabled).toBe(true);
    // Re-enabling restores login but not the revoked token.
    expect((await patch(analyst.user.id, { disabled: false })).statusCode).toBe(200);
    await signIn(t.http, analyst.user.username, TEST_PASSWORD);
    expect(
      (await t.http.inject({ method: 'GET', url: '/api/auth/me', headers: analyst.bearer }))
        .statusCode,
    ).toBe(401);
  });

  it('an admin password reset ends sessions and asks for a change', async () => {
    const analyst = await createSignedInUser(t.http, t.auth, 'analyst');
    const res = await patch(analyst.user.id, { password: 'temporary passphrase for you' });
    expect(res.statusCode).toBe(200);
    expect(
      (
        await t.http.inject({
          method: 'GET',
          url: '/api/auth/me',
          headers: analyst.session.headers,
        })
      ).statusCode,
    ).toBe(401);
    const s = await signIn(t.http, analyst.user.username, 'temporary passphrase for you');
    expect(
      (await t.http.inject({ method: 'GET', url: '/api/auth/me', headers: s.headers })).json()
        .mustChangePassword,
    ).toBe(true);
  });

  it('never demotes, disables or deletes the last enabled admin', async () => {
    const demote = await patch(admin.user.id, { role: 'analyst' });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.code).toBe('last_admin');
    expect((await patch(admin.user.id, { disabled: true })).statusCode).toBe(409);
    expect(
      (
        await t.http.inject({
          method: 'DELETE',
          url: `/api/users/${admin.user.id}`,
          headers: admin.session.headers,
        })
      ).statusCode,
    ).toBe(409);
    // With a second admin, the first may step down.
    const second = await createSignedInUser(t.http, t.auth, 'admin');
    expect((await patch(admin.user.id, { role: 'analyst' })).statusCode).toBe(200);
    expect(
      (await patch(second.user.id, { disabled: true }, second.session.headers)).statusCode,
    ).toBe(409);
  });

  it('answers 404 for an unknown user id', async () => {
    const res = await patch('7d0e3f1c-0000-4000-8000-000000000000', { displayName: 'x y' });
    expect(res.statusCode).toBe(404);
  });
});

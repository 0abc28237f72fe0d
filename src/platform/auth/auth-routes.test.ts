import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  TEST_PASSWORD,
  createPlatformTestApp,
  createTestUser,
  freshAddress,
  sessionFromCookies,
  signIn,
  type PlatformTestApp,
} from '../../../test/http-app.ts';

const ADMIN_PASSWORD = 'a long and unguessable admin passphrase';

describe('setup and sign-in', () => {
  let t: PlatformTestApp;
  beforeEach(async () => {
    t = await createPlatformTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  const setup = (username: string, password = ADMIN_PASSWORD) =>
    t.http.inject({
      method: 'POST',
      url: '/api/setup',
      remoteAddress: freshAddress(),
      payload: { username, password, displayName: 'Grace Hopper' },
    });

  it('creates the first admin once, signs them in, then answers 409', async () => {
    expect((await t.http.inject({ method: 'GET', url: '/api/setup' })).json()).toEqual({
      needsSetup: true,
    });
    const res = await setup('root');
    expect(res.statusCode).toBe(200);
    const me = res.json();
    expect(me).toMatchObject({
      username: 'root',
      displayName: 'Grace Hopper',
      role: 'admin',
      totpEnabled: false,
      mustChangePassword: false,
    });
    const session = sessionFromCookies(res.cookies);
    expect(me.csrfToken).toBe(session.csrf);
    expect(
      (
        await t.http.inject({
          method: 'GET',
          url: '/api/auth/me',
          headers: { cookie: session.cookie },
        })
      ).json().username,
    ).toBe('root');
    expect((await t.http.inject({ method: 'GET', url: '/api/setup' })).json()).toEqual({
      needsSetup: false,
    });

    const again = await setup('intruder');
    expect(again.statusCode).toBe(409);
    expect(again.cookies).toHaveLength(0);
    expect(await t.auth.countUsers()).toBe(1);
    // The generic audit hook records the setup under the new admin's name.
    const { items } = await t.audit.list({ limit: 10, offset: 0, action: 'POST /api/setup' });
    expect(items.map((e) => [e.actor, e.status])).toEqual([
      ['anonymous', 409],
      ['root', 200],
    ]);
  });

  it('creates exactly one admin when two setups race', async () => {
    const results = await Promise.all([setup('first'), setup('second')]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await t.auth.countUsers()).toBe(1);
  });

  it('checks the password policy at setup and names the field', async () => {
    const res = await setup('root', 'too short');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'weak_password',
      message: expect.stringMatching(/^password: .*at least 15/),
    });
    const bad = await t.http.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { username: 'has space', password: ADMIN_PASSWORD },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/^body\.username: /);
  });

  it('sets HttpOnly SameSite=Strict session cookies and a readable CSRF cookie', async () => {
    await createTestUser(t.auth, 'analyst', 'ana');
    const res = await t.http.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: freshAddress(),
      payload: { username: 'ANA', password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const session = res.cookies.find((c) => c.name === 'ward_session')!;
    const csrf = res.cookies.find((c) => c.name === 'ward_csrf')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(session.secure).toBeFalsy();
    expect(csrf.httpOnly).toBeFalsy();
    expect(csrf).toMatchObject({ sameSite: 'Strict', path: '/' });
    expect(res.json()).toMatchObject({
      status: 'ok',
      me: { username: 'ana', role: 'analyst', csrfToken: csrf.value },
    });
    // Only the hash of the session token is stored.
    const rows = await t.db.query<{ token_hash: string }>('SELECT token_hash FROM sessions');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).not.toContain(session.value);
  });

  it('marks cookies Secure when configured', async () => {
    const secure = await createPlatformTestApp({ secureCookies: true });
    try {
      await createTestUser(secure.auth, 'auditor', 'aud');
      const res = await secure.http.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'aud', password: TEST_PASSWORD },
      });
      expect(res.cookies.every((c) => c.secure === true)).toBe(true);
    } finally {
      await secure.close();
    }
  });

  it('answers wrong password and unknown user alike', async () => {
    await createTestUser(t.auth, 'analyst', 'ana');
    const wrong = await t.http.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'ana', password: 'not the right password' },
    });
    const unknown = await t.http.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody', password: 'not the right password' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('invalid_credentials');
    expect(wrong.cookies).toHaveLength(0);
  });

  it('logs out: the session stops working and the cookies are cleared', async () => {
    await createTestUser(t.auth, 'auditor', 'aud');
    const s = await signIn(t.http, 'aud', TEST_PASSWORD);
    const out = await t.http.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: s.headers,
    });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'ward_session')?.value).toBe('');
    expect(
      (await t.http.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } }))
        .statusCode,
    ).toBe(401);
    expect(await t.db.query('SELECT id FROM sessions')).toHaveLength(0);
  });

  it('locks an account for 15 minutes after 10 failures, even against the right password', async () => {
    await createTestUser(t.auth, 'analyst', 'ana');
    const attempt = (password: string) =>
      t.http.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: freshAddress(),
        payload: { username: 'ana', password },
      });
    for (let i = 0; i < 9; i++)
      expect((await attempt('wrong password number ' + i)).statusCode).toBe(401);
    // Nine failures do not lock; a success resets the count.
    expect((await attempt(TEST_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 10; i++)
      expect((await attempt('wrong password number ' + i)).statusCode).toBe(401);
    const locked = await attempt(TEST_PASSWORD);
    expect(locked.statusCode).toBe(401);
    expect(locked.json().error.code).toBe('invalid_credentials');
    t.clock.set(new Date(t.clock.now().getTime() + 14 * 60_000));
    expect((await attempt(TEST_PASSWORD)).statusCode).toBe(401);
    t.clock.set(new Date(t.clock.now().getTime() + 61_000));
    expect((await attempt(TEST_PASSWORD)).statusCode).toBe(200);
    const lockEntries = await t.audit.list({ limit: 10, offset: 0, action: 'auth.locked' });
    expect(lockEntries.items.map((e) => e.target)).toEqual(['ana']);
  });

  it('limits login attempts to 10 a minute per address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await t.http.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '192.0.2.99',
        payload: { username: 'x', password: 'y' },
      });
      codes.push(res.statusCode);
    }
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    expect(codes[10]).toBe(429);
  });

  it('expires a session after sessionHours without use, and slides while used', async () => {
    await createTestUser(t.auth, 'auditor', 'aud');
    const s = await signIn(t.http, 'aud', TEST_PASSWORD);
    const me = () =>
      t.http.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } });
    t.clock.set(new Date(t.clock.now().getTime() + 11 * 3_600_000));
    expect((await me()).statusCode).toBe(200);
    t.clock.set(new Date(t.clock.now().getTime() + 11 * 3_600_000));
    expect((await me()).statusCode).toBe(200);
    t.clock.set(new Date(t.clock.now().getTime() + 12 * 3_600_000 + 1000));
    expect((await me()).statusCode).toBe(401);
  });

  it('changes the own password: policy-checked, ends other sessions, clears mustChangePassword', async () => {
    await t.auth.createUser(
      { username: 'ana', password: TEST_PASSWORD, role: 'analyst', mustChangePassword: true },
      'test',
    );
    const a = await signIn(t.http, 'ana', TEST_PASSWORD);
    const b = await signIn(t.http, 'ana', TEST_PASSWORD);
    const change = (body: object) =>
      t.http.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: a.headers,
        payload: body,
      });

    // Until the one-time password is replaced, the session can do nothing else.
    const blocked = await t.http.inject({
      method: 'GET',
      url: '/api/tokens',
      headers: { cookie: a.cookie },
    });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('password_change_required');

    const wrong = await change({
      currentPassword: 'not my password at all',
      newPassword: 'a brand new passphrase here',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toMatch(/^currentPassword: /);
    const weak = await change({
      currentPassword: TEST_PASSWORD,
      newPassword: 'ana ana ana ana ana',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error).toMatchObject({
      code: 'weak_password',
      details: { field: 'newPassword' },
    });

    expect(
      (await change({ currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase here' }))
        .statusCode,
    ).toBe(204);
    const meA = await t.http.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: a.cookie },
    });
    expect(meA.json().mustChangePassword).toBe(false);
    expect(
      (await t.http.inject({ method: 'GET', url: '/api/tokens', headers: { cookie: a.cookie } }))
        .statusCode,
    ).toBe(200);
    expect(
      (await t.http.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: b.cookie } }))
        .statusCode,
    ).toBe(401);
    await signIn(t.http, 'ana', 'a brand new passphrase here');
  });

  it('never returns or records a password, hash, session token or TOTP secret', async () => {
    const setupRes = await setup('root');
    const admin = sessionFromCookies(setupRes.cookies);
    const created = await t.http.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { username: 'ana', role: 'analyst', password: TEST_PASSWORD },
    });
    const list = await t.http.inject({ method: 'GET', url: '/api/users', headers: admin.headers });
    const me = await t.http.inject({ method: 'GET', url: '/api/auth/me', headers: admin.headers });
    const audit = await t.http.inject({
      method: 'GET',
      url: '/api/audit?limit=500',
      headers: admin.headers,
    });
    const [row] = await t.db.query<{ password_hash: string }>(
      "SELECT password_hash FROM users WHERE username = 'ana'",
    );
    const sessionToken = admin.cookie.split(';')[0]!.split('=')[1]!;
    for (const body of [setupRes.body, created.body, list.body, me.body, audit.body]) {
      expect(body).not.toContain(ADMIN_PASSWORD);
      expect(body).not.toContain(TEST_PASSWORD);
      expect(body).not.toContain('$argon2id$');
      expect(body).not.toContain(row!.password_hash);
      expect(body).not.toContain(sessionToken);
      expect(body).not.toMatch(/password_?hash|totp_?secret|failed_?logins/i);
    }
  });
});

import { Secret, TOTP } from 'otpauth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  TEST_PASSWORD,
  createPlatformTestApp,
  createTestUser,
  freshAddress,
  signIn,
  type PlatformTestApp,
  type TestSession,
} from '../../../test/http-app.ts';

describe('TOTP second factor', () => {
  let t: PlatformTestApp;
  let s: TestSession;
  beforeEach(async () => {
    t = await createPlatformTestApp();
    await createTestUser(t.auth, 'analyst', 'ana');
    s = await signIn(t.http, 'ana', TEST_PASSWORD);
  });
  afterEach(async () => {
    await t.close();
  });

  const code = (secret: string, at = t.clock.now()) =>
    TOTP.generate({
      secret: Secret.fromBase32(secret),
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      timestamp: at.getTime(),
    });
  const login = (totp?: string) =>
    t.http.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: freshAddress(),
      payload: { username: 'ana', password: TEST_PASSWORD, ...(totp ? { totp } : {}) },
    });

  async function enrolAndConfirm(): Promise<string> {
    const enrol = await t.http.inject({
      method: 'POST',
      url: '/api/auth/totp/enrol',
      headers: s.headers,
    });
    expect(enrol.statusCode).toBe(200);
    const secret = enrol.json().secret as string;
    const confirm = await t.http.inject({
      method: 'POST',
      url: '/api/auth/totp/confirm',
      headers: s.headers,
      payload: { code: code(secret) },
    });
    expect(confirm.statusCode).toBe(204);
    return secret;
  }

  it('enrols with an otpauth URI and QR code, and stores the secret sealed', async () => {
    const res = await t.http.inject({
      method: 'POST',
      url: '/api/auth/totp/enrol',
      headers: s.headers,
    });
    const body = res.json();
    expect(body.uri).toMatch(/^otpauth:\/\/totp\/Ward:ana\?.*secret=/);
    expect(body.uri).toContain('algorithm=SHA1');
    expect(body.uri).toContain('digits=6');
    expect(body.uri).toContain('period=30');
    expect(body.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const [row] = await t.db.query<{ totp_secret: string; totp_enabled: boolean }>(
      "SELECT totp_secret, totp_enabled FROM users WHERE username = 'ana'",
    );
    expect(row!.totp_enabled).toBe(false);
    expect(row!.totp_secret).toMatch(/^v1:/);
    expect(row!.totp_secret).not.toContain(body.secret);
    // Not enabled until confirmed: login still needs only the password.
    expect((await login()).json().status).toBe('ok');
  });

  it('refuses a wrong confirmation code and naming the field', async () => {
    await t.http.inject({ method: 'POST', url: '/api/auth/totp/enrol', headers: s.headers });
    const res = await t.http.inject({
      method: 'POST',
      url: '/api/auth/totp/confirm',
      headers: s.headers,
      payload: { code: '000000' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/^code: /);
    const malformed = await t.http.inject({
      method: 'POST',
      url: '/api/auth/totp/confirm',
      headers: s.headers,
      payload: { code: '12ab' },
    });
    expect(malformed.json().error.message).toMatch(/^body\.code: six digits/);
  });

  it('asks for the code after a correct password, then signs in with it once', async () => {
    const secret = await enrolAndConfirm();
    expect(
      (await t.http.inject({ method: 'GET', url: '/api/auth/me', headers: s.headers })).json()
        .totpEnabled,
    ).toBe(true);

    const first = await login();
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ status: 'totp_required' });
    expect(first.cookies).toHaveLength(0);

    // The confirmation code's step is used up; the next step's code works.
    t.clock.set(new Date(t.clock.now().getTime() + 30_000));
    const good = code(secret);
    const ok = await login(good);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe('ok');
    expect(ok.cookies.map((c) => c.name)).toContain('ward_session');

    const replay = await login(good);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('invalid_totp');
  });

  it('accepts a code one step off (window 1) but not two', async () => {
    const secret = await enrolAndConfirm();
    t.clock.set(new Date(t.clock.now().getTime() + 5 * 60_000));
    expect((await login(code(secret, new Date(t.clock.now().getTime() - 30_000)))).statusCode).toBe(
      200,
    );
    t.clock.set(new Date(t.clock.now().getTime() + 5 * 60_000));
    expect((await login(code(secret, new Date(t.clock.now().getTime() - 61_000)))).statusCode).toBe(
      401,
    );
  });

  it('refuses a wrong code and counts it as a failed login', async () => {
    await enrolAndConfirm();
    const res = await login('123456');
    expect(res.statusCode).toBe(401);
    const [row] = await t.db.query<{ failed_logins: number }>(
      "SELECT failed_logins FROM users WHERE username = 'ana'",
    );
    expect(row!.failed_logins).toBe(1);
  });

  it('cannot enrol twice; disabling needs the password', async () => {
    await enrolAndConfirm();
    expect(
      (await t.http.inject({ method: 'POST', url: '/api/auth/totp/enrol', headers: s.headers }))
        .statusCode,
    ).toBe(409);
    const wrong = await t.http.inject({
      method: 'POST',
      url: '/api/auth/totp/disable',
      headers: s.headers,
      payload: { password: 'not my password at all' },
    });
    expect(wrong.statusCode).toBe(400);
    const off = await t.http.inject({
      method: 'POST',
      url: '/api/auth/totp/disable',
      headers: s.headers,
      payload: { password: TEST_PASSWORD },
    });
    expect(off.statusCode).toBe(204);
    expect((await login()).json().status).toBe('ok');
    const [row] = await t.db.query<{ totp_secret: string | null }>(
      "SELECT totp_secret FROM users WHERE username = 'ana'",
    );
    expect(row!.totp_secret).toBeNull();
  });
});

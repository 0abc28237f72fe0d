import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHttpServer, freshAddress, sessionFromCookies } from '../../../test/http-app.ts';
import { createPgTestDatabase } from '../../../test/pg-database.ts';
import { hasPostgres } from '../../../test/services.ts';
import { AUDIT_MIGRATIONS, createAuditLog, createAuditModule } from '../audit/index.ts';
import { systemClock } from '../clock.ts';
import { migrate, openPostgres, type PostgresDatabase } from '../db/index.ts';
import type { HttpServer } from '../http/index.ts';
import { createLogger } from '../log.ts';
import { createSecretBox } from '../secrets.ts';
import { AUTH_MIGRATIONS, createAuth } from './auth.ts';

const PASSWORD = 'a long and unguessable passphrase';

describe.skipIf(!hasPostgres)('auth on PostgreSQL, two API processes', () => {
  let testDb: Awaited<ReturnType<typeof createPgTestDatabase>>;
  let second: PostgresDatabase;
  let servers: HttpServer[] = [];

  beforeAll(async () => {
    testDb = await createPgTestDatabase();
    await migrate(testDb.db, [AUDIT_MIGRATIONS, AUTH_MIGRATIONS]);
    second = await openPostgres(testDb.url);
    // Two servers on two pools with one key stand in for two `ward serve --roles=api` processes.
    const secrets = createSecretBox(Buffer.alloc(32, 3));
    servers = await Promise.all(
      [testDb.db, second].map(async (db) => {
        const audit = createAuditLog(db, systemClock);
        const auth = createAuth({
          db,
          secrets,
          clock: systemClock,
          audit,
          log: createLogger('silent'),
          sessionHours: 1,
          secureCookies: false,
        });
        return createTestHttpServer({
          auth,
          audit,
          modules: [createAuditModule(audit), auth.module],
        });
      }),
    );
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
    await second?.close();
    await testDb?.db.close();
    await testDb?.drop();
  });

  it('creates one first admin when both processes receive the setup form at once', async () => {
    const results = await Promise.all(
      servers.map((s, i) =>
        s.inject({
          method: 'POST',
          url: '/api/setup',
          remoteAddress: freshAddress(),
          payload: { username: `admin${i}`, password: PASSWORD },
        }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const [count] = await testDb.db.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM users');
    expect(count!.n).toBe(1);
  });

  it('accepts a session made by one process in the other, with CSRF', async () => {
    const username = (await testDb.db.query<{ username: string }>('SELECT username FROM users'))[0]!
      .username;
    const login = await servers[0]!.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: freshAddress(),
      payload: { username, password: PASSWORD },
    });
    const s = sessionFromCookies(login.cookies);
    const token = await servers[1]!.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: s.headers,
      payload: { name: 'cross' },
    });
    expect(token.statusCode).toBe(201);
    const noCsrf = await servers[1]!.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: { cookie: s.cookie },
      payload: { name: 'x' },
    });
    expect(noCsrf.statusCode).toBe(403);
    const me = await servers[0]!.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${token.json().token}` },
    });
    expect(me.json().username).toBe(username);
  });

  it('locks after 10 failures spread over both processes', async () => {
    const username = (await testDb.db.query<{ username: string }>('SELECT username FROM users'))[0]!
      .username;
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        servers[i % 2]!.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: freshAddress(),
          payload: { username, password: `wrong guess ${i}` },
        }),
      ),
    );
    const right = await servers[0]!.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: freshAddress(),
      payload: { username, password: PASSWORD },
    });
    expect(right.statusCode).toBe(401);
    const [row] = await testDb.db.query<{ locked: boolean }>(
      'SELECT locked_until > now() AS locked FROM users',
    );
    expect(row!.locked).toBe(true);
    const verify = await createAuditLog(second, systemClock).verify();
    expect(verify.ok).toBe(true);
  });
});

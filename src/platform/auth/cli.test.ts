import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPlatformTestApp, signIn, type PlatformTestApp } from '../../../test/http-app.ts';
import type { Auth } from './auth.ts';
import { registerUserCommands } from './cli.ts';

describe('ward users', () => {
  let t: PlatformTestApp;
  let out: string[];
  beforeEach(async () => {
    t = await createPlatformTestApp();
    out = [];
    vi.spyOn(console, 'log').mockImplementation(
      (...args: unknown[]) => void out.push(args.join(' ')),
    );
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    delete process.env['WARD_NEW_PASSWORD'];
    await t.close();
  });

  async function run(...args: string[]) {
    const program = new Command('ward').exitOverride();
    registerUserCommands(program, <T>(fn: (app: { auth: Auth }) => Promise<T>) =>
      fn({ auth: t.auth }),
    );
    await program.parseAsync(['node', 'ward', ...args]);
  }

  it('creates a user with the password from WARD_NEW_PASSWORD and records the CLI as actor', async () => {
    process.env['WARD_NEW_PASSWORD'] = 'the password from the environment';
    await run(
      'users',
      'create',
      '--username',
      'ops',
      '--role',
      'analyst',
      '--display-name',
      'Ops Team',
    );
    expect(out).toEqual(['created user ops (analyst)']);
    await signIn(t.http, 'ops', 'the password from the environment');
    const [entry] = (await t.audit.list({ limit: 1, offset: 0, action: 'user.create' })).items;
    expect(entry!.actor).toMatch(/^cli/);
  });

  it('generates a password, prints it once, and requires a change at first sign-in', async () => {
    await run('users', 'create', '--username', 'gen', '--role', 'auditor', '--generate');
    const printed = out.join('\n').match(/\n\s+([a-z2-9]{4}(?:-[a-z2-9]{4}){5})\n/)?.[1];
    expect(printed).toBeDefined();
    const s = await signIn(t.http, 'gen', printed!);
    expect(
      (await t.http.inject({ method: 'GET', url: '/api/auth/me', headers: s.headers })).json()
        .mustChangePassword,
    ).toBe(true);
  });

  it('refuses a weak password and an unknown role', async () => {
    process.env['WARD_NEW_PASSWORD'] = 'short';
    await expect(run('users', 'create', '--username', 'weak', '--role', 'analyst')).rejects.toThrow(
      /password: .*at least 15/,
    );
    await expect(
      run('users', 'create', '--username', 'x', '--role', 'root', '--generate'),
    ).rejects.toThrow(/must be one of admin, analyst, auditor/);
    expect(await t.auth.countUsers()).toBe(0);
  });

  it('lists users as a table and as JSON without secrets', async () => {
    await t.auth.createUser(
      { username: 'alice', password: 'she has a long passphrase', role: 'admin' },
      'test',
    );
    await run('users', 'list');
    expect(out[0]).toMatch(/^alice\s+admin\s+never signed in/);
    out.length = 0;
    await run('users', 'list', '--json');
    const list = JSON.parse(out.join('\n'));
    expect(list).toEqual([expect.objectContaining({ username: 'alice', role: 'admin' })]);
    expect(out.join('\n')).not.toMatch(/argon2|passphrase/);
  });

  it('resets a password: old one stops working, a lockout is cleared', async () => {
    await t.auth.createUser(
      { username: 'bob', password: 'he has a long passphrase', role: 'analyst' },
      'test',
    );
    await t.db.query(
      "UPDATE users SET locked_until = now() + interval '1 hour' WHERE username = 'bob'",
    );
    process.env['WARD_NEW_PASSWORD'] = 'a fresh passphrase for the reset';
    await run('users', 'reset-password', 'bob');
    expect(out).toEqual(['password reset for bob']);
    await expect(signIn(t.http, 'bob', 'he has a long passphrase')).rejects.toThrow(/401/);
    await signIn(t.http, 'bob', 'a fresh passphrase for the reset');
    await expect(run('users', 'reset-password', 'nobody', '--generate')).rejects.toThrow(
      /user "nobody" not found/,
    );
  });

  it('resets a lost second factor', async () => {
    await t.auth.createUser(
      { username: 'carol', password: 'she keeps a long passphrase', role: 'analyst' },
      'test',
    );
    await t.db.query(
      "UPDATE users SET totp_secret = 'v1:x:y:z', totp_enabled = true WHERE username = 'carol'",
    );
    await run('users', 'reset-totp', 'Carol');
    expect(out[0]).toMatch(/two-factor authentication is off for Carol/);
    const [row] = await t.db.query<{ totp_enabled: boolean; totp_secret: string | null }>(
      "SELECT totp_enabled, totp_secret FROM users WHERE username = 'carol'",
    );
    expect(row).toEqual({ totp_enabled: false, totp_secret: null });
    await expect(run('users', 'reset-totp', 'nobody')).rejects.toThrow(/not found/);
  });
});

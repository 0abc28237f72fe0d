import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, stopApp, type App } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import type { HttpServer } from '../../platform/http/index.ts';
import { createTestDatabase } from '../../../test/pglite-template.ts';
import {
  createSignedInUser,
  createTestHttpServer,
  multipartForm,
  type TestSession,
} from '../../../test/http-app.ts';
import { importCorpus, writeHibpFile } from './corpus/index.ts';
import { ntlmHex } from './hashing/ntlm.ts';

const NO_LM = 'aad3b435b51404eeaad3b435b51404ee';

/**
 * The credentials safeguard through HTTP, wired as app.ts wires it: the range API against an
 * imported corpus, the policy check (also applied to Ward's own users), audits and directory
 * imports turning into findings.
 */
describe('credentials routes', () => {
  let app: App;
  let http: HttpServer;
  let dataDir: string;
  let analyst: { session: TestSession; bearer: Record<string, string> };
  let hibpFile: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ward-creds-routes-'));
    hibpFile = join(dataDir, 'pwned-sha1.txt');
    writeHibpFile(hibpFile, {
      kind: 'sha1',
      lines: 50_000,
      seed: 5,
      passwords: [
        { password: 'password', count: 52_256_179 },
        { password: 'Spring2026 is here', count: 3 },
      ],
    });
    const ntlmFile = join(dataDir, 'pwned-ntlm.txt');
    writeHibpFile(ntlmFile, {
      kind: 'ntlm',
      lines: 20_000,
      seed: 6,
      passwords: [{ password: 'Welcome1', count: 91_000 }],
    });
    await importCorpus({ dir: join(dataDir, 'corpus'), files: [hibpFile, ntlmFile] });
    const config = loadConfig({
      WARD_DATA_DIR: dataDir,
      WARD_DEMO: 'false',
      WARD_LOG_LEVEL: 'silent',
      WARD_ORG_NAMES: "St Mary's Hospital,SMH",
    });
    app = await openApp(config, { db: await createTestDatabase([]) });
    http = await createTestHttpServer({ auth: app.auth, audit: app.audit, modules: app.modules });
    analyst = await createSignedInUser(http, app.auth, 'analyst');
  }, 120_000);

  afterAll(async () => {
    await http?.close();
    if (app) await stopApp(app);
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('GET /range/{prefix}', () => {
    it('answers like api.pwnedpasswords.com, without a session', async () => {
      const res = await http.inject({ method: 'GET', url: '/range/5baa6' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      const lines = res.body.split('\r\n');
      expect(lines).toContain('1E4C9B93F3F0682250B6CF8331B7EE68FD8:52256179');
      for (const line of lines) expect(line).toMatch(/^[0-9A-F]{35}:\d+$/);
      // Exactly the file's lines under that prefix, in order.
      const expected = readFileSync(hibpFile, 'latin1')
        .split('\n')
        .filter((l) => l.startsWith('5BAA6'))
        .map((l) => l.slice(5));
      expect(lines).toEqual(expected);
    });

    it('pads with count-0 rows on Add-Padding and serves NTLM with ?mode=ntlm', async () => {
      const padded = await http.inject({
        method: 'GET',
        url: '/range/5BAA6',
        headers: { 'add-padding': 'true' },
      });
      const rows = padded.body.split('\r\n');
      expect(rows.length).toBeGreaterThanOrEqual(800);
      expect(rows.length).toBeLessThanOrEqual(1000);
      expect(rows.filter((r) => !r.endsWith(':0'))).toContain(
        '1E4C9B93F3F0682250B6CF8331B7EE68FD8:52256179',
      );
      const nt = ntlmHex('Welcome1');
      const ntlm = await http.inject({ method: 'GET', url: `/range/${nt.slice(0, 5)}?mode=ntlm` });
      expect(ntlm.body.split('\r\n')).toContain(`${nt.slice(5)}:91000`);
    });

    it('refuses a malformed prefix with the public API wording', async () => {
      const res = await http.inject({ method: 'GET', url: '/range/5BAAZ' });
      expect(res.statusCode).toBe(400);
      expect(res.body).toBe('The hash prefix was not in a valid format');
    });
  });

  describe('POST /api/creds/check', () => {
    const check = (payload: object) =>
      http.inject({ method: 'POST', url: '/api/creds/check', headers: analyst.bearer, payload });

    it('refuses a breached password and says how often it was seen', async () => {
      const res = await check({ password: 'Spring2026 is here' });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.ok).toBe(false);
      expect(body.breachedCount).toBe(3);
      expect(body.reasons.map((r: { code: string }) => r.code)).toContain('breached');
    });

    it('accepts a long unusual passphrase and rates it', async () => {
      const body = (await check({ password: 'otter lantern quietly folds maps' })).json();
      expect(body).toMatchObject({ ok: true, reasons: [], breachedCount: 0, minLength: 15 });
      expect(body.strength.score).toBeGreaterThanOrEqual(3);
    });

    it('applies the account class and names an unknown one', async () => {
      const mfa = (await check({ password: 'otter lamp', accountClass: 'multi_factor' })).json();
      expect(mfa.minLength).toBe(8);
      const bad = await check({ password: 'x', accountClass: 'robots' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toMatch(/accountClass: .*single_factor/);
    });

    it('needs a session or token', async () => {
      const res = await http.inject({
        method: 'POST',
        url: '/api/creds/check',
        payload: { password: 'x' },
      });
      expect(res.statusCode).toBe(401);
    });
  });

  it("applies the hospital's policy to Ward's own users", async () => {
    await expect(
      app.auth.createUser(
        { username: 'nurse.jo', password: 'StMarysHospital2026!', role: 'analyst' },
        'test',
      ),
    ).rejects.toThrow(/password/i);
    await expect(
      app.auth.createUser(
        { username: 'nurse.jo', password: 'Spring2026 is here', role: 'analyst' },
        'test',
      ),
    ).rejects.toThrow(/breach/i);
  });

  describe('stored-credential audits', () => {
    const upload = (dump: string, fields: Record<string, string> = {}) => {
      const form = multipartForm([
        ...Object.entries(fields).map(([name, value]) => ({ name, value })),
        { name: 'file', value: dump, filename: 'corp-ntds.txt' },
      ]);
      return http.inject({
        method: 'POST',
        url: '/api/creds/audits',
        headers: { ...analyst.session.headers, ...form.headers },
        payload: form.payload,
      });
    };
    const ntds = (rows: [string, string][]) =>
      rows
        .map(([user, pw], i) => `CORP\\${user}:${1100 + i}:${NO_LM}:${ntlmHex(pw)}:::`)
        .join('\n');

    it('stores the result without secrets and opens one finding per category', async () => {
      const dump = ntds([
        ['alice', ''],
        ['bob', 'Welcome1'],
        ['carol', 'Tr0ub4dor&3 horse'],
        ['dave', 'Tr0ub4dor&3 horse'],
      ]);
      const res = await upload(dump, { format: 'ntds', system: 'CORP domain' });
      expect(res.statusCode).toBe(201);
      const run = res.json();
      expect(run.accounts).toBe(4);
      expect(run.summary).toMatchObject({ empty: 1, breached: 1, shared_password: 2 });
      expect(JSON.stringify(run)).not.toContain(ntlmHex('Welcome1'));
      const listed = await http.inject({
        method: 'GET',
        url: '/api/creds/audits',
        headers: analyst.bearer,
      });
      expect(listed.json()[0].id).toBe(run.id);
      const detail = await http.inject({
        method: 'GET',
        url: `/api/creds/audits/${run.id}`,
        headers: analyst.bearer,
      });
      expect(detail.json().findings).toContainEqual(
        expect.objectContaining({ account: 'CORP\\alice', category: 'empty' }),
      );
      const findings = await app.core.listFindings({ safeguard: ['credentials'], q: 'empty' });
      expect(findings.items.map((f) => [f.title, f.asset?.name, f.status])).toContainEqual([
        'Accounts with an empty password',
        'CORP domain',
        'open',
      ]);

      // Alice set a password: the next audit of the same system closes that finding.
      await upload(ntds([['alice', 'a new and long passphrase']]), { system: 'CORP domain' });
      const after = await app.core.listFindings({ safeguard: ['credentials'], q: 'empty' });
      expect(after.items.find((f) => f.asset?.name === 'CORP domain')?.status).toBe('fixed');
    });

    it('answers 400 naming the line of a damaged dump', async () => {
      const res = await upload('CORP\\alice:1100:not-a-hash\n', { format: 'ntds' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toMatch(/corp-ntds\.txt.*line 1/);
    });
  });

  describe('directory imports', () => {
    it('turns an Entra export into findings and an MFA coverage point', async () => {
      const csv = [
        'userPrincipalName,displayName,accountEnabled,isAdmin,isMfaRegistered,methodsRegistered',
        'ana@smh.example,Ana,true,true,false,',
        'ben@smh.example,Ben,true,false,true,fido2',
        'cy@smh.example,Cy,true,false,false,',
        'old@smh.example,Old,false,false,false,',
      ].join('\n');
      const form = multipartForm([
        { name: 'source', value: 'entra' },
        { name: 'file', value: csv, filename: 'entra.csv' },
      ]);
      const res = await http.inject({
        method: 'POST',
        url: '/api/creds/directory/imports',
        headers: { ...analyst.session.headers, ...form.headers },
        payload: form.payload,
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        users: 4,
        enabledUsers: 3,
        checks: { privileged_no_mfa: 1, no_mfa: 1 },
        coverage: { users: 3, usersWithMfa: 1, privileged: 1, privilegedWithMfa: 0 },
      });
      const coverage = await http.inject({
        method: 'GET',
        url: '/api/creds/mfa-coverage',
        headers: analyst.bearer,
      });
      expect(coverage.json()).toHaveLength(1);
      const ana = await app.core.listFindings({ safeguard: ['credentials'], q: 'multi-factor' });
      expect(ana.items.some((f) => f.asset?.name === 'ana@smh.example')).toBe(true);
    });

    it('answers 400 naming a missing column', async () => {
      const form = multipartForm([
        { name: 'source', value: 'entra' },
        { name: 'file', value: 'displayName,accountEnabled\nAna,true\n', filename: 'bad.csv' },
      ]);
      const res = await http.inject({
        method: 'POST',
        url: '/api/creds/directory/imports',
        headers: { ...analyst.session.headers, ...form.headers },
        payload: form.payload,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toMatch(/userPrincipalName/);
    });
  });
});

// `ward creds` as acceptance checks use it: real processes on a fresh data directory. The
// corpus import and the audit need no database and no server; the range API of a server started
// afterwards answers for the imported hashes.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeHibpFile } from '../src/safeguards/credentials/corpus/index.ts';
import { ntlmHex } from '../src/safeguards/credentials/hashing/ntlm.ts';
import { freePort, runWardCli, startWard, waitForHealth } from './ward-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'ward-creds-cli-'));
const dataDir = join(dir, 'data');
const env = { ...process.env, WARD_DATA_DIR: dataDir, WARD_LOG_LEVEL: 'warn', WARD_DEMO: 'false' };

const ward = (...args: string[]) => runWardCli(args, env);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ward creds', () => {
  it('imports a Pwned Passwords file whose hashes the range API then serves', async () => {
    const file = join(dir, 'pwned-passwords-sha1.txt');
    writeHibpFile(file, {
      kind: 'sha1',
      lines: 100_000,
      seed: 11,
      crlf: true,
      passwords: [{ password: 'password', count: 52_256_179 }],
    });
    const imported = ward('creds', 'corpus', 'import', file);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/sha1: 100,00\d hashes/);
    const status = JSON.parse(ward('creds', 'corpus', 'status', '--json').stdout);
    expect(status.indexes[0]).toMatchObject({ kind: 'sha1', compact: false });

    const port = await freePort();
    const server = startWard(['serve'], { ...env, WARD_PORT: String(port) });
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitForHealth(base, server);
      // Every line of the file under a prefix comes back, byte for byte.
      const lines = readFileSync(file, 'latin1').split('\r\n');
      for (const prefix of ['5BAA6', lines[500]!.slice(0, 5), lines[99_000]!.slice(0, 5)]) {
        const res = await fetch(`${base}/range/${prefix.toLowerCase()}`);
        expect(res.status).toBe(200);
        const expected = lines.filter((l) => l.startsWith(prefix)).map((l) => l.slice(5));
        expect((await res.text()).split('\r\n')).toEqual(expected);
      }
    } finally {
      await server.stop();
    }
  });

  it('audits an NTDS dump and prints one JSON object per finding, without secrets', () => {
    const noLm = 'aad3b435b51404eeaad3b435b51404ee';
    const lines = [
      `CORP\\alice:1101:${noLm}:${ntlmHex('')}:::`,
      `CORP\\bob:1102:e52cac67419a9a224a3b108f3fa6cb6d:${ntlmHex('password')}:::`,
      `CORP\\carol:1103:${noLm}:${ntlmHex('carol')}:::`,
      `CORP\\dave:1104:${noLm}:${ntlmHex('Summer2024!')}:::`,
      `CORP\\erin:1105:${noLm}:${ntlmHex('Blue kettle 77 stairs')}:::`,
      `CORP\\frank:1106:${noLm}:${ntlmHex('Blue kettle 77 stairs')}:::`,
    ];
    const file = join(dir, 'ntds.txt');
    writeFileSync(file, lines.join('\n') + '\n');
    const r = ward('creds', 'audit', file, '--json');
    expect(r.code, r.stderr).toBe(0);
    const findings = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { account: string; category: string; detail: string });
    const has = (account: string, category: string) =>
      findings.some((f) => f.account.endsWith(account) && f.category === category);
    expect(has('alice', 'empty')).toBe(true);
    expect(has('bob', 'lm_hash')).toBe(true);
    expect(has('carol', 'username_as_password')).toBe(true);
    expect(has('dave', 'dictionary')).toBe(true);
    expect(has('erin', 'shared_password') && has('frank', 'shared_password')).toBe(true);
    for (const f of findings) expect(typeof f.detail).toBe('string');
    expect(r.stdout).not.toContain(ntlmHex('Blue kettle 77 stairs'));
    expect(r.stdout.toLowerCase()).not.toContain('blue kettle');
  });

  it('rates a hash scheme and exits 1 when it is below OWASP minimums', () => {
    const ok = ward('creds', 'hash-check', '--algo', 'argon2id', '--params', 'm=19456,t=2,p=1');
    expect(ok.code, ok.stderr).toBe(0);
    const weak = ward(
      'creds',
      'hash-check',
      '--algo',
      'pbkdf2-sha256',
      '--params',
      'iterations=10000',
      '--json',
    );
    expect(weak.code).toBe(1);
    expect(JSON.parse(weak.stdout).verdict).toMatch(/weak|broken/);
  });

  it('checks a password from standard input without echoing it', () => {
    const r = runWardCli(['creds', 'check', '--json'], env, 'Autumn2023!\n');
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout);
    expect(result.ok).toBe(false);
    expect(result.reasons.map((x: { code: string }) => x.code)).toContain('season_or_year');
    expect(r.stdout).not.toContain('Autumn2023');
  });
});

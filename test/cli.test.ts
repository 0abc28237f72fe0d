// The command line as scripts and acceptance checks use it: real `ward` processes on a fresh
// embedded data directory, through bin/ward.js as `npx ward` runs it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateNessus, generateNmapXml } from '../src/demo/scan-generators.ts';
import { runWardCli } from './ward-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'ward-cli-'));
const env = { ...process.env, WARD_DATA_DIR: join(dir, 'data'), WARD_LOG_LEVEL: 'warn' };

const ward = (...args: string[]) => runWardCli(args, env);

interface CliFinding {
  id: string;
  title: string;
  severity: string;
  status: string;
  asset: string;
  cves: string[];
  due: string | null;
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ward CLI', () => {
  it('lists its commands', () => {
    const help = ward('--help');
    expect(help.code).toBe(0);
    for (const cmd of ['serve', 'findings', 'audit', 'users', 'db', 'config'])
      expect(help.stdout).toContain(cmd);
  });

  it('imports a Nessus file and lists the findings as JSON with the contract fields', () => {
    const { xml, expected } = generateNessus({ seed: 5, hosts: 3, findingsPerHost: 4 });
    const file = join(dir, 'scan.nessus');
    writeFileSync(file, xml);
    const imported = ward('findings', 'import', file);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/3 hosts, 12 new, 0 seen, 0 fixed/);

    const listed = ward('findings', 'list', '--json');
    expect(listed.code, listed.stderr).toBe(0);
    const findings = JSON.parse(listed.stdout) as CliFinding[];
    expect(findings).toHaveLength(12);
    const titles = expected.hosts.flatMap((h) => h.issues.map((i) => i.title)).sort();
    expect(findings.map((f) => f.title).sort()).toEqual(titles);
    for (const f of findings) {
      expect(f).toMatchObject({ status: 'open' });
      expect(typeof f.id).toBe('string');
      expect(typeof f.asset).toBe('string');
      expect(Array.isArray(f.cves)).toBe(true);
      expect(f.due === null || !Number.isNaN(Date.parse(f.due))).toBe(true);
      if (f.severity !== 'info') expect(f.due).not.toBeNull();
    }

    // Same file again: nothing new, everything seen.
    expect(ward('findings', 'import', file).stdout).toMatch(/0 new, 12 seen, 0 fixed/);
    const critical = JSON.parse(
      ward('findings', 'list', '--json', '--severity', 'critical').stdout,
    ) as CliFinding[];
    expect(critical.every((f) => f.severity === 'critical')).toBe(true);
  });

  it('imports Nmap XML with --format and refuses a contradicting --format', () => {
    const file = join(dir, 'nmap.xml');
    writeFileSync(file, generateNmapXml({ seed: 3, hosts: 2 }));
    expect(ward('findings', 'import', file, '--format', 'nmap').code).toBe(0);
    const wrong = ward('findings', 'import', file, '--format', 'nessus');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/nessus/i);
  });

  it('rejects a truncated file naming line and element, and stores nothing from it', () => {
    const before = (JSON.parse(ward('findings', 'list', '--json').stdout) as CliFinding[]).length;
    const { xml } = generateNessus({ seed: 9, hosts: 2, findingsPerHost: 3, subnet: '10.99' });
    const file = join(dir, 'cut.nessus');
    writeFileSync(file, xml.slice(0, Math.floor(xml.length * 0.7)));
    const r = ward('findings', 'import', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cut\.nessus: .*line \d+/);
    expect(r.stderr).toMatch(/<\w+>/);
    expect((JSON.parse(ward('findings', 'list', '--json').stdout) as CliFinding[]).length).toBe(
      before,
    );
  });

  it('refuses a file that is not a scan, and a missing file, with a message', () => {
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'hello, this is not XML');
    const r = ward('findings', 'import', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/ward: /);
    const missing = ward('findings', 'import', join(dir, 'nope.nessus'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.nessus/);
  });

  it('verifies the audit log and reports a bad configuration by name', () => {
    const verify = ward('audit', 'verify');
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/intact/);
    const bad = runWardCli(['findings', 'list'], { ...env, WARD_PORT: 'http' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/WARD_PORT/);
  });
});

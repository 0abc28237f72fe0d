// `ward feeds import` and `ward devices ...` as scripts use them: real processes on a fresh
// embedded data directory, with tiny hand-written feeds and inventory.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { csv } from '../src/safeguards/devices/inventory/test-kit.ts';
import { writeTestFeeds } from '../src/safeguards/devices/vulns/test-feeds.ts';
import { runWardCli } from './ward-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'ward-devices-cli-'));
const env = { ...process.env, WARD_DATA_DIR: join(dir, 'data'), WARD_LOG_LEVEL: 'warn' };
const feeds = writeTestFeeds();
const ward = (...args: string[]) => runWardCli(args, env);

interface CliMatch {
  device: { id: string; name: string; manufacturer: string; model: string; version: string };
  cve: string;
  source: string;
  kev: boolean;
  risk: number;
  why: string;
}

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(feeds.dir, { recursive: true, force: true });
});

describe('ward devices', () => {
  it('imports feeds and an inventory, then prints the vulnerabilities as JSON lines', () => {
    const imported = ward('feeds', 'import', feeds.nvd[0]!, feeds.nvd[1]!, feeds.kev);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/total: 3 records, 3 new/);

    const file = join(dir, 'devices.csv');
    writeFileSync(
      file,
      csv([
        ['Name', 'Vendor', 'Model', 'Firmware', 'Type', 'IP Address', 'Department', 'CPE'],
        [
          'Pump-ICU-01',
          'Acme Medical',
          'Infusion Pump 9000',
          '2.1.0',
          'Infusion pump',
          '10.20.1.5',
          'ICU',
          '',
        ],
        [
          'Pump-ICU-02',
          'Acme Medical',
          'Infusion Pump 9000',
          '2.3',
          'Infusion pump',
          '10.20.1.6',
          'ICU',
          '',
        ],
      ]),
    );
    const dev = ward('devices', 'import', file);
    expect(dev.code, dev.stderr).toBe(0);
    expect(dev.stdout).toContain('2 rows, 2 created, 0 updated, 0 unchanged');

    const vulns = ward('devices', 'vulns', '--json');
    expect(vulns.code, vulns.stderr).toBe(0);
    const lines = vulns.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as CliMatch);
    expect(lines.map((m) => [m.device.name, m.cve, m.source, m.kev])).toEqual([
      ['Pump-ICU-01', 'CVE-2025-10002', 'nvd', true],
      ['Pump-ICU-01', 'CVE-2025-10001', 'nvd', false],
    ]);
    for (const m of lines) {
      expect(m.device).toMatchObject({
        manufacturer: 'Acme Medical',
        model: 'Infusion Pump 9000',
        version: '2.1.0',
      });
      expect(m.risk).toBeGreaterThan(0);
      expect(m.risk).toBeLessThanOrEqual(100);
      expect(m.why).toMatch(/infusion_pump_9000_firmware:2\.1\.0/);
    }
    expect(lines[0]!.risk).toBeGreaterThan(lines[1]!.risk);
  });

  it('records a VEX decision, drops the match and exports CycloneDX VEX', () => {
    const decided = ward(
      'devices',
      'decide',
      'Pump-ICU-01',
      'CVE-2025-10001',
      '--not-affected',
      '--justification',
      'code_not_reachable',
    );
    expect(decided.code, decided.stderr).toBe(0);
    const vulns = ward('devices', 'vulns', '--json');
    expect(
      vulns.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as CliMatch).cve),
    ).toEqual(['CVE-2025-10002']);
    const vex = JSON.parse(ward('devices', 'vex', '--json').stdout) as {
      bomFormat: string;
      vulnerabilities: Array<{ id: string; analysis: { state: string; justification?: string } }>;
    };
    expect(vex.bomFormat).toBe('CycloneDX');
    expect(vex.vulnerabilities).toMatchObject([
      {
        id: 'CVE-2025-10001',
        analysis: { state: 'not_affected', justification: 'code_not_reachable' },
      },
    ]);
  });

  it('names the missing column and the header it found', () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'Name,Model\nx,y\n');
    const r = ward('devices', 'import', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no "manufacturer" column');
    expect(r.stderr).toContain('the header has: Name, Model');
  });
});

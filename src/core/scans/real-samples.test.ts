import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScanFile } from './detect-format.ts';
import type { ScanHostResult, ScanInfo } from './scan-types.ts';

// Real scanner output from public parser test suites, kept on the development machines only
// (not in this repository, not on users' machines): the suite skips when the folder is absent.
// The expected counts were read from the files themselves.
const SAMPLES = '/work/shared/data/scans';
const NMAP = join(SAMPLES, 'nmap');
const NESSUS = join(SAMPLES, 'tenable', 'nessus');

async function read(path: string): Promise<{ info: ScanInfo; hosts: ScanHostResult[] }> {
  const hosts: ScanHostResult[] = [];
  const info = await parseScanFile(path, { onHost: (h) => void hosts.push(h) });
  return { info, hosts };
}

describe.skipIf(!existsSync(NMAP))('real Nmap samples', () => {
  it('issue12411.xml: two hosts, filtered ports are not findings', async () => {
    const { info, hosts } = await read(join(NMAP, 'issue12411.xml'));
    expect(info).toMatchObject({
      format: 'nmap',
      scope: 'nmap -Pn -T4 -iL targets.txt -oX nmap-results.xml',
      startedAt: new Date(1746624387 * 1000),
    });
    expect(hosts.map((h) => [h.host.ip, h.host.fqdn, h.issues.map((i) => i.toolId)])).toEqual([
      ['172.217.18.238', 'google.com', ['port/tcp/80', 'port/tcp/443']],
      ['54.239.28.85', 'amazon.com', ['port/tcp/80', 'port/tcp/443']],
    ]);
    expect(hosts[0]?.host.hostnames).toEqual([
      'google.com',
      'par10s10-in-f238.1e100.net',
      'lalala',
    ]);
  });

  it('nmap_0port.xml: one host without open ports', async () => {
    const { hosts } = await read(join(NMAP, 'nmap_0port.xml'));
    expect(hosts).toHaveLength(1);
    expect(hosts[0]?.host).toMatchObject({ ip: '127.0.0.1', fqdn: 'localhost.localdomain' });
    expect(hosts[0]?.issues).toEqual([]);
  });

  it('nmap_multiple_port.xml: one host, thirteen open ports', async () => {
    const { hosts } = await read(join(NMAP, 'nmap_multiple_port.xml'));
    expect(hosts).toHaveLength(1);
    expect(hosts[0]?.issues).toHaveLength(13);
    expect(hosts[0]?.issues[0]).toMatchObject({
      toolId: 'port/tcp/21',
      title: 'Open port 21/tcp (ftp)',
      severity: 'info',
      service: 'ftp',
    });
  });
});

describe.skipIf(!existsSync(NESSUS))('real Nessus samples', () => {
  it('issue_6992.nessus: one host, one finding with CVSS v3', async () => {
    const { info, hosts } = await read(join(NESSUS, 'issue_6992.nessus'));
    expect(info).toEqual({
      format: 'nessus',
      tool: 'nessus',
      startedAt: new Date(1648042311 * 1000),
      scope: 'policy: Basic Network Scan; targets: testphp.vulnweb.com',
      name: 'dummy scan',
    });
    expect(hosts).toHaveLength(1);
    expect(hosts[0]?.host).toMatchObject({
      ip: '44.228.249.3',
      fqdn: 'testphp.vulnweb.com',
      os: 'Linux Kernel 2.6',
    });
    expect(hosts[0]?.issues).toHaveLength(1);
    expect(hosts[0]?.issues[0]).toMatchObject({
      toolId: '142591',
      title: 'PHP < 7.3.24 Multiple Vulnerabilities',
      severity: 'medium',
      cvssScore: 7.5,
      cvssVector: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
      port: 80,
      protocol: 'tcp',
      service: 'www',
      solution: 'Upgrade to PHP version 7.3.24 or later.',
    });
  });

  it('nessus_with_cvssv3.nessus: one host, 49 findings by severity, 138 CVE references', async () => {
    const { hosts } = await read(join(NESSUS, 'nessus_with_cvssv3.nessus'));
    expect(hosts).toHaveLength(1);
    const issues = hosts[0]?.issues ?? [];
    expect(issues).toHaveLength(49);
    const bySeverity = Object.fromEntries(
      ['info', 'low', 'medium', 'high', 'critical'].map((s) => [
        s,
        issues.filter((i) => i.severity === s).length,
      ]),
    );
    expect(bySeverity).toEqual({ info: 23, low: 1, medium: 13, high: 10, critical: 2 });
    expect(issues.reduce((n, i) => n + i.cves.length, 0)).toBe(138);
  });
});

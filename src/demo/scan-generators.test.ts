import { describe, expect, it } from 'vitest';
import { HOST_PROFILES } from './scan-host-profiles.ts';
import {
  generateNessus,
  generateNessusChunks,
  generateNessusFile,
  generateNmap,
  generateNmapXml,
  NESSUS_CATALOG,
} from './scan-generators.ts';

const reportHosts = (xml: string) =>
  (xml.split('</Report>')[0] ?? '').split('<ReportHost ').slice(1);
const itemsOf = (hostXml: string) => hostXml.match(/<ReportItem /g)?.length ?? 0;
/** "pluginID@port" for every finding of a file, e.g. "57608@10.20.1.5:445". */
function findingKeys(xml: string): Set<string> {
  const keys = new Set<string>();
  for (const host of reportHosts(xml)) {
    const ip = /^name="([^"]+)"/.exec(host)?.[1];
    for (const m of host.matchAll(/<ReportItem port="(\d+)"[^>]*pluginID="(\d+)"/g))
      keys.add(`${m[2]}@${ip}:${m[1]}`);
  }
  return keys;
}

describe('generateNessusFile', () => {
  it('writes the same file for the same seed and a different one for another seed', () => {
    const opts = { seed: 11, hosts: 20, findingsPerHost: [2, 14] as const };
    const a = generateNessusFile(opts);
    expect(generateNessusFile(opts)).toBe(a);
    expect(generateNessusFile({ ...opts, seed: 12 })).not.toBe(a);
    expect([...generateNessusChunks(opts)].join('')).toBe(a);
  });

  it('gives every host exactly the requested number of findings, up to 25', () => {
    const xml = generateNessusFile({ seed: 1, hosts: 400, findingsPerHost: 25 });
    const hosts = reportHosts(xml);
    expect(hosts).toHaveLength(400);
    expect(hosts.every((h) => itemsOf(h) === 25)).toBe(true);
    // All host kinds occur, so the 25 held for each of them.
    const oses = new Set(hosts.map((h) => /<tag name="operating-system">([^<]*)</.exec(h)?.[1]));
    expect(oses.size).toBe(new Set(HOST_PROFILES.map((p) => p.os)).size);
    const ranged = reportHosts(
      generateNessusFile({ seed: 1, hosts: 100, findingsPerHost: [2, 14] }),
    ).map(itemsOf);
    expect(Math.min(...ranged)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...ranged)).toBeLessThanOrEqual(14);
    expect(new Set(ranged).size).toBeGreaterThan(5);
  });

  it('never repeats a plugin on the same host and port', () => {
    const xml = generateNessusFile({ seed: 3, hosts: 200, findingsPerHost: 40 });
    const items = (xml.match(/<ReportItem /g) ?? []).length;
    expect(findingKeys(xml).size).toBe(items);
  });

  it('filters hosts without changing the others', () => {
    const all = reportHosts(generateNessusFile({ seed: 5, hosts: 30, findingsPerHost: [1, 10] }));
    const even = reportHosts(
      generateNessusFile({
        seed: 5,
        hosts: 30,
        findingsPerHost: [1, 10],
        hostFilter: (i) => i % 2 === 0,
      }),
    );
    expect(even).toEqual(all.filter((_, i) => i % 2 === 0));
  });

  it('drops a growing subset of findings to simulate fixes', () => {
    const opts = { seed: 2026, hosts: 140, findingsPerHost: [2, 14] as const, subnet: '10.20' };
    const full = findingKeys(generateNessusFile(opts));
    const some = findingKeys(generateNessusFile({ ...opts, dropFindings: 0.2 }));
    const more = findingKeys(generateNessusFile({ ...opts, dropFindings: 0.5 }));
    expect([...some].every((k) => full.has(k))).toBe(true);
    expect([...more].every((k) => some.has(k))).toBe(true);
    expect(some.size / full.size).toBeCloseTo(0.8, 1);
    expect(more.size / full.size).toBeCloseTo(0.5, 1);
  });

  it('puts hosts in the given subnet and names the scan', () => {
    const { xml, expected } = generateNessus({
      seed: 1,
      hosts: 300,
      findingsPerHost: 1,
      subnet: '172.16',
      scanName: 'Q1 <ICU> scan',
    });
    expect(expected.hosts.map((h) => h.host.ip).slice(248, 252)).toEqual([
      '172.16.1.253',
      '172.16.1.254',
      '172.16.2.5',
      '172.16.2.6',
    ]);
    expect(xml).toContain('<Report name="Q1 &lt;ICU&gt; scan"');
    expect(() =>
      generateNessusFile({ seed: 1, hosts: 1, findingsPerHost: 1, subnet: '10.20.30' }),
    ).toThrow('two octets');
  });
});

describe('NESSUS_CATALOG', () => {
  it('has unique plugins whose severity matches their CVSS rating', () => {
    expect(NESSUS_CATALOG.length).toBeGreaterThanOrEqual(60);
    expect(new Set(NESSUS_CATALOG.map((p) => p.id)).size).toBe(NESSUS_CATALOG.length);
    for (const p of NESSUS_CATALOG) {
      const name = `${p.id} ${p.name}`;
      for (const cve of p.cves ?? []) expect(cve, name).toMatch(/^CVE-\d{4}-\d{4,}$/);
      if (p.severity === 0) {
        expect(p.cvss3 ?? p.cvss2, name).toBeUndefined();
        expect(p.solution === 'n/a' || p.cves === undefined, name).toBe(true);
        continue;
      }
      // Nessus rates with CVSS v3 when it has it (v3.1 spec section 5 bands), else with v2
      // (where 10.0 alone is critical).
      const [score] = p.cvss3 ?? p.cvss2 ?? [NaN];
      const bands = p.cvss3 ? [0.1, 4, 7, 9] : [0.1, 4, 7, 10];
      const level = bands.filter((b) => score >= b).length;
      expect(level, name).toBe(p.severity);
      if (p.cvss3)
        expect(p.cvss3[1], name).toMatch(
          /^CVSS:3\.0\/AV:[NALP]\/AC:[LH]\/PR:[NLH]\/UI:[NR]\/S:[UC]\/C:[NLH]\/I:[NLH]\/A:[NLH]$/,
        );
      if (p.cvss2)
        expect(p.cvss2[1], name).toMatch(
          /^CVSS2#AV:[LAN]\/AC:[HML]\/Au:[MSN]\/C:[NPC]\/I:[NPC]\/A:[NPC]$/,
        );
    }
  });

  it('covers the hospital findings the demo is meant to show', () => {
    const cves = new Set(NESSUS_CATALOG.flatMap((p) => p.cves ?? []));
    for (const cve of [
      'CVE-2021-44228',
      'CVE-2017-0144',
      'CVE-2019-0708',
      'CVE-2020-1472',
      'CVE-1999-0517',
      'CVE-2023-38408',
    ])
      expect(cves.has(cve), cve).toBe(true);
    const names = NESSUS_CATALOG.map((p) => p.name).join('\n');
    for (const topic of [
      'SMB Signing not required',
      'SSL Certificate Expiry',
      'TLS Version 1.0',
      'Network Level Authentication',
      'DICOM',
      'HL7',
      'Telnet',
      'VxWorks',
    ]) {
      expect(names).toContain(topic);
    }
  });
});

describe('generateNmapXml', () => {
  it('is deterministic and summarises the hosts it wrote', () => {
    const opts = { seed: 9, hosts: 50, withScripts: true };
    const xml = generateNmapXml(opts);
    expect(generateNmapXml(opts)).toBe(xml);
    expect(generateNmapXml({ ...opts, seed: 10 })).not.toBe(xml);
    const up = (xml.match(/<status state="up"/g) ?? []).length;
    expect(xml).toContain(`<hosts up="${up}" down="${50 - up}" total="50"/>`);
    expect(generateNmap(opts).expected.hosts).toHaveLength(up);
  });

  it('keeps open ports within portsPerHost and scripts off unless asked', () => {
    const { xml, expected } = generateNmap({ seed: 2, hosts: 40, portsPerHost: [1, 3] });
    expect(xml).not.toContain('<script ');
    for (const { issues } of expected.hosts) {
      expect(issues.length).toBeGreaterThanOrEqual(1);
      expect(issues.length).toBeLessThanOrEqual(3);
    }
  });
});

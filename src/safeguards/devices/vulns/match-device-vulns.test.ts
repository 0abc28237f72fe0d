import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFeeds } from '../feeds/index.ts';
import { decideDeviceVuln } from '../inventory/device-decisions.ts';
import { importDeviceCsv } from '../inventory/device-import.ts';
import { getDeviceDetail, resolveDevice } from '../inventory/device-queries.ts';
import { importSbom } from '../inventory/sbom-import.ts';
import { createDevicesTestKit, csv, type DevicesTestKit } from '../inventory/test-kit.ts';
import { matchDeviceVulns } from './match-device-vulns.ts';
import { writeTestFeeds } from './test-feeds.ts';

let kit: DevicesTestKit;
let feeds: ReturnType<typeof writeTestFeeds>;
beforeEach(async () => {
  kit = await createDevicesTestKit();
  feeds = writeTestFeeds();
  await importFeeds(kit.db, [...feeds.nvd, feeds.kev, feeds.epss, feeds.csaf]);
});
afterEach(async () => {
  await kit.close();
  rmSync(feeds.dir, { recursive: true, force: true });
});

const HEADER = [
  'Name',
  'Manufacturer',
  'Model',
  'Version',
  'Type',
  'IP',
  'Department',
  'CPE',
  'PHI',
  'VLAN',
];
const inventory = (pumpVersion = '2.1.0') =>
  csv([
    HEADER,
    [
      'Pump-ICU-01',
      'Acme Medical',
      'Infusion Pump 9000',
      pumpVersion,
      'Infusion pump',
      '10.20.1.5',
      'ICU',
      '',
      'yes',
      'clinical-icu',
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
      'yes',
      'clinical-icu',
    ],
    [
      'Cam-Lobby',
      'Vision',
      'IPC-1',
      '1.0',
      'CCTV camera',
      '10.30.0.4',
      'Facilities',
      '',
      'no',
      'guest',
    ],
  ]);

const devicesFindings = async (status?: Array<'open' | 'fixed' | 'false_positive'>) =>
  (await kit.core.listFindings({ safeguard: ['devices'], status, limit: 100 })).items;

describe('matchDeviceVulns', () => {
  it('matches derived CPEs against NVD and manufacturer/model/version against CSAF, with why and risk', async () => {
    await importDeviceCsv(kit, { fileName: 'inv.csv', text: inventory(), actor: 'alice' });
    const matches = await matchDeviceVulns(kit, { actor: 'alice' });
    expect(matches.map((m) => [m.device.name, m.cve, m.source, m.kev])).toEqual([
      ['Pump-ICU-01', 'CVE-2025-10002', 'nvd', true],
      ['Pump-ICU-01', 'CVE-2025-10001', 'nvd', false],
      ['Pump-ICU-01', 'CVE-2025-20001', 'csaf', false],
    ]);
    const [kev, nvd, csaf] = matches;
    expect(nvd!.why).toMatch(/^NVD: .*infusion_pump_9000_firmware/);
    expect(csaf!.why).toMatch(/^CSAF ICSMA-25-100-01: .*2\.1\.0.*<=2\.1\.5/);
    // KEV with ransomware use outweighs a higher CVSS: 40 + 10 + 7.5×2 = 65, × 1.1 (life-critical with PHI).
    expect(kev!.risk).toBe(72);
    expect(kev!.riskWhy).toBe(
      'exploitability 65.0 (KEV 40 + ransomware 10 + CVSS 7.5×2 = 15.0) × exposure 1 (internal segment clinical-icu) × clinical impact 1.10 (life_critical, PHI +0.1) = 72',
    );
    expect(nvd!.risk).toBe(29); // (0.5×20 + 8.1×2) × 1.1
    expect(kev!.risk).toBeGreaterThan(nvd!.risk);

    const findings = await devicesFindings();
    expect(findings.map((f) => f.title).sort()).toEqual([
      'CVE-2025-10001 on Acme Medical Infusion Pump 9000',
      'CVE-2025-10002 on Acme Medical Infusion Pump 9000',
      'CVE-2025-20001 on Acme Medical Infusion Pump 9000',
    ]);
    const f = (await kit.core.getFinding(kev!.findingId))!;
    expect(f).toMatchObject({
      tool: 'ward-devices',
      severity: 'high',
      cves: ['CVE-2025-10002'],
      asset: { name: 'Pump-ICU-01' },
    });
    expect(f.evidence).toContain('Risk 72/100: exploitability 65.0');

    // Running again records nothing new.
    await matchDeviceVulns(kit);
    expect(await devicesFindings()).toHaveLength(3);
    const detail = await getDeviceDetail(kit.db, kev!.device.id);
    expect(detail.vulns.map((v) => [v.cve, v.risk])).toEqual([
      ['CVE-2025-10002', 72],
      ['CVE-2025-10001', 29],
      ['CVE-2025-20001', 14],
    ]);
  });

  it('drops a match decided not affected (VEX) and closes its finding', async () => {
    await importDeviceCsv(kit, { fileName: 'inv.csv', text: inventory(), actor: 'alice' });
    await matchDeviceVulns(kit);
    await decideDeviceVuln(kit, {
      device: 'Pump-ICU-01',
      cve: 'cve-2025-10001',
      status: 'not_affected',
      justification: 'code_not_reachable: the service port is disabled by the vendor',
      actor: 'biomed',
    });
    const after = await matchDeviceVulns(kit);
    expect(after.map((m) => m.cve)).not.toContain('CVE-2025-10001');
    const closed = await devicesFindings(['false_positive']);
    expect(closed.map((f) => f.title)).toEqual([
      'CVE-2025-10001 on Acme Medical Infusion Pump 9000',
    ]);
    expect(await devicesFindings(['open'])).toHaveLength(2);
  });

  it('closes findings as fixed when the firmware is upgraded out of the ranges', async () => {
    await importDeviceCsv(kit, { fileName: 'inv.csv', text: inventory(), actor: 'alice' });
    await matchDeviceVulns(kit);
    await importDeviceCsv(kit, { fileName: 'inv2.csv', text: inventory('2.2.1'), actor: 'alice' });
    expect(await matchDeviceVulns(kit)).toEqual([]);
    expect(await devicesFindings(['fixed'])).toHaveLength(3);
    const pump = await resolveDevice(kit.db, 'Pump-ICU-01');
    expect((await getDeviceDetail(kit.db, pump.id)).vulns).toEqual([]);
  });

  it('matches the CPEs of SBOM components attached to a device', async () => {
    await importDeviceCsv(kit, {
      fileName: 'inv.csv',
      text: csv([
        ['Name', 'Manufacturer', 'Model'],
        ['Gateway-1', 'Contoso', 'Med Gateway'],
      ]),
      actor: 'alice',
    });
    const sbom = {
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      components: [
        {
          type: 'firmware',
          name: 'pump-os',
          version: '2.0',
          cpe: 'cpe:2.3:o:acme_medical:infusion_pump_9000_firmware:2.0:*:*:*:*:*:*:*',
          components: [{ name: 'busybox', version: '1.36.1', purl: 'pkg:generic/busybox@1.36.1' }],
        },
        {
          type: 'device',
          name: 'pump',
          cpe: 'cpe:2.3:h:acme_medical:infusion_pump_9000:-:*:*:*:*:*:*:*',
          supplier: { name: 'Acme' },
        },
      ],
    };
    const r = await importSbom(kit, {
      deviceId: 'Gateway-1',
      fileName: 'gw.cdx.json',
      text: JSON.stringify(sbom),
      actor: 'alice',
    });
    expect(r).toMatchObject({ components: 3, withCpe: 2, withoutSupplier: 2, withoutVersion: 1 });
    const matches = await matchDeviceVulns(kit);
    expect(matches.map((m) => [m.device.name, m.cve]).sort()).toEqual([
      ['Gateway-1', 'CVE-2025-10001'],
      ['Gateway-1', 'CVE-2025-10002'],
    ]);
  });
});

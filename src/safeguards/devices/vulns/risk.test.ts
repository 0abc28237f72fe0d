import { describe, expect, it } from 'vitest';
import { deviceRisk, exposureOf, severityOf } from './risk.ts';

const device = {
  vlan: null,
  internetFacing: false,
  scanPolicy: 'discovery_only' as const,
  deviceClass: 'clinical' as const,
  phi: false,
};

describe('deviceRisk', () => {
  it('multiplies exploitability, exposure and clinical impact and explains each part', () => {
    const r = deviceRisk({ cvss: 9.8, kev: true, kevRansomware: false, epss: 0.9 }, device);
    expect(r.risk).toBe(Math.round((40 + 18 + 19.6) * 0.85));
    expect(r.why).toBe(
      'exploitability 77.6 (KEV 40 + EPSS 0.90×20 = 18.0 + CVSS 9.8×2 = 19.6) × exposure 1 (internal) × clinical impact 0.85 (clinical) = 66',
    );
  });

  it('raises exposure for DMZ, guest and internet segments and lowers it when isolated', () => {
    expect(
      exposureOf({ vlan: 'DMZ-web', internetFacing: false, scanPolicy: 'discovery_only' }).factor,
    ).toBe(1.25);
    expect(
      exposureOf({ vlan: null, internetFacing: true, scanPolicy: 'discovery_only' }).factor,
    ).toBe(1.25);
    expect(
      exposureOf({ vlan: 'isolated-pumps', internetFacing: false, scanPolicy: 'discovery_only' })
        .factor,
    ).toBe(0.75);
    expect(
      exposureOf({ vlan: 'icu', internetFacing: false, scanPolicy: 'do_not_scan' }).factor,
    ).toBe(0.75);
  });

  it('caps at 100 and ranks life-critical above IT for the same CVE', () => {
    const facts = { cvss: 10, kev: true, kevRansomware: true, epss: 1 };
    expect(
      deviceRisk(facts, {
        ...device,
        deviceClass: 'life_critical',
        phi: true,
        internetFacing: true,
      }).risk,
    ).toBe(100);
    const f = { cvss: 7, kev: false, epss: 0.1 };
    expect(deviceRisk(f, { ...device, deviceClass: 'life_critical' }).risk).toBeGreaterThan(
      deviceRisk(f, { ...device, deviceClass: 'it' }).risk,
    );
  });

  it('maps CVSS to finding severity, falling back to the feed word', () => {
    expect(severityOf({ cvss: 9.8 })).toBe('critical');
    expect(severityOf({ cvss: 7.5 })).toBe('high');
    expect(severityOf({ cvss: null, severity: 'LOW' })).toBe('low');
    expect(severityOf({ cvss: null })).toBe('medium');
  });
});

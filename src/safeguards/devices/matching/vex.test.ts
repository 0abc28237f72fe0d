import { describe, expect, it } from 'vitest';
import { applyDecisions, toCycloneDxVex } from './vex.ts';

const matches = [
  { deviceKey: 'pump-17', cve: 'CVE-2017-12725', why: 'firmware 1.5' },
  { deviceKey: 'pump-18', cve: 'CVE-2017-12725', why: 'firmware 1.5' },
  { deviceKey: 'pump-17', cve: 'CVE-2020-12040', why: 'x' },
];

describe('applyDecisions', () => {
  it('keeps a rejected false positive rejected when the same match comes back', () => {
    const decisions = [
      {
        deviceKey: 'pump-17',
        cve: 'cve-2017-12725',
        status: 'not_affected' as const,
        justification: 'code_not_reachable',
      },
    ];
    for (let run = 0; run < 2; run++) {
      const { active, suppressed } = applyDecisions(matches, decisions);
      expect(suppressed.map((m) => `${m.deviceKey} ${m.cve}`)).toEqual(['pump-17 CVE-2017-12725']);
      expect(suppressed[0]?.vex?.justification).toBe('code_not_reachable');
      expect(active).toHaveLength(2);
    }
  });

  it('applies fleet-wide decisions and attaches affected confirmations', () => {
    const { active, suppressed } = applyDecisions(matches, [
      {
        deviceKey: '*',
        cve: 'CVE-2017-12725',
        status: 'not_affected',
        justification: 'protected_at_perimeter',
      },
      {
        deviceKey: 'pump-17',
        cve: 'CVE-2020-12040',
        status: 'affected',
        justification: 'confirmed by vendor',
      },
    ]);
    expect(suppressed).toHaveLength(2);
    expect(active).toEqual([
      { ...matches[2], vex: { status: 'affected', justification: 'confirmed by vendor' } },
    ]);
  });
});

describe('toCycloneDxVex', () => {
  it('produces a CycloneDX VEX document grouped by CVE and analysis', () => {
    const doc = toCycloneDxVex(
      [
        {
          cve: 'CVE-2017-12725',
          ref: 'device:pump-17',
          status: 'not_affected',
          justification: 'code_not_reachable',
        },
        {
          cve: 'CVE-2017-12725',
          ref: 'device:pump-18',
          status: 'not_affected',
          justification: 'code_not_reachable',
        },
        {
          cve: 'CVE-2020-12040',
          ref: 'device:pump-17',
          status: 'not_affected',
          justification: 'wireless module removed',
        },
        { cve: 'CVE-2020-12041', ref: 'device:pump-17', status: 'affected' },
      ],
      {
        specVersion: '1.5',
        serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
        timestamp: '2026-01-01T00:00:00Z',
      },
    );
    expect(doc).toMatchObject({
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      version: 1,
      metadata: { timestamp: '2026-01-01T00:00:00Z' },
    });
    expect(doc.vulnerabilities).toEqual([
      {
        id: 'CVE-2017-12725',
        source: { name: 'NVD', url: 'https://nvd.nist.gov/vuln/detail/CVE-2017-12725' },
        analysis: { state: 'not_affected', justification: 'code_not_reachable' },
        affects: [{ ref: 'device:pump-17' }, { ref: 'device:pump-18' }],
      },
      {
        id: 'CVE-2020-12040',
        source: { name: 'NVD', url: 'https://nvd.nist.gov/vuln/detail/CVE-2020-12040' },
        analysis: { state: 'not_affected', detail: 'wireless module removed' },
        affects: [{ ref: 'device:pump-17' }],
      },
      {
        id: 'CVE-2020-12041',
        source: { name: 'NVD', url: 'https://nvd.nist.gov/vuln/detail/CVE-2020-12041' },
        analysis: { state: 'exploitable' },
        affects: [{ ref: 'device:pump-17' }],
      },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { evaluateConfigurations } from './configurations.ts';
import { MEDFUSION, PUMP_OS, cpeMatch } from './test-fixtures.ts';

const FW = 'cpe:2.3:o:smiths-medical:medfusion_4000_wireless_syringe_infusion_pump_firmware';
const HW = 'cpe:2.3:h:smiths-medical:medfusion_4000_wireless_syringe_infusion_pump:-';

describe('evaluateConfigurations: AND with a hardware platform', () => {
  it('matches when the vulnerable firmware and the platform are both on the device', () => {
    const m = evaluateConfigurations(MEDFUSION, [`${FW}:1.5`, HW]);
    expect(m?.criteria).toBe(`${FW}:1.5`);
    expect(m?.platforms).toEqual([HW]);
    expect(m?.configuration).toBe(1);
  });

  it('does not match when the platform is missing', () => {
    expect(evaluateConfigurations(MEDFUSION, [`${FW}:1.5`])).toBeNull();
  });

  it('never reports the platform as the vulnerable thing', () => {
    expect(evaluateConfigurations(MEDFUSION, [HW])).toBeNull();
    expect(evaluateConfigurations(MEDFUSION, [HW, `${FW}:1.7`])).toBeNull();
  });

  it('explains the match with the range, the configuration and the platform', () => {
    const m = evaluateConfigurations(PUMP_OS, [
      'cpe:2.3:o:acme:infusion_os:3.1',
      'cpe:2.3:h:acme:pump_9000:-',
    ]);
    expect(m?.why).toBe(
      'cpe:2.3:o:acme:infusion_os:3.1 is in versionEndExcluding 3.5 of cpe:2.3:o:acme:infusion_os:* (configuration 1, AND with platform cpe:2.3:h:acme:pump_9000:-)',
    );
  });

  it('accepts SBOM components carrying a CPE, and a hardware CPE with ANY version as the platform', () => {
    const m = evaluateConfigurations(PUMP_OS, [
      { cpe: 'cpe:2.3:o:acme:infusion_os:3.4.9' },
      { cpe: 'cpe:2.3:h:acme:pump_9000:*' },
    ]);
    expect(m).not.toBeNull();
  });
});

describe('evaluateConfigurations: version bounds', () => {
  const ranged = (bounds: Record<string, string>) => [
    {
      nodes: [
        {
          operator: 'OR' as const,
          cpeMatch: [cpeMatch('cpe:2.3:a:acme:pacs:*:*:*:*:*:*:*:*', bounds)],
        },
      ],
    },
  ];
  const at = (configs: unknown[], v: string) =>
    evaluateConfigurations(configs, [`cpe:2.3:a:acme:pacs:${v}`]) !== null;

  it('versionStartIncluding includes its boundary; versionStartExcluding does not', () => {
    expect(at(ranged({ versionStartIncluding: '2.0' }), '2.0')).toBe(true);
    expect(at(ranged({ versionStartIncluding: '2.0' }), '1.9')).toBe(false);
    expect(at(ranged({ versionStartExcluding: '2.0' }), '2.0')).toBe(false);
    expect(at(ranged({ versionStartExcluding: '2.0' }), '2.0.1')).toBe(true);
  });

  it('versionEndIncluding includes its boundary; versionEndExcluding does not', () => {
    expect(at(ranged({ versionEndIncluding: '3.64' }), '3.64')).toBe(true);
    expect(at(ranged({ versionEndIncluding: '3.64' }), '3.65')).toBe(false);
    expect(at(ranged({ versionEndExcluding: '3.64' }), '3.64')).toBe(false);
    expect(at(ranged({ versionEndExcluding: '3.64' }), '3.7')).toBe(true);
  });

  it('combines start and end bounds', () => {
    const c = ranged({ versionStartIncluding: '2.0', versionEndExcluding: '2.3' });
    expect(['1.9', '2.0', '2.2.9', '2.3'].map((v) => at(c, v))).toEqual([false, true, true, false]);
  });

  it('treats device version * as unknown (may match) and - as no version (no range match)', () => {
    const c = ranged({ versionEndExcluding: '3.0' });
    expect(at(c, '*')).toBe(true);
    expect(at(c, '-')).toBe(false);
    const na = [
      { nodes: [{ operator: 'OR' as const, cpeMatch: [cpeMatch('cpe:2.3:a:acme:pacs:-')] }] },
    ];
    expect(at(na, '-')).toBe(true);
    expect(at(na, '*')).toBe(true);
    expect(at(na, '1.0')).toBe(false);
  });

  it('matches an exact version by string, case-insensitively', () => {
    const c = [
      { nodes: [{ operator: 'OR' as const, cpeMatch: [cpeMatch('cpe:2.3:a:acme:pacs:2.1A')] }] },
    ];
    expect(at(c, '2.1a')).toBe(true);
    expect(at(c, '2.1b')).toBe(false);
  });
});

describe('evaluateConfigurations: OR trees and negate', () => {
  it('an OR configuration is satisfied by any node', () => {
    const c = [
      {
        operator: 'OR' as const,
        nodes: [
          { operator: 'OR' as const, cpeMatch: [cpeMatch('cpe:2.3:a:acme:viewer:1.0')] },
          {
            operator: 'OR' as const,
            cpeMatch: [cpeMatch('cpe:2.3:a:acme:server:*', { versionEndIncluding: '4' })],
          },
        ],
      },
    ];
    expect(evaluateConfigurations(c, ['cpe:2.3:a:acme:server:3'])?.criteria).toBe(
      'cpe:2.3:a:acme:server:*',
    );
    expect(evaluateConfigurations(c, ['cpe:2.3:a:acme:viewer:2.0'])).toBeNull();
  });

  it('reports the first satisfied configuration by its 1-based number', () => {
    const c = [
      { nodes: [{ operator: 'OR' as const, cpeMatch: [cpeMatch('cpe:2.3:a:acme:a:1')] }] },
      { nodes: [{ operator: 'OR' as const, cpeMatch: [cpeMatch('cpe:2.3:a:acme:b:1')] }] },
    ];
    expect(evaluateConfigurations(c, ['cpe:2.3:a:acme:b:1'])?.configuration).toBe(2);
  });

  it('an AND node needs every entry', () => {
    const c = [
      {
        nodes: [
          {
            operator: 'AND' as const,
            cpeMatch: [
              cpeMatch('cpe:2.3:a:acme:a:1'),
              cpeMatch('cpe:2.3:a:acme:b:1', { vulnerable: false }),
            ],
          },
        ],
      },
    ];
    expect(evaluateConfigurations(c, ['cpe:2.3:a:acme:a:1'])).toBeNull();
    expect(evaluateConfigurations(c, ['cpe:2.3:a:acme:a:1', 'cpe:2.3:a:acme:b:1'])).not.toBeNull();
  });

  it('a negated node is satisfied when its entries are absent', () => {
    const c = [
      {
        operator: 'AND' as const,
        nodes: [
          { operator: 'OR' as const, cpeMatch: [cpeMatch('cpe:2.3:a:acme:dicom_server:*')] },
          {
            operator: 'OR' as const,
            negate: true,
            cpeMatch: [cpeMatch('cpe:2.3:a:acme:hardening_pack:*', { vulnerable: false })],
          },
        ],
      },
    ];
    expect(evaluateConfigurations(c, ['cpe:2.3:a:acme:dicom_server:5'])).not.toBeNull();
    expect(
      evaluateConfigurations(c, [
        'cpe:2.3:a:acme:dicom_server:5',
        'cpe:2.3:a:acme:hardening_pack:1',
      ]),
    ).toBeNull();
  });

  it('ignores malformed criteria and configurations without nodes', () => {
    const c = [
      {},
      { nodes: [{ operator: 'OR', cpeMatch: [{ vulnerable: true, criteria: 'not a cpe' }] }] },
    ];
    expect(evaluateConfigurations(c, ['cpe:2.3:a:acme:a:1'])).toBeNull();
  });
});

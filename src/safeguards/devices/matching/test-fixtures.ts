// NVD CVE API 2.0 configuration fixtures for the matching tests, written in the real shape.
import type { NvdConfiguration, NvdCpeMatch } from './config-store.ts';

export const cpeMatch = (criteria: string, extra: Partial<NvdCpeMatch> = {}): NvdCpeMatch => ({
  vulnerable: true,
  criteria,
  matchCriteriaId: '00000000-0000-0000-0000-000000000000',
  ...extra,
});

/** CVE-2017-12725 shape: Medfusion 4000 firmware 1.1/1.5/1.6 AND the hardware (not vulnerable). */
export const MEDFUSION: NvdConfiguration[] = [
  {
    operator: 'AND',
    nodes: [
      {
        operator: 'OR',
        negate: false,
        cpeMatch: ['1.1', '1.5', '1.6'].map((v) =>
          cpeMatch(
            `cpe:2.3:o:smiths-medical:medfusion_4000_wireless_syringe_infusion_pump_firmware:${v}:*:*:*:*:*:*:*`,
          ),
        ),
      },
      {
        operator: 'OR',
        negate: false,
        cpeMatch: [
          cpeMatch(
            'cpe:2.3:h:smiths-medical:medfusion_4000_wireless_syringe_infusion_pump:-:*:*:*:*:*:*:*',
            {
              vulnerable: false,
            },
          ),
        ],
      },
    ],
  },
];

/** An infusion OS < 3.5 on the Pump 9000 only. */
export const PUMP_OS: NvdConfiguration[] = [
  {
    operator: 'AND',
    nodes: [
      {
        operator: 'OR',
        cpeMatch: [
          cpeMatch('cpe:2.3:o:acme:infusion_os:*:*:*:*:*:*:*:*', { versionEndExcluding: '3.5' }),
        ],
      },
      {
        operator: 'OR',
        cpeMatch: [cpeMatch('cpe:2.3:h:acme:pump_9000:-:*:*:*:*:*:*:*', { vulnerable: false })],
      },
    ],
  },
];

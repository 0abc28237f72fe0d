import { describe, expect, it } from 'vitest';
import { parseNvdCve } from './nvd-record.ts';
import { bplCve, medfusionCve, mirthCve } from './nvd-fixtures.ts';
import { RecordError } from './types.ts';

describe('parseNvdCve', () => {
  it('takes the Primary CVSS per version, the English description and CWE ids', () => {
    const row = parseNvdCve(medfusionCve());
    expect(row).toMatchObject({
      id: 'CVE-2017-12725',
      status: 'Modified',
      last_modified: '2024-11-21T03:09:53.917Z',
      description: expect.stringMatching(/^Hard-coded credentials/),
      cvss_v31_score: 9.8,
      cvss_v31_vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      cvss_v2_score: 7.5,
      cvss_v40_score: null,
      severity: 'CRITICAL',
      cwes: ['CWE-798'],
    });
  });

  it('keeps the configurations tree as published, vulnerable:false platform included', () => {
    const row = parseNvdCve(medfusionCve());
    expect(row.configurations).toEqual(medfusionCve().configurations);
    expect(row.cpe_products).toEqual([
      'smiths-medical:medfusion_4000_wireless_syringe_infusion_pump_firmware',
      'smiths-medical:medfusion_4000_wireless_syringe_infusion_pump',
    ]);
  });

  it('takes severity from CVSS v4.0 when present and drops NVD-CWE-Other', () => {
    const row = parseNvdCve(mirthCve());
    expect(row).toMatchObject({
      cvss_v40_score: 9.3,
      cvss_v31_score: 9.8,
      severity: 'CRITICAL',
      cwes: [],
    });
  });

  it('accepts a record awaiting analysis with no metrics or configurations', () => {
    const row = parseNvdCve(bplCve());
    expect(row).toMatchObject({ status: 'Awaiting Analysis', severity: null, configurations: [] });
  });

  it('names the bad field', () => {
    const bad = { ...medfusionCve(), lastModified: 'yesterday' };
    expect(() => parseNvdCve(bad)).toThrow(RecordError);
    try {
      parseNvdCve({
        ...mirthCve(),
        metrics: { cvssMetricV31: [{ type: 'Primary', cvssData: { baseScore: 11 } }] },
      });
    } catch (err) {
      expect((err as RecordError).at).toBe('metrics.cvssMetricV31[0].cvssData.baseScore');
    }
  });
});

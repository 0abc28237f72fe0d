import { describe, expect, it } from 'vitest';
import { matchCsafAdvisory, type CsafAdvisory, type CsafProduct } from './csaf.ts';
import { matchProduct } from './product-match.ts';

const product = (
  productId: string,
  vendor: string,
  name: string,
  range: string | null,
  version: string | null = null,
): CsafProduct => ({
  productId,
  vendor,
  product: name,
  version,
  versionRange: range,
  fullName: [vendor, name, range ?? version].filter(Boolean).join(' '),
});

// Shaped after ICSMA-20-170-02 (BD Alaris), ICSMA-18-123-01 (Philips Brilliance) and
// ICSMA-21-355-01 (Fresenius Kabi Agilia), as flattened from their CSAF product trees.
const BD: CsafAdvisory = {
  trackingId: 'ICSMA-20-170-02',
  products: [
    product(
      'CSAFPID-0001',
      'Becton, Dickinson and Company (BD)',
      'Alaris PC Unit 8015',
      '<= 9.33.1',
    ),
    product('CSAFPID-0002', 'Becton, Dickinson and Company (BD)', 'Alaris PC Unit 8015', '>= 9.35'),
  ],
  vulnerabilities: [
    { cve: 'CVE-2020-12040', affected: ['CSAFPID-0001'], fixed: ['CSAFPID-0002'], notAffected: [] },
  ],
};
const PHILIPS: CsafAdvisory = {
  trackingId: 'ICSMA-18-123-01',
  products: [
    product('CSAFPID-0001', 'Phillips', 'Brilliance CT Big Bore', '<=2.3.5'),
    product('CSAFPID-0002', 'Phillips', 'Brilliance iCT', '<=4.1.6'),
    product('CSAFPID-0004', 'Phillips', 'Brilliance 64', '<=2.6.2'),
  ],
  vulnerabilities: [
    {
      cve: 'CVE-2018-8853',
      affected: ['CSAFPID-0001', 'CSAFPID-0002', 'CSAFPID-0004'],
      fixed: [],
      notAffected: [],
    },
  ],
};
const GE: CsafAdvisory = {
  trackingId: 'ICSMA-20-049-01',
  products: [
    product('CSAFPID-0001', 'General Electric (GE)', 'CARESCAPE Telemetry Server', 'vers:all/*'),
  ],
  vulnerabilities: [
    { cve: 'CVE-2020-6961', affected: ['CSAFPID-0001'], fixed: [], notAffected: [] },
  ],
};

describe('matchCsafAdvisory', () => {
  it('matches BD via its parenthesised acronym, a model number and a version in range', () => {
    const [m, ...rest] = matchCsafAdvisory(BD, {
      manufacturer: 'BD',
      model: 'Alaris 8015',
      version: '9.19',
    });
    expect(rest).toEqual([]);
    expect(m).toMatchObject({
      cve: 'CVE-2020-12040',
      advisory: 'ICSMA-20-170-02',
      productId: 'CSAFPID-0001',
      status: 'affected',
      confidence: 'version',
    });
    expect(m?.why).toContain('version 9.19 within "<= 9.33.1"');
  });

  it('reports the fixed status when the device runs the fixed version', () => {
    const m = matchCsafAdvisory(BD, {
      manufacturer: 'Becton Dickinson',
      model: 'Alaris PC Unit 8015',
      version: '9.35',
    });
    expect(m.map((x) => [x.productId, x.status])).toEqual([['CSAFPID-0002', 'fixed']]);
  });

  it('matches vendor aliases across drifting names (Phillips, GE)', () => {
    const m = matchCsafAdvisory(PHILIPS, {
      manufacturer: 'Koninklijke Philips N.V.',
      model: 'Brilliance iCT',
      version: '4.1.0',
    });
    expect(m.map((x) => x.productId)).toEqual(['CSAFPID-0002']);
    expect(m[0]?.why).toContain('alias Philips');
    const ge = matchCsafAdvisory(GE, {
      manufacturer: 'GE HealthCare',
      model: 'CARESCAPE Telemetry Server',
      version: '4.2',
    });
    expect(ge[0]?.why).toMatch(/alias GE HealthCare/);
  });

  it('does not match a different model of the same family or another vendor', () => {
    expect(
      matchCsafAdvisory(PHILIPS, {
        manufacturer: 'Philips',
        model: 'Brilliance 16',
        version: '1.0',
      }),
    ).toEqual([]);
    expect(
      matchCsafAdvisory(BD, { manufacturer: 'Baxter', model: 'Alaris 8015', version: '9.19' }),
    ).toEqual([]);
  });

  it('reports possible matches when the device version is unknown', () => {
    const m = matchCsafAdvisory(PHILIPS, {
      manufacturer: 'Philips',
      model: 'Brilliance CT Big Bore',
    });
    expect(m[0]?.confidence).toBe('unknown-version');
  });

  it('uses site aliases', () => {
    const adv: CsafAdvisory = {
      ...GE,
      products: [product('CSAFPID-0001', 'Datascope', 'Panorama Central Station', '< 5.0')],
    };
    const device = { manufacturer: 'Mindray', model: 'Panorama Central Station', version: '4.1' };
    expect(matchCsafAdvisory(adv, device)).toEqual([]);
    expect(
      matchCsafAdvisory(adv, device, { vendorAliases: { Mindray: ['Datascope'] } }),
    ).toHaveLength(1);
  });

  it('treats a version field that names the model as the model, not a version', () => {
    const adv: CsafAdvisory = {
      trackingId: 'ICSMA-22-263-01',
      products: [
        product(
          'CSAFPID-0002',
          'Medtronic ',
          'MiniMed 630G',
          null,
          'MMT-1715 | MMT-1754 | MMT-1755',
        ),
      ],
      vulnerabilities: [
        { cve: 'CVE-2022-32537', affected: ['CSAFPID-0002'], fixed: [], notAffected: [] },
      ],
    };
    const m = matchCsafAdvisory(adv, {
      manufacturer: 'Medtronic',
      model: 'MiniMed 630G MMT-1754',
      version: '2.0',
    });
    expect(m[0]?.why).toContain('names the model');
  });
});

describe('matchProduct', () => {
  it.each([
    ['Alaris 8015', 'Alaris PC Unit 8015', true],
    ['MX40', 'IntelliVue MX40 Patient Worn Monitor (WLAN only)', true],
    ['IntelliVue MX-40', 'IntelliVue MX40 Patient Worn Monitor', true],
    ['PageWriter TC50', 'PageWriter TC10 TC20 TC30 TC50 TC70 Cardiographs', true],
    ['Sigma Spectrum Model 35700BAX2', 'Sigma Spectrum Infusion System', false],
    ['Spectrum 35700BAX2', 'Spectrum Infusion Pump 35700BAX2', true],
    ['Brilliance 64', 'Brilliance iCT', false],
    ['Agilia Link+', 'Agilia Link+', true],
  ] as const)('%s vs %s', (model, name, expected) => {
    expect(matchProduct(model, name) !== null).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { parseCsafDocument } from './csaf-document.ts';
import { csafAdvisory } from './feeds-test-kit.ts';

describe('parseCsafDocument', () => {
  it('reads the tracking fields', () => {
    const adv = parseCsafDocument(csafAdvisory());
    expect(adv).toMatchObject({
      trackingId: 'ICSMA-24-254-01',
      version: '1',
      publisher: 'CISA',
      title: 'BPL Personal Weighing Scale and Medfusion Pump',
    });
  });

  it('flattens nested branches, version ranges, full product names and relationships', () => {
    const { products } = parseCsafDocument(csafAdvisory());
    const byId = Object.fromEntries(products.map((p) => [p.productId, p]));
    expect(byId['CSAFPID-0001']).toMatchObject({
      vendor: 'BPL Medical Technologies',
      productFamily: 'Personal Weighing Scale',
      product: 'PWS-01BT',
      version: '<=IND/BPL/PWS-01BT/V2.0.8',
      versionIsRange: true,
      fullName: 'BPL PWS-01BT: <=IND/BPL/PWS-01BT/V2.0.8',
    });
    expect(byId['CSAFPID-0002']).toMatchObject({
      version: 'IND/BPL/PWS-01BT/V2.1.0',
      versionIsRange: false,
    });
    expect(byId['CSAFPID-0003']).toMatchObject({
      vendor: 'Smiths Medical',
      product: 'Medfusion 4000',
      version: '1.6',
      identification: { model_numbers: ['4000'] },
    });
    expect(byId['CSAFPID-0004']).toMatchObject({
      vendor: null,
      fullName: 'BPL Android companion app',
    });
    expect(byId['CSAFPID-0005']).toMatchObject({
      fullName: 'companion app on PWS-01BT',
      relationship: {
        category: 'installed_on',
        productReference: 'CSAFPID-0004',
        relatesTo: 'CSAFPID-0001',
      },
    });
  });

  it('keeps product status per vulnerability, with or without a CVE', () => {
    const { vulnerabilities } = parseCsafDocument(csafAdvisory());
    expect(vulnerabilities[0]).toMatchObject({
      cve: 'CVE-2024-34463',
      cvssScore: 6.5,
      status: { known_affected: ['CSAFPID-0001', 'CSAFPID-0005'], fixed: ['CSAFPID-0002'] },
    });
    expect(vulnerabilities[1]).toMatchObject({
      cve: null,
      status: { known_not_affected: ['CSAFPID-0002'] },
    });
  });

  it('names a missing tracking id by its JSON path', () => {
    const doc = csafAdvisory();
    (doc.document.tracking as Record<string, unknown>)['id'] = '';
    expect(() => parseCsafDocument(doc)).toThrow(
      expect.objectContaining({ at: 'document.tracking.id' }) as unknown as Error,
    );
  });
});

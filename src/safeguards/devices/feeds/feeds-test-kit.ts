// Small feed fixtures in the real formats (NVD CVE API 2.0, CISA KEV, FIRST EPSS, CSAF 2.0),
// modelled on real records: CVE-2017-12725 (Medfusion 4000, firmware AND hardware platform),
// CVE-2023-43208 (Mirth Connect, KEV with ransomware use), CVE-2024-34463 (awaiting analysis).
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createTestDatabase } from '../../../../test/pglite-template.ts';

/**
 * A PGlite with only this slice's migration: the devices migrations folder is shared with
 * other parts of the safeguard, which these tests do not depend on.
 */
export async function feedsTestDatabase() {
  const dir = mkdtempSync(join(tmpdir(), 'ward-vulns-mig-'));
  copyFileSync(
    new URL('../migrations/0001_vulns.sql', import.meta.url),
    join(dir, '0001_vulns.sql'),
  );
  return createTestDatabase([{ module: 'devices', dir: pathToFileURL(dir + '/') }]);
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'ward-feeds-'));
}

export function writeFile(dir: string, name: string, content: string | Buffer | object): string {
  const path = join(dir, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(
    path,
    typeof content === 'string' || Buffer.isBuffer(content)
      ? content
      : JSON.stringify(content, null, 2),
  );
  return path;
}

export const gzip = (text: string) => gzipSync(Buffer.from(text));

export function kevCatalog(entries: object[] = [mirthKev(), { ...gitKev() }]) {
  return {
    title: 'CISA Catalog of Known Exploited Vulnerabilities',
    catalogVersion: '2025.08.25',
    dateReleased: '2025-08-25T17:04:19.9796Z',
    count: entries.length,
    vulnerabilities: entries,
  };
}

export function mirthKev(overrides: object = {}) {
  return {
    cveID: 'CVE-2023-43208',
    vendorProject: 'NextGen Healthcare',
    product: 'Mirth Connect',
    vulnerabilityName:
      'NextGen Healthcare Mirth Connect Deserialization of Untrusted Data Vulnerability',
    dateAdded: '2024-05-20',
    shortDescription:
      'NextGen Healthcare Mirth Connect contains a deserialization of untrusted data vulnerability.',
    requiredAction:
      'Apply mitigations per vendor instructions or discontinue use of the product if mitigations are unavailable.',
    dueDate: '2024-06-10',
    knownRansomwareCampaignUse: 'Known',
    notes: 'https://nvd.nist.gov/vuln/detail/CVE-2023-43208',
    cwes: ['CWE-502'],
    ...overrides,
  };
}

function gitKev() {
  return {
    cveID: 'CVE-2025-48384',
    vendorProject: 'Git',
    product: 'Git',
    vulnerabilityName: 'Git Link Following Vulnerability',
    dateAdded: '2025-08-25',
    shortDescription: 'Git contains a link following vulnerability.',
    requiredAction: 'Apply mitigations per vendor instructions.',
    dueDate: '2025-09-15',
    knownRansomwareCampaignUse: 'Unknown',
    notes: '',
    cwes: ['CWE-59', 'CWE-436'],
  };
}

export const epssCsv = [
  '#model_version:v2025.03.14,score_date:2025-08-25T12:55:00+0000',
  'cve,epss,percentile',
  'CVE-2017-12725,0.01234,0.78901',
  'CVE-2023-43208,0.94321,0.99912',
  'CVE-2024-34463,0.00043,0.10000',
  '',
].join('\n');

/** An ICSMA-style advisory: vendor → product_family → product_name → version / range. */
export function csafAdvisory(version = '1', releaseDate = '2024-09-10T06:00:00.000000Z') {
  return {
    document: {
      category: 'csaf_security_advisory',
      csaf_version: '2.0',
      title: 'BPL Personal Weighing Scale and Medfusion Pump',
      publisher: { category: 'coordinator', name: 'CISA', namespace: 'https://www.cisa.gov/' },
      tracking: {
        id: 'ICSMA-24-254-01',
        current_release_date: releaseDate,
        initial_release_date: '2024-09-10T06:00:00.000000Z',
        revision_history: [{ date: releaseDate, number: version, summary: 'Initial Publication' }],
        status: 'final',
        version,
      },
    },
    product_tree: {
      branches: [
        {
          category: 'vendor',
          name: 'BPL Medical Technologies',
          branches: [
            {
              category: 'product_family',
              name: 'Personal Weighing Scale',
              branches: [
                {
                  category: 'product_name',
                  name: 'PWS-01BT',
                  branches: [
                    {
                      category: 'product_version_range',
                      name: '<=IND/BPL/PWS-01BT/V2.0.8',
                      product: {
                        name: 'BPL PWS-01BT: <=IND/BPL/PWS-01BT/V2.0.8',
                        product_id: 'CSAFPID-0001',
                      },
                    },
                    {
                      category: 'product_version',
                      name: 'IND/BPL/PWS-01BT/V2.1.0',
                      product: {
                        name: 'BPL PWS-01BT IND/BPL/PWS-01BT/V2.1.0',
                        product_id: 'CSAFPID-0002',
                      },
                    },
                  ],
                },
              ],
            },
          ],
        },
        {
          category: 'vendor',
          name: 'Smiths Medical',
          branches: [
            {
              category: 'product_name',
              name: 'Medfusion 4000',
              branches: [
                {
                  category: 'product_version',
                  name: '1.6',
                  product: {
                    name: 'Medfusion 4000 1.6',
                    product_id: 'CSAFPID-0003',
                    product_identification_helper: { model_numbers: ['4000'] },
                  },
                },
              ],
            },
          ],
        },
      ],
      full_product_names: [{ name: 'BPL Android companion app', product_id: 'CSAFPID-0004' }],
      relationships: [
        {
          category: 'installed_on',
          product_reference: 'CSAFPID-0004',
          relates_to_product_reference: 'CSAFPID-0001',
          full_product_name: { name: 'companion app on PWS-01BT', product_id: 'CSAFPID-0005' },
        },
      ],
    },
    vulnerabilities: [
      {
        cve: 'CVE-2024-34463',
        title: 'Cleartext Transmission of Sensitive Information',
        product_status: {
          known_affected: ['CSAFPID-0001', 'CSAFPID-0005'],
          fixed: ['CSAFPID-0002'],
        },
        remediations: [
          { category: 'vendor_fix', details: 'Update to V2.1.0', product_ids: ['CSAFPID-0001'] },
        ],
        scores: [
          {
            cvss_v3: {
              baseScore: 6.5,
              baseSeverity: 'MEDIUM',
              vectorString: 'CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N',
              version: '3.1',
            },
            products: ['CSAFPID-0001'],
          },
        ],
      },
      {
        title: 'Hard-coded credentials (no CVE assigned)',
        product_status: {
          known_affected: ['CSAFPID-0003'],
          known_not_affected: ['CSAFPID-0002'],
          under_investigation: ['CSAFPID-0004'],
        },
      },
    ],
  };
}

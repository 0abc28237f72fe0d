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

/** CVE-2017-12725: v3.1 and v2 metrics, an AND of vulnerable firmware and a hardware platform. */
export function medfusionCve(lastModified = '2024-11-21T03:09:53.917') {
  return {
    id: 'CVE-2017-12725',
    sourceIdentifier: 'ics-cert@hq.dhs.gov',
    published: '2017-09-08T02:29:00.233',
    lastModified,
    vulnStatus: 'Modified',
    descriptions: [
      { lang: 'es', value: 'Contraseñas codificadas…' },
      {
        lang: 'en',
        value:
          'Hard-coded credentials in Smiths Medical Medfusion 4000 Wireless Syringe Infusion Pump.',
      },
    ],
    metrics: {
      cvssMetricV31: [
        {
          source: 'ics-cert@hq.dhs.gov',
          type: 'Secondary',
          cvssData: {
            version: '3.1',
            vectorString: 'CVSS:3.1/AV:A/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H',
            baseScore: 7.5,
            baseSeverity: 'HIGH',
          },
        },
        {
          source: 'nvd@nist.gov',
          type: 'Primary',
          cvssData: {
            version: '3.1',
            vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
            baseScore: 9.8,
            baseSeverity: 'CRITICAL',
          },
        },
      ],
      cvssMetricV2: [
        {
          source: 'nvd@nist.gov',
          type: 'Primary',
          cvssData: { version: '2.0', vectorString: 'AV:N/AC:L/Au:N/C:P/I:P/A:P', baseScore: 7.5 },
          baseSeverity: 'HIGH',
        },
      ],
    },
    weaknesses: [
      { source: 'nvd@nist.gov', type: 'Primary', description: [{ lang: 'en', value: 'CWE-798' }] },
    ],
    configurations: [
      {
        operator: 'AND',
        nodes: [
          {
            operator: 'OR',
            negate: false,
            cpeMatch: ['1.1', '1.5', '1.6'].map((v, i) => ({
              vulnerable: true,
              criteria: `cpe:2.3:o:smiths-medical:medfusion_4000_wireless_syringe_infusion_pump_firmware:${v}:*:*:*:*:*:*:*`,
              matchCriteriaId: `6C2A9B6E-0000-4000-8000-00000000000${i}`,
            })),
          },
          {
            operator: 'OR',
            negate: false,
            cpeMatch: [
              {
                vulnerable: false,
                criteria:
                  'cpe:2.3:h:smiths-medical:medfusion_4000_wireless_syringe_infusion_pump:-:*:*:*:*:*:*:*',
                matchCriteriaId: 'A1B2C3D4-0000-4000-8000-000000000009',
              },
            ],
          },
        ],
      },
    ],
    references: [
      {
        url: 'https://www.cisa.gov/news-events/ics-medical-advisories/icsma-17-250-02a',
        source: 'ics-cert@hq.dhs.gov',
      },
    ],
  };
}

/** CVE-2023-43208 (Mirth Connect): CVSS v4.0 from the CNA beside NVD's v3.1, a version range. */
export function mirthCve(lastModified = '2025-01-10T10:00:00.000') {
  return {
    id: 'CVE-2023-43208',
    sourceIdentifier: 'vulnerability@ncsc.ch',
    published: '2023-10-26T20:15:08.727',
    lastModified,
    vulnStatus: 'Analyzed',
    descriptions: [
      {
        lang: 'en',
        value:
          'NextGen Healthcare Mirth Connect before 4.4.1 is vulnerable to unauthenticated remote code execution.',
      },
    ],
    metrics: {
      cvssMetricV40: [
        {
          source: 'vulnerability@ncsc.ch',
          type: 'Secondary',
          cvssData: {
            version: '4.0',
            vectorString: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
            baseScore: 9.3,
            baseSeverity: 'CRITICAL',
          },
        },
      ],
      cvssMetricV31: [
        {
          source: 'nvd@nist.gov',
          type: 'Primary',
          cvssData: {
            version: '3.1',
            vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
            baseScore: 9.8,
            baseSeverity: 'CRITICAL',
          },
        },
      ],
    },
    weaknesses: [
      {
        source: 'nvd@nist.gov',
        type: 'Primary',
        description: [{ lang: 'en', value: 'NVD-CWE-Other' }],
      },
    ],
    configurations: [
      {
        nodes: [
          {
            operator: 'OR',
            negate: false,
            cpeMatch: [
              {
                vulnerable: true,
                criteria: 'cpe:2.3:a:nextgen:mirth_connect:*:*:*:*:*:*:*:*',
                versionEndExcluding: '4.4.1',
                matchCriteriaId: '0F8E5C2A-0000-4000-8000-000000000001',
              },
            ],
          },
        ],
      },
    ],
    references: [],
  };
}

/** CVE-2024-34463 (BPL scale): awaiting analysis, no metrics, no configurations. */
export function bplCve() {
  return {
    id: 'CVE-2024-34463',
    sourceIdentifier: 'cve@mitre.org',
    published: '2024-09-10T15:15:00.000',
    lastModified: '2024-09-10T18:00:00.000',
    vulnStatus: 'Awaiting Analysis',
    descriptions: [
      {
        lang: 'en',
        value: 'BPL Personal Weighing Scale PWS-01BT transmits data in cleartext over BLE.',
      },
    ],
    metrics: {},
    references: [],
  };
}

export function nvdPage(records: object[], startIndex = 0) {
  return {
    resultsPerPage: records.length,
    startIndex,
    totalResults: records.length,
    format: 'NVD_CVE',
    version: '2.0',
    timestamp: '2025-08-25T12:00:00.000',
    vulnerabilities: records.map((cve) => ({ cve })),
  };
}

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

// Tiny hand-written feeds for device matching tests (NVD CVE API 2.0 records, CISA KEV, FIRST
// EPSS, CSAF 2.0), written to temp files so importFeeds reads them as it reads real ones.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FW = 'cpe:2.3:o:acme_medical:infusion_pump_9000_firmware';
const HW = 'cpe:2.3:h:acme_medical:infusion_pump_9000:-:*:*:*:*:*:*:*';

/** An NVD record: Acme pump firmware before 2.2 on the pump hardware (firmware AND platform). */
export function pumpCve(id: string, score: number, description: string) {
  return {
    id,
    sourceIdentifier: 'ics-cert@hq.dhs.gov',
    published: '2025-01-10T10:00:00.000',
    lastModified: '2025-02-01T10:00:00.000',
    vulnStatus: 'Analyzed',
    descriptions: [{ lang: 'en', value: description }],
    metrics: {
      cvssMetricV31: [
        {
          source: 'nvd@nist.gov',
          type: 'Primary',
          cvssData: {
            version: '3.1',
            vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N',
            baseScore: score,
            baseSeverity: score >= 9 ? 'CRITICAL' : 'HIGH',
          },
        },
      ],
    },
    configurations: [
      {
        operator: 'AND',
        nodes: [
          {
            operator: 'OR',
            negate: false,
            cpeMatch: [
              {
                vulnerable: true,
                criteria: `${FW}:*:*:*:*:*:*:*:*`,
                versionEndExcluding: '2.2',
                matchCriteriaId: '00000000-0000-4000-8000-000000000001',
              },
            ],
          },
          {
            operator: 'OR',
            negate: false,
            cpeMatch: [
              {
                vulnerable: false,
                criteria: HW,
                matchCriteriaId: '00000000-0000-4000-8000-000000000002',
              },
            ],
          },
        ],
      },
    ],
  };
}

export function kevCatalog(entries: Array<{ cve: string; ransomware: boolean }>) {
  return {
    title: 'CISA Catalog of Known Exploited Vulnerabilities',
    catalogVersion: '2025.08.25',
    dateReleased: '2025-08-25T17:04:19.9796Z',
    count: entries.length,
    vulnerabilities: entries.map((e) => ({
      cveID: e.cve,
      vendorProject: 'Acme Medical',
      product: 'Infusion Pump 9000',
      vulnerabilityName: 'Acme Infusion Pump 9000 Authentication Bypass',
      dateAdded: '2025-03-01',
      shortDescription: 'Authentication bypass in the pump web service.',
      requiredAction: 'Apply mitigations per vendor instructions.',
      dueDate: '2025-03-22',
      knownRansomwareCampaignUse: e.ransomware ? 'Known' : 'Unknown',
      notes: '',
      cwes: ['CWE-287'],
    })),
  };
}

/** An ICSMA-style advisory without identifiers: vendor name with "Inc.", a free-text range. */
export function pumpAdvisory() {
  return {
    document: {
      category: 'csaf_security_advisory',
      csaf_version: '2.0',
      title: 'Acme Medical Infusion Pump 9000',
      publisher: { category: 'coordinator', name: 'CISA', namespace: 'https://www.cisa.gov/' },
      tracking: {
        id: 'ICSMA-25-100-01',
        current_release_date: '2025-04-10T06:00:00.000Z',
        initial_release_date: '2025-04-10T06:00:00.000Z',
        revision_history: [{ date: '2025-04-10T06:00:00.000Z', number: '1', summary: 'Initial' }],
        status: 'final',
        version: '1',
      },
    },
    product_tree: {
      branches: [
        {
          category: 'vendor',
          name: 'Acme Medical Inc.',
          branches: [
            {
              category: 'product_name',
              name: 'Infusion Pump 9000',
              branches: [
                {
                  category: 'product_version_range',
                  name: '<=2.1.5',
                  product: {
                    name: 'Acme Medical Infusion Pump 9000 <=2.1.5',
                    product_id: 'CSAFPID-0001',
                  },
                },
              ],
            },
          ],
        },
      ],
    },
    vulnerabilities: [
      {
        cve: 'CVE-2025-20001',
        title: 'Cleartext transmission of drug library',
        product_status: { known_affected: ['CSAFPID-0001'] },
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
    ],
  };
}

export const EPSS_CSV = [
  '#model_version:v2025.03.14,score_date:2025-08-25T12:55:00+0000',
  'cve,epss,percentile',
  'CVE-2025-10001,0.50000,0.97000',
  '',
].join('\n');

/** Writes the feeds to a temp directory; returns their paths. */
export function writeTestFeeds(opts: { kev?: Array<{ cve: string; ransomware: boolean }> } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ward-device-feeds-'));
  const write = (name: string, content: string | object) => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return path;
  };
  return {
    dir,
    nvd: [
      write(
        'CVE-2025-10001.json',
        pumpCve(
          'CVE-2025-10001',
          8.1,
          'Hard-coded service password in Acme Infusion Pump 9000 firmware before 2.2.',
        ),
      ),
      write(
        'CVE-2025-10002.json',
        pumpCve(
          'CVE-2025-10002',
          7.5,
          'Authentication bypass in the Acme Infusion Pump 9000 web service before 2.2.',
        ),
      ),
    ],
    kev: write('kev.json', kevCatalog(opts.kev ?? [{ cve: 'CVE-2025-10002', ransomware: true }])),
    epss: write('epss.csv', EPSS_CSV),
    csaf: write('icsma-25-100-01.json', pumpAdvisory()),
  };
}

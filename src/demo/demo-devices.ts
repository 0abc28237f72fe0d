import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Core, CoreDeps } from '../core/index.ts';
import {
  importDeviceCsv,
  importFeeds,
  matchDeviceVulns,
  setWindow,
} from '../safeguards/devices/index.ts';

/** The demo hospital's clinical equipment as its CMMS would export it. */
const MODELS = [
  {
    maker: 'Acme Medical',
    model: 'Infusion Pump 9000',
    version: '2.1.0',
    type: 'infusion pump',
    dept: 'Intensive Care',
    n: 6,
    vlan: 'clin-icu',
  },
  {
    maker: 'Vitalis',
    model: 'PM-400',
    version: '3.2.1',
    type: 'patient monitor',
    dept: 'Emergency',
    n: 5,
    vlan: 'clin-ed',
  },
  {
    maker: 'Radiant Imaging',
    model: 'CT Scanner X5',
    version: '7.1',
    type: 'ct scanner',
    dept: 'Radiology',
    n: 2,
    vlan: 'imaging',
  },
  {
    maker: 'Labline',
    model: 'Analyzer A30',
    version: '3.8',
    type: 'lab analyzer',
    dept: 'Laboratory',
    n: 3,
    vlan: 'lab',
  },
  {
    maker: 'Doorwise',
    model: 'BR-20',
    version: '1.4',
    type: 'badge reader',
    dept: 'Facilities',
    n: 4,
    vlan: 'bms',
  },
];

function inventoryCsv(): string {
  const rows = ['name,manufacturer,model,version,type,ip,department,vlan,phi,serial'];
  let host = 10;
  for (const m of MODELS) {
    for (let i = 1; i <= m.n; i++) {
      const name = `${m.model.split(' ')[0]}-${m.dept.slice(0, 3).toUpperCase()}-${String(i).padStart(2, '0')}`;
      const phi = m.type === 'badge reader' ? 'no' : 'yes';
      rows.push(
        [
          name,
          m.maker,
          m.model,
          m.version,
          m.type,
          `10.60.${host >> 8}.${host++ & 255}`,
          m.dept,
          m.vlan,
          phi,
          `SN${host}${i}`,
        ].join(','),
      );
    }
  }
  return rows.join('\n') + '\n';
}

/** An NVD API 2.0 record: `product` firmware before `fixed`, on its own hardware platform. */
function nvdRecord(p: {
  id: string;
  vendor: string;
  product: string;
  fixed: string;
  score: number;
  text: string;
}) {
  const cpe = (part: string, product: string, version: string) =>
    `cpe:2.3:${part}:${p.vendor}:${product}:${version}:*:*:*:*:*:*:*`;
  return {
    cve: {
      id: p.id,
      sourceIdentifier: 'ics-cert@hq.dhs.gov',
      published: '2026-01-15T10:00:00.000',
      lastModified: '2026-02-01T10:00:00.000',
      vulnStatus: 'Analyzed',
      descriptions: [{ lang: 'en', value: p.text }],
      metrics: {
        cvssMetricV31: [
          {
            source: 'nvd@nist.gov',
            type: 'Primary',
            cvssData: {
              version: '3.1',
              vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
              baseScore: p.score,
              baseSeverity: p.score >= 9 ? 'CRITICAL' : 'HIGH',
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
                  criteria: cpe('o', `${p.product}_firmware`, '*'),
                  versionEndExcluding: p.fixed,
                },
              ],
            },
            {
              operator: 'OR',
              negate: false,
              cpeMatch: [{ vulnerable: false, criteria: cpe('h', p.product, '-') }],
            },
          ],
        },
      ],
    },
  };
}

function feeds(dir: string): string[] {
  const nvd = join(dir, 'nvd-page.json');
  const records = [
    nvdRecord({
      id: 'CVE-2026-10401',
      vendor: 'acme_medical',
      product: 'infusion_pump_9000',
      fixed: '2.2',
      score: 9.8,
      text: 'Authentication bypass in the pump management web service lets a network attacker change drug libraries.',
    }),
    nvdRecord({
      id: 'CVE-2026-10402',
      vendor: 'acme_medical',
      product: 'infusion_pump_9000',
      fixed: '2.2',
      score: 7.5,
      text: 'Hard-coded service credentials in the pump firmware.',
    }),
    nvdRecord({
      id: 'CVE-2026-11877',
      vendor: 'vitalis',
      product: 'pm-400',
      fixed: '3.5',
      score: 8.1,
      text: 'Unauthenticated HL7 interface allows alarm suppression on the monitor.',
    }),
    nvdRecord({
      id: 'CVE-2025-30911',
      vendor: 'radiant_imaging',
      product: 'ct_scanner_x5',
      fixed: '7.3',
      score: 8.8,
      text: 'Outdated embedded Windows SMB service on the CT console.',
    }),
  ];
  writeFileSync(
    nvd,
    JSON.stringify({
      resultsPerPage: records.length,
      startIndex: 0,
      totalResults: records.length,
      format: 'NVD_CVE',
      version: '2.0',
      vulnerabilities: records,
    }),
  );
  const kev = join(dir, 'kev.json');
  writeFileSync(
    kev,
    JSON.stringify({
      title: 'CISA Catalog of Known Exploited Vulnerabilities',
      catalogVersion: '2026.03.01',
      dateReleased: '2026-03-01T00:00:00Z',
      count: 1,
      vulnerabilities: [
        {
          cveID: 'CVE-2025-30911',
          vendorProject: 'Radiant Imaging',
          product: 'CT Scanner X5',
          vulnerabilityName: 'Radiant CT console SMB remote code execution',
          dateAdded: '2026-02-20',
          shortDescription: 'SMB remote code execution on the CT console.',
          requiredAction: 'Apply the vendor update or isolate the console.',
          dueDate: '2026-03-13',
          knownRansomwareCampaignUse: 'Known',
          notes: '',
          cwes: ['CWE-787'],
        },
      ],
    }),
  );
  const epss = join(dir, 'epss.csv');
  writeFileSync(
    epss,
    '#model_version:v2025.03.14,score_date:2026-03-01T00:00:00+0000\ncve,epss,percentile\nCVE-2026-10401,0.41,0.97\nCVE-2026-10402,0.08,0.91\nCVE-2026-11877,0.02,0.78\nCVE-2025-30911,0.87,0.99\n',
  );
  const csaf = join(dir, 'icsma-labline.json');
  writeFileSync(
    csaf,
    JSON.stringify({
      document: {
        category: 'csaf_security_advisory',
        csaf_version: '2.0',
        title: 'Labline Analyzer A30',
        publisher: { category: 'coordinator', name: 'CISA', namespace: 'https://www.cisa.gov/' },
        tracking: {
          id: 'ICSMA-26-040-01',
          current_release_date: '2026-02-09T06:00:00.000Z',
          initial_release_date: '2026-02-09T06:00:00.000Z',
          revision_history: [{ date: '2026-02-09T06:00:00.000Z', number: '1', summary: 'Initial' }],
          status: 'final',
          version: '1',
        },
      },
      product_tree: {
        branches: [
          {
            category: 'vendor',
            name: 'Labline Inc.',
            branches: [
              {
                category: 'product_name',
                name: 'Analyzer A30',
                branches: [
                  {
                    category: 'product_version_range',
                    name: 'versions prior to 4.0',
                    product: {
                      name: 'Labline Analyzer A30 versions prior to 4.0',
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
          cve: 'CVE-2026-20417',
          title: 'Patient results sent in cleartext to the LIS',
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
    }),
  );
  return [nvd, kev, epss, csaf];
}

/**
 * Device records from a CMMS export, feeds as an offline hospital copies them in, the matching
 * that turns them into findings with risk, and patch windows for the clinical classes: the same
 * paths `ward feeds import`, `ward devices import` and `ward devices vulns` take.
 */
export async function seedDemoDevices(app: CoreDeps & { core: Core }): Promise<void> {
  const deps = { db: app.db, core: app.core, audit: app.audit, clock: app.clock, log: app.log };
  const dir = mkdtempSync(join(tmpdir(), 'ward-demo-feeds-'));
  try {
    await importFeeds(app.db, feeds(dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await importDeviceCsv(deps, {
    fileName: 'cmms-export.csv',
    text: inventoryCsv(),
    actor: 'system',
  });
  const startDate = app.clock.now().toISOString().slice(0, 10);
  for (const deviceClass of ['life_critical', 'clinical']) {
    await setWindow(deps, {
      deviceClass,
      spec: {
        rrule: 'FREQ=WEEKLY;BYDAY=SU',
        start: '02:00',
        duration: '3h',
        timeZone: 'Europe/Berlin',
        startDate,
      },
      label: 'Sunday night, low census',
      capacity: 4,
      actor: 'system',
    });
  }
  await matchDeviceVulns(deps, { actor: 'system' });
}

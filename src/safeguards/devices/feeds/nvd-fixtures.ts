// NVD CVE API 2.0 records (and an API page around them) for the feeds tests.

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

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const GENERATORS = new URL('../../src/demo/scan-generators.ts', import.meta.url);

type GenerateNessus = (opts: {
  seed: number;
  hosts: number;
  findingsPerHost: [number, number];
}) => string;

/**
 * A small Nessus v2 file for the upload step. Uses the demo's generator when it exists (so the
 * browser test imports the same kind of file the demo does); until then a hand-written file
 * with two hosts and a few plugins of different severities.
 */
export async function sampleNessusFile(): Promise<string> {
  if (existsSync(fileURLToPath(GENERATORS))) {
    // Imported by URL so the type checker does not require the module while it is being written.
    const mod = (await import(GENERATORS.href)) as { generateNessusFile?: GenerateNessus };
    if (mod.generateNessusFile)
      return mod.generateNessusFile({ seed: 42, hosts: 4, findingsPerHost: [2, 5] });
  }
  return INLINE_NESSUS;
}

const item = (
  port: number,
  svc: string,
  severity: number,
  id: number,
  name: string,
  extra: string,
) => `
    <ReportItem port="${port}" svc_name="${svc}" protocol="tcp" severity="${severity}" pluginID="${id}" pluginName="${name}" pluginFamily="General">
      <description>${name} was detected on the remote host.</description>
      <solution>Apply the vendor's update.</solution>
      <risk_factor>${['None', 'Low', 'Medium', 'High', 'Critical'][severity]}</risk_factor>
      ${extra}
      <plugin_output>Detected on port ${port}.</plugin_output>
    </ReportItem>`;

const host = (ip: string, name: string, items: string) => `
  <ReportHost name="${ip}">
    <HostProperties>
      <tag name="host-ip">${ip}</tag>
      <tag name="host-fqdn">${name}</tag>
      <tag name="operating-system">Microsoft Windows 10 Enterprise</tag>
      <tag name="HOST_START">Mon Mar  2 09:00:00 2026</tag>
    </HostProperties>${items}
  </ReportHost>`;

const INLINE_NESSUS = `<?xml version="1.0" ?>
<NessusClientData_v2>
<Policy><policyName>Internal scan</policyName></Policy>
<Report name="UI test scan" xmlns:cm="http://www.nessus.org/cm">${host(
  '10.20.0.11',
  'pacs-01.stmary.local',
  item(
    445,
    'cifs',
    3,
    57608,
    'SMB Signing not required',
    '<cvss3_base_score>5.3</cvss3_base_score>',
  ) +
    item(
      443,
      'www',
      4,
      156032,
      'Apache Log4Shell RCE detection',
      '<cve>CVE-2021-44228</cve><cvss3_base_score>10.0</cvss3_base_score>',
    ) +
    item(
      3389,
      'msrdp',
      2,
      18405,
      'Microsoft Windows Remote Desktop Protocol Server Man-in-the-Middle Weakness',
      '<cvss3_base_score>6.5</cvss3_base_score>',
    ),
)}${host(
  '10.20.0.12',
  'ws-0012.stmary.local',
  item(
    443,
    'www',
    2,
    104743,
    'TLS Version 1.0 Protocol Detection',
    '<cvss3_base_score>6.5</cvss3_base_score>',
  ) + item(0, 'general', 0, 19506, 'Nessus Scan Information', ''),
)}
</Report>
</NessusClientData_v2>
`;

// Builds the hosts of a generated Nessus scan and writes them in the .nessus v2 layout
// (NessusClientData_v2 > Policy, Report > ReportHost > HostProperties, ReportItem), the way
// Nessus exports it: one element per line, ReportItem children in alphabetical order with
// plugin_output last.
import { HOST_PROFILES } from './scan-host-profiles.ts';
import type { ServicePort } from './scan-host-services.ts';
import { nessusDate, RISK_FACTORS } from './scan-nessus-plugin.ts';
import type { NessusPlugin, PluginHost } from './scan-nessus-plugin.ts';
import {
  hexByte,
  intBetween,
  mixSeed,
  mulberry32,
  pick,
  pickWeighted,
  sampleWeighted,
  unitHash,
} from './scan-random.ts';

export const DEMO_DOMAIN = 'northfield.hospital.example';
export const NESSUS_POLICY = 'Advanced Network Scan (safe checks)';

export interface NessusHostPlan {
  seed: number;
  index: number;
  subnet: string;
  findingsPerHost: number | readonly [number, number];
  dropFindings: number;
  startedAt: Date;
}

export interface GeneratedFinding {
  plugin: NessusPlugin;
  port: ServicePort | null;
  output: string | null;
}

export interface GeneratedNessusHost extends PluginHost {
  /** Every MAC address of the host, first one first (Nessus lists one per line). */
  macs: string[];
  endedAt: Date;
  findings: GeneratedFinding[];
}

/** Host `index` of subnet "10.20": 250 hosts per /24, .5 to .254 (.1 is the gateway, the scanner sits in .0.x). */
export function hostIp(subnet: string, index: number): string {
  if (!/^\d{1,3}\.\d{1,3}$/.test(subnet))
    throw new Error(`subnet must be two octets like "10.20", got "${subnet}"`);
  const third = 1 + Math.floor(index / 250);
  if (third > 254) throw new Error('at most 63,500 hosts per subnet');
  return `${subnet}.${third}.${5 + (index % 250)}`;
}

/** Relative chance of a plugin being picked when a host has more candidates than findings. */
const WEIGHT_BY_SEVERITY = [3, 2, 3, 2, 1.5];

/** One host, fixed by (seed, index) alone: filtering or dropping elsewhere never changes it. */
export function planNessusHost(
  plan: NessusHostPlan,
  catalog: readonly NessusPlugin[],
): GeneratedNessusHost {
  const random = mulberry32(mixSeed(plan.seed, plan.index));
  const profile = pickWeighted(
    random,
    HOST_PROFILES.map((p) => [p, p.weight] as const),
  );
  const stem = pick(random, profile.names);
  const name = profile.netbios
    ? `${stem}-${String(plan.index).padStart(3, '0')}`
    : `${stem}-${plan.index}`;
  const fqdn = random() < profile.dns ? `${name.toLowerCase()}.${DEMO_DOMAIN}` : null;
  const [oui, vendor] = pick(random, profile.macs);
  const mac = () => `${oui}:${hexByte(random)}:${hexByte(random)}:${hexByte(random)}`.toLowerCase();
  const macs = [mac()];
  if (profile.tags.includes('winserver') && random() < 0.3) macs.push(mac());
  const startedAt = new Date(plan.startedAt.getTime() + plan.index * 5_000);
  const host: GeneratedNessusHost = {
    ip: hostIp(plan.subnet, plan.index),
    fqdn,
    netbios: profile.netbios ? name.toUpperCase().slice(0, 15) : null,
    mac: macs[0] as string,
    macVendor: vendor,
    profile,
    startedAt,
    endedAt: new Date(startedAt.getTime() + intBetween(random, 120, 900) * 1000),
    macs,
    findings: [],
  };

  const wanted =
    typeof plan.findingsPerHost === 'number'
      ? plan.findingsPerHost
      : intBetween(random, ...plan.findingsPerHost);
  const candidates = catalog.flatMap((plugin) =>
    instances(plugin, host).map((port) => ({ plugin, port })),
  );
  const chosen = sampleWeighted(
    random,
    candidates,
    (c) => WEIGHT_BY_SEVERITY[c.plugin.severity] ?? 1,
    wanted,
  );
  chosen.sort((a, b) => (a.port?.port ?? 0) - (b.port?.port ?? 0) || a.plugin.id - b.plugin.id);
  for (const { plugin, port } of chosen) {
    const key = [plan.seed, plan.index, plugin.id, port?.port ?? 0];
    // A fix between two scans: decided per finding, so a larger fraction drops a superset.
    if (plan.dropFindings > 0 && unitHash(...key, 0xf1) < plan.dropFindings) continue;
    const output = plugin.output?.({ host, port, random: mulberry32(mixSeed(...key)) }) ?? null;
    host.findings.push({ plugin, port, output });
  }
  return host;
}

/** Where a plugin fires on a host: null for the host itself (port 0), else each matching port. */
function instances(plugin: NessusPlugin, host: PluginHost): (ServicePort | null)[] {
  if (plugin.hosts && !plugin.hosts.some((tag) => host.profile.tags.includes(tag))) return [];
  if (plugin.when && !plugin.when(host)) return [];
  if (plugin.on === 'host') return [null];
  const on = plugin.on;
  return host.profile.services.filter((s) => {
    if (plugin.ports && !plugin.ports.includes(s.port)) return false;
    if (on === 'each-tcp') return s.protocol === 'tcp';
    if (on === 'each-udp') return s.protocol === 'udp';
    return s.kinds.some((kind) => on.includes(kind));
  });
}

/** XML 1.0 section 2.4: & and < must be escaped in text; " too inside attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;',
  );
}

const element = (name: string, text: string): string => `<${name}>${escapeXml(text)}</${name}>\n`;

export function nessusHeader(opts: {
  scanName: string;
  targets: string;
  pluginIds: readonly number[];
}): string {
  const pref = (name: string, value: string) =>
    `<preference><name>${name}</name><value>${escapeXml(value)}</value></preference>\n`;
  return (
    '<?xml version="1.0" ?>\n<NessusClientData_v2>\n<Policy><policyName>' +
    escapeXml(NESSUS_POLICY) +
    '</policyName>\n<Preferences><ServerPreferences>\n' +
    pref('plugin_set', opts.pluginIds.join(';')) +
    pref('TARGET', opts.targets) +
    pref('port_range', 'default') +
    pref('safe_checks', 'yes') +
    pref('max_hosts', '30') +
    pref('scan_name', opts.scanName) +
    '</ServerPreferences><PluginsPreferences>\n<item><pluginName>Ping the remote host</pluginName><pluginId>10180</pluginId>' +
    '<fullName>Ping the remote host[entry]:TCP ping destination port(s) :</fullName><preferenceName>TCP ping destination port(s) :</preferenceName>' +
    '<preferenceType>entry</preferenceType><preferenceValues>built-in</preferenceValues><selectedValue>built-in</selectedValue></item>\n' +
    '</PluginsPreferences></Preferences>\n<FamilySelection>\n' +
    [
      'Windows',
      'General',
      'Misc.',
      'Web Servers',
      'Service detection',
      'SNMP',
      'FTP',
      'DNS',
      'Settings',
      'Port scanners',
    ]
      .map(
        (family) =>
          `<FamilyItem><FamilyName>${escapeXml(family)}</FamilyName><Status>enabled</Status></FamilyItem>\n`,
      )
      .join('') +
    '</FamilySelection>\n</Policy>\n' +
    `<Report name="${escapeXml(opts.scanName)}" xmlns:cm="http://www.nessus.org/cm">\n`
  );
}

export const NESSUS_FOOTER = '</Report>\n</NessusClientData_v2>\n';

export function reportHostXml(host: GeneratedNessusHost): string {
  const p = host.profile;
  const windows = p.tags.includes('windows');
  const tags: [string, string][] = [
    ['HOST_END_TIMESTAMP', String(host.endedAt.getTime() / 1000)],
    ['HOST_END', nessusDate(host.endedAt)],
    ['Credentialed_Scan', 'false'],
    ['policy-used', NESSUS_POLICY],
    ['os', windows ? 'windows' : p.tags.includes('linux') ? 'linux' : 'other'],
    ['system-type', p.systemType],
    ['operating-system', p.os],
    [
      'operating-system-method',
      windows ? 'SMB' : p.systemType === 'general-purpose' ? 'SinFP' : 'SNMP',
    ],
    ['operating-system-conf', String(p.nmapOs.accuracy)],
    ['traceroute-hop-0', host.ip.replace(/\.\d+$/, '.1')],
    ['traceroute-hop-1', host.ip],
  ];
  if (host.fqdn) tags.push(['host-fqdn', host.fqdn], ['host-rdns', host.fqdn]);
  if (host.netbios) tags.push(['netbios-name', host.netbios]);
  tags.push(
    ['mac-address', host.macs.join('\n')],
    ['host-ip', host.ip],
    ['HOST_START_TIMESTAMP', String(host.startedAt.getTime() / 1000)],
    ['HOST_START', nessusDate(host.startedAt)],
  );
  const parts = [`<ReportHost name="${host.ip}"><HostProperties>\n`];
  for (const [name, value] of tags) parts.push(`<tag name="${name}">${escapeXml(value)}</tag>\n`);
  parts.push('</HostProperties>\n');
  for (const finding of host.findings) parts.push(reportItemXml(finding));
  parts.push('</ReportHost>\n');
  return parts.join('');
}

function reportItemXml({ plugin, port, output }: GeneratedFinding): string {
  const attrs =
    `port="${port?.port ?? 0}" svc_name="${port?.svc ?? 'general'}" protocol="${port?.protocol ?? plugin.hostProtocol ?? 'tcp'}" ` +
    `severity="${plugin.severity}" pluginID="${plugin.id}" pluginName="${escapeXml(plugin.name)}" pluginFamily="${escapeXml(plugin.family)}"`;
  const parts = [`<ReportItem ${attrs}>\n`];
  if (plugin.cvss3)
    parts.push(
      element('cvss3_base_score', plugin.cvss3[0].toFixed(1)),
      element('cvss3_vector', plugin.cvss3[1]),
    );
  if (plugin.cvss2)
    parts.push(
      element('cvss_base_score', plugin.cvss2[0].toFixed(1)),
      element('cvss_vector', plugin.cvss2[1]),
    );
  for (const cve of plugin.cves ?? []) parts.push(element('cve', cve));
  for (const cwe of plugin.cwes ?? []) parts.push(element('cwe', String(cwe)));
  parts.push(
    element('description', plugin.description),
    element(
      'fname',
      `${plugin.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '_')
        .slice(0, 40)
        .replace(/^_|_$/g, '')}.nasl`,
    ),
    element('plugin_modification_date', '2025/11/04'),
    element('plugin_name', plugin.name),
    element('plugin_type', plugin.on === 'host' ? 'combined' : 'remote'),
    element('risk_factor', RISK_FACTORS[plugin.severity]),
  );
  if (plugin.seeAlso) parts.push(element('see_also', plugin.seeAlso.join('\n')));
  parts.push(element('solution', plugin.solution), element('synopsis', plugin.synopsis));
  if (output !== null) parts.push(element('plugin_output', output));
  parts.push('</ReportItem>\n');
  return parts.join('');
}

// Deterministic Nessus (.nessus v2) and Nmap (-oX) files of a made-up hospital network, for the
// demo, tests and benchmarks. Each generator can also return what a correct reader must find
// in the file (`expected`), so parser tests compare against the generator's own intent.
import type { Severity } from '../api-types.ts';
import type { ScanHost, ScanHostResult, ScanInfo, ScanIssue } from '../core/scans/scan-types.ts';
import { CLINICAL_PLUGINS } from './scan-nessus-plugins-clinical.ts';
import { DETECTION_PLUGINS } from './scan-nessus-plugins-detection.ts';
import { GENERAL_PLUGINS } from './scan-nessus-plugins-general.ts';
import { SERVICE_PLUGINS } from './scan-nessus-plugins-services.ts';
import { WEB_AND_MANAGEMENT_PLUGINS } from './scan-nessus-plugins-web.ts';
import { WINDOWS_PLUGINS } from './scan-nessus-plugins-windows.ts';
import { nessusDate } from './scan-nessus-plugin.ts';
import type { NessusPlugin } from './scan-nessus-plugin.ts';
import {
  NESSUS_FOOTER,
  NESSUS_POLICY,
  nessusHeader,
  planNessusHost,
  reportHostXml,
} from './scan-nessus-writer.ts';
import type { GeneratedFinding, GeneratedNessusHost } from './scan-nessus-writer.ts';
import { nmapHostXml, planNmapHost } from './scan-nmap-writer.ts';
import type { GeneratedNmapHost } from './scan-nmap-writer.ts';

export type { NessusPlugin } from './scan-nessus-plugin.ts';

/** Every plugin the Nessus generator can report. */
export const NESSUS_CATALOG: readonly NessusPlugin[] = [
  ...GENERAL_PLUGINS,
  ...DETECTION_PLUGINS,
  ...WINDOWS_PLUGINS,
  ...SERVICE_PLUGINS,
  ...WEB_AND_MANAGEMENT_PLUGINS,
  ...CLINICAL_PLUGINS,
];

/** Scans start on this date unless told otherwise, so files are identical from run to run. */
const DEFAULT_START = new Date('2026-01-12T21:00:00Z');

export interface NessusGeneratorOptions {
  seed: number;
  hosts: number;
  /** Findings per host, or a [min, max] range. A host reports at most the plugins that fit it (at least 25 for every host kind). */
  findingsPerHost: number | readonly [number, number];
  /** First two octets, e.g. '10.20' (the default). */
  subnet?: string;
  scanName?: string;
  /** Keeps host i only when true; the other hosts are unchanged (same addresses and findings). */
  hostFilter?: (i: number) => boolean;
  /** Fraction of findings to leave out, to simulate fixes on a re-scan; a larger fraction drops a superset. */
  dropFindings?: number;
  startedAt?: Date;
}

export interface NmapGeneratorOptions {
  seed: number;
  hosts: number;
  subnet?: string;
  /** Open TCP ports per host, capped by the services the host kind runs. Default [2, 8]. */
  portsPerHost?: readonly [number, number];
  /** Adds NSE results: vulners, ssl-enum-ciphers, smb2-security-mode, smb-vuln-ms17-010. */
  withScripts?: boolean;
  startedAt?: Date;
}

/** What a reader must produce for a generated Nmap issue (titles are checked for ports only). */
export type ExpectedNmapIssue = Pick<
  ScanIssue,
  'toolId' | 'severity' | 'cvssScore' | 'cves' | 'port' | 'protocol' | 'service'
> & { title?: string };

const SEVERITIES: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

function nessusHosts(opts: NessusGeneratorOptions): Generator<GeneratedNessusHost> {
  const plan = {
    seed: opts.seed,
    subnet: opts.subnet ?? '10.20',
    findingsPerHost: opts.findingsPerHost,
    dropFindings: opts.dropFindings ?? 0,
    // Whole seconds: HOST_START_TIMESTAMP is in seconds.
    startedAt: new Date(Math.floor((opts.startedAt ?? DEFAULT_START).getTime() / 1000) * 1000),
  };
  return (function* () {
    for (let index = 0; index < opts.hosts; index++) {
      if (opts.hostFilter && !opts.hostFilter(index)) continue;
      yield planNessusHost({ ...plan, index }, NESSUS_CATALOG);
    }
  })();
}

/**
 * The .nessus file in pieces (header, one ReportHost per piece, footer), for files too large
 * to build as one string: the benchmark streams 50,000 findings to disk this way.
 */
export function* generateNessusChunks(opts: NessusGeneratorOptions): Generator<string> {
  const subnet = opts.subnet ?? '10.20';
  yield nessusHeader({
    scanName: opts.scanName ?? 'Internal vulnerability scan',
    targets: `${subnet}.0.0/16`,
    pluginIds: NESSUS_CATALOG.map((p) => p.id),
  });
  for (const host of nessusHosts(opts)) yield reportHostXml(host);
  yield NESSUS_FOOTER;
}

export function generateNessusFile(opts: NessusGeneratorOptions): string {
  return [...generateNessusChunks(opts)].join('');
}

/** The file and what a correct Nessus reader must return for it. */
export function generateNessus(opts: NessusGeneratorOptions): {
  xml: string;
  expected: { info: ScanInfo; hosts: ScanHostResult[] };
} {
  const hosts = [...nessusHosts(opts)];
  const subnet = opts.subnet ?? '10.20';
  const first = hosts.reduce<Date | null>(
    (min, h) => (min === null || h.startedAt < min ? h.startedAt : min),
    null,
  );
  return {
    xml: generateNessusFile(opts),
    expected: {
      info: {
        format: 'nessus',
        tool: 'nessus',
        startedAt: first,
        scope: `policy: ${NESSUS_POLICY}; targets: ${subnet}.0.0/16`,
        name: opts.scanName ?? 'Internal vulnerability scan',
      },
      hosts: hosts.map((h) => ({
        host: expectedNessusHost(h),
        issues: h.findings.map(expectedNessusIssue),
      })),
    },
  };
}

function expectedNessusHost(h: GeneratedNessusHost): ScanHost {
  const osLines = h.profile.os.split('\n');
  const extra: Record<string, string> = {
    'report-host': h.ip,
    'system-type': h.profile.systemType,
    'operating-system-method': h.profile.tags.includes('windows')
      ? 'SMB'
      : h.profile.systemType === 'general-purpose'
        ? 'SinFP'
        : 'SNMP',
    Credentialed_Scan: 'false',
    HOST_START: nessusDate(h.startedAt),
    HOST_END: nessusDate(h.endedAt),
  };
  if (h.fqdn) extra['host-rdns'] = h.fqdn;
  if (h.netbios) extra['netbios-name'] = h.netbios;
  if (h.macs.length > 1) extra['mac-address'] = h.macs.join(' ');
  if (osLines.length > 1) extra['operating-system'] = h.profile.os;
  return {
    ip: h.ip,
    mac: h.mac,
    hostnames: h.fqdn ? [h.fqdn] : [],
    fqdn: h.fqdn,
    os: osLines[0] ?? null,
    extra,
  };
}

function expectedNessusIssue({ plugin, port, output }: GeneratedFinding): ScanIssue {
  const cvss = plugin.cvss3 ?? plugin.cvss2;
  return {
    toolId: String(plugin.id),
    title: plugin.name,
    description: `${plugin.synopsis}\n\n${plugin.description}`,
    solution: plugin.solution === 'n/a' ? null : plugin.solution,
    severity: SEVERITIES[plugin.severity] as Severity,
    cvssScore: cvss?.[0] ?? null,
    cvssVector: cvss?.[1] ?? null,
    cves: [...(plugin.cves ?? [])],
    cwes: (plugin.cwes ?? []).map((c) => `CWE-${c}`),
    port: port?.port ?? null,
    protocol: port?.protocol ?? null,
    service: port?.svc ?? null,
    // Readers trim the whitespace around element text (Nessus often starts output with a newline).
    evidence: output?.trim() || null,
    references: [...(plugin.seeAlso ?? [])],
  };
}

function nmapHosts(opts: NmapGeneratorOptions): GeneratedNmapHost[] {
  const startedAt = new Date(Math.floor((opts.startedAt ?? DEFAULT_START).getTime() / 1000) * 1000);
  const plan = {
    seed: opts.seed,
    subnet: opts.subnet ?? '10.40',
    portsPerHost: opts.portsPerHost ?? ([2, 8] as const),
    withScripts: opts.withScripts ?? false,
    startedAt,
  };
  return Array.from({ length: opts.hosts }, (_, index) => planNmapHost({ ...plan, index }));
}

export function generateNmapXml(opts: NmapGeneratorOptions): string {
  return generateNmap(opts).xml;
}

/** The Nmap XML and what a correct reader must return: up hosts only, open ports and script results. */
export function generateNmap(opts: NmapGeneratorOptions): {
  xml: string;
  expected: {
    info: ScanInfo;
    hosts: (Omit<ScanHostResult, 'issues'> & { issues: ExpectedNmapIssue[] })[];
  };
} {
  const hosts = nmapHosts(opts);
  const subnet = opts.subnet ?? '10.40';
  const start = Math.floor((opts.startedAt ?? DEFAULT_START).getTime() / 1000);
  const scripts = opts.withScripts
    ? ' --script vulners,ssl-enum-ciphers,smb2-security-mode,smb-vuln-ms17-010'
    : '';
  const args = `nmap -sT -sV --version-light -Pn --top-ports 1000 --exclude-ports 9100-9107 --max-rate 10${scripts} -oX scan.xml ${subnet}.0.0/16`;
  const startstr = nessusDate(new Date(start * 1000));
  const up = hosts.filter((h) => h.up).length;
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE nmaprun>\n<?xml-stylesheet href="file:///usr/bin/../share/nmap/nmap.xsl" type="text/xsl"?>\n' +
    // '--' may not appear inside an XML comment; Nmap writes the second dash as &#45; there.
    `<!-- Nmap 7.94 scan initiated ${startstr} as: ${args.replace(/--/g, '-&#45;')} -->\n` +
    `<nmaprun scanner="nmap" args="${args}" start="${start}" startstr="${startstr}" version="7.94" xmloutputversion="1.05">\n` +
    '<scaninfo type="connect" protocol="tcp" numservices="999" services="1-9099,9108-65535"/>\n<verbose level="0"/>\n<debugging level="0"/>\n' +
    hosts.map(nmapHostXml).join('') +
    `<runstats><finished time="${start + 600}" timestr="${nessusDate(new Date((start + 600) * 1000))}" elapsed="600.00" exit="success"/>` +
    `<hosts up="${up}" down="${hosts.length - up}" total="${hosts.length}"/>\n</runstats>\n</nmaprun>\n`;
  return {
    xml,
    expected: {
      info: {
        format: 'nmap',
        tool: 'nmap',
        startedAt: new Date(start * 1000),
        scope: args,
        name: null,
      },
      hosts: hosts
        .filter((h) => h.up)
        .map((h) => ({ host: expectedNmapHost(h), issues: expectedNmapIssues(h) })),
    },
  };
}

function expectedNmapHost(h: GeneratedNmapHost): ScanHost {
  const extra: Record<string, string> = {
    'mac-vendor': h.macVendor,
    'status-reason': 'arp-response',
  };
  if (h.open.length) extra['os-accuracy'] = String(h.profile.nmapOs.accuracy);
  return {
    ip: h.ip,
    mac: h.mac.toLowerCase(),
    hostnames: h.ptr ? [h.ptr] : [],
    fqdn: h.ptr,
    os: h.open.length ? h.profile.nmapOs.name : null,
    extra,
  };
}

function expectedNmapIssues(h: GeneratedNmapHost): ExpectedNmapIssue[] {
  const issues: ExpectedNmapIssue[] = [];
  for (const port of h.open) {
    const n = port.nmap;
    const service = n.tunnel === 'ssl' ? `ssl/${n.name}` : n.name;
    const software = [n.product, n.version].filter(Boolean).join(' ');
    const where = { port: port.port, protocol: 'tcp', service };
    issues.push({
      toolId: `port/tcp/${port.port}`,
      title: `Open port ${port.port}/tcp (${service}${software ? `: ${software}` : ''})`,
      severity: 'info',
      cvssScore: null,
      cves: [],
      ...where,
    });
    for (const script of h.portScripts.get(port.port) ?? [])
      issues.push({ toolId: `script/${script.id}`, ...script.expect, ...where });
  }
  for (const script of h.hostScripts)
    issues.push({
      toolId: `script/${script.id}`,
      ...script.expect,
      port: null,
      protocol: null,
      service: null,
    });
  return issues;
}

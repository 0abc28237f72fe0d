// Builds the hosts of a generated Nmap scan and writes them as Nmap's XML output (-oX), with
// the elements nmap.dtd defines: host > status, address, hostnames, ports > port > state,
// service > cpe, script; hostscript; os > osmatch > osclass.
import type { Severity } from '../api-types.ts';
import { HOST_PROFILES } from './scan-host-profiles.ts';
import type { HostProfile, ServicePort } from './scan-host-services.ts';
import { DEMO_DOMAIN, escapeXml, hostIp } from './scan-nessus-writer.ts';
import {
  hexByte,
  intBetween,
  mixSeed,
  mulberry32,
  pick,
  pickWeighted,
  sampleWeighted,
} from './scan-random.ts';

/** What the vulners script would list for a CPE: [id, CVSS score, exploit published]. */
export const VULNERS: Readonly<Record<string, readonly (readonly [string, number, boolean])[]>> = {
  'cpe:/a:openbsd:openssh:8.2p1': [
    ['CVE-2023-38408', 9.8, false],
    ['PACKETSTORM:173661', 9.8, true],
    ['CVE-2020-15778', 7.8, false],
    ['CVE-2021-41617', 7.0, false],
    ['CVE-2023-48795', 5.9, false],
  ],
  'cpe:/a:openbsd:openssh:7.6p1': [
    ['CVE-2023-38408', 9.8, false],
    ['CVE-2021-41617', 7.0, false],
    ['CVE-2023-48795', 5.9, false],
    ['CVE-2018-15473', 5.3, false],
    ['EDB-ID:45233', 5.3, true],
  ],
  'cpe:/a:openbsd:openssh:7.4': [
    ['CVE-2023-38408', 9.8, false],
    ['CVE-2021-41617', 7.0, false],
    ['CVE-2018-15473', 5.3, false],
  ],
  'cpe:/a:apache:http_server:2.4.41': [
    ['CVE-2021-44790', 9.8, false],
    ['CVE-2022-22720', 9.8, false],
    ['CVE-2023-25690', 9.8, false],
    ['CVE-2021-40438', 9.0, false],
    ['1337DAY-ID-37030', 9.0, true],
  ],
  'cpe:/a:apache:tomcat:9.0.30': [
    ['CVE-2020-1938', 9.8, false],
    ['CVE-2020-9484', 7.0, false],
    ['CVE-2021-25329', 7.0, false],
  ],
  'cpe:/a:igor_sysoev:nginx:1.14.0': [
    ['CVE-2019-9511', 7.5, false],
    ['CVE-2019-9513', 7.5, false],
    ['CVE-2019-20372', 5.3, false],
  ],
  'cpe:/a:lighttpd:lighttpd:1.4.35': [
    ['CVE-2018-19052', 7.5, false],
    ['CVE-2015-3200', 5.0, false],
  ],
  'cpe:/a:matt_johnston:dropbear_ssh_server:2015.67': [
    ['CVE-2016-7406', 9.8, false],
    ['CVE-2016-7407', 9.8, false],
    ['CVE-2017-9078', 8.8, false],
  ],
};

/** An NSE result: its output attribute, its structured XML, and what a reader should make of it. */
export interface NmapScript {
  id: string;
  output: string;
  xml: string;
  expect: { severity: Severity; cvssScore: number | null; cves: string[] };
}

export interface GeneratedNmapHost {
  up: boolean;
  ip: string;
  mac: string;
  macVendor: string;
  ptr: string | null;
  profile: HostProfile;
  open: ServicePort[];
  portScripts: Map<number, NmapScript[]>;
  hostScripts: NmapScript[];
  startedAt: Date;
}

export function planNmapHost(plan: {
  seed: number;
  index: number;
  subnet: string;
  portsPerHost: readonly [number, number];
  withScripts: boolean;
  startedAt: Date;
}): GeneratedNmapHost {
  const random = mulberry32(mixSeed(plan.seed, plan.index, 0x6e6d6170));
  const profile = pickWeighted(
    random,
    HOST_PROFILES.map((p) => [p, p.weight] as const),
  );
  const [oui, vendor] = pick(random, profile.macs);
  const stem = pick(random, profile.names);
  const ptr = random() < profile.dns ? `${stem.toLowerCase()}-${plan.index}.${DEMO_DOMAIN}` : null;
  const tcp = profile.services.filter((s) => s.protocol === 'tcp');
  const count = Math.min(tcp.length, intBetween(random, ...plan.portsPerHost));
  const open = sampleWeighted(random, tcp, () => 1, count).sort((a, b) => a.port - b.port);
  const host: GeneratedNmapHost = {
    up: random() < 0.85,
    ip: hostIp(plan.subnet, plan.index),
    mac: `${oui}:${hexByte(random)}:${hexByte(random)}:${hexByte(random)}`.toUpperCase(),
    macVendor: vendor,
    ptr,
    profile,
    open,
    portScripts: new Map(),
    hostScripts: [],
    startedAt: new Date(plan.startedAt.getTime() + plan.index * 2_000),
  };
  if (plan.withScripts) addScripts(host);
  return host;
}

function addScripts(host: GeneratedNmapHost): void {
  for (const port of host.open) {
    const scripts: NmapScript[] = [];
    const entries = port.nmap.cpe ? VULNERS[port.nmap.cpe] : undefined;
    if (entries) scripts.push(vulnersScript(port.nmap.cpe as string, entries));
    if (port.kinds.includes('tls'))
      scripts.push(
        sslEnumCiphers(
          host.profile.tags.includes('rtos') || host.profile.tags.includes('legacy-win'),
        ),
      );
    if (scripts.length) host.portScripts.set(port.port, scripts);
  }
  if (host.open.some((p) => p.port === 445)) {
    const signing = '\n  3:1:1: \n    Message signing enabled but not required';
    host.hostScripts.push({
      id: 'smb2-security-mode',
      output: signing,
      xml: `<table key="3:1:1">\n<elem>Message signing enabled but not required</elem>\n</table>\n`,
      expect: { severity: 'info', cvssScore: null, cves: [] },
    });
    if (host.profile.tags.includes('legacy-win')) host.hostScripts.push(ms17010());
  }
}

function vulnersScript(
  cpe: string,
  entries: readonly (readonly [string, number, boolean])[],
): NmapScript {
  const kind = (id: string) =>
    id.startsWith('CVE-') ? 'cve' : (id.split(/[:-]/)[0]?.toLowerCase() ?? 'unknown');
  const lines = entries.map(
    ([id, score, exploit]) =>
      `    \t${id}\t${score.toFixed(1)}\thttps://vulners.com/${kind(id)}/${id}${exploit ? '\t*EXPLOIT*' : ''}`,
  );
  const rows = entries
    .map(
      ([id, score, exploit]) =>
        `<table>\n<elem key="id">${id}</elem>\n<elem key="cvss">${score.toFixed(1)}</elem>\n<elem key="type">${kind(id)}</elem>\n<elem key="is_exploit">${exploit}</elem>\n</table>\n`,
    )
    .join('');
  const max = Math.max(...entries.map(([, score]) => score));
  return {
    id: 'vulners',
    output: `\n  ${cpe}: \n${lines.join('\n')}`,
    xml: `<table key="${cpe}">\n${rows}</table>\n`,
    expect: {
      severity: max >= 9 ? 'critical' : max >= 7 ? 'high' : max >= 4 ? 'medium' : 'low',
      cvssScore: max,
      cves: entries.map(([id]) => id).filter((id) => id.startsWith('CVE-')),
    },
  };
}

function sslEnumCiphers(weak: boolean): NmapScript {
  const tls10 = weak
    ? '  TLSv1.0: \n    ciphers: \n      TLS_RSA_WITH_3DES_EDE_CBC_SHA (rsa 2048) - C\n      TLS_RSA_WITH_RC4_128_SHA (rsa 2048) - C\n    compressors: \n      NULL\n    cipher preference: server\n    warnings: \n      64-bit block cipher 3DES vulnerable to SWEET32 attack\n      Broken cipher RC4 is deprecated by RFC 7465\n'
    : '';
  const output = `\n${tls10}  TLSv1.2: \n    ciphers: \n      TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 (secp256r1) - A\n      TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (secp256r1) - A\n    compressors: \n      NULL\n    cipher preference: server\n  least strength: ${weak ? 'C' : 'A'}`;
  return {
    id: 'ssl-enum-ciphers',
    output,
    xml: `<elem key="least strength">${weak ? 'C' : 'A'}</elem>\n`,
    expect: { severity: 'info', cvssScore: null, cves: [] },
  };
}

function ms17010(): NmapScript {
  const output =
    '\n  VULNERABLE:\n  Remote Code Execution vulnerability in Microsoft SMBv1 servers (ms17-010)\n    State: VULNERABLE\n    IDs:  CVE:CVE-2017-0143\n    Risk factor: HIGH\n' +
    '      A critical remote code execution vulnerability exists in Microsoft SMBv1\n       servers (ms17-010).\n           \n    Disclosure date: 2017-03-14\n    References:\n' +
    '      https://technet.microsoft.com/en-us/library/security/ms17-010.aspx\n      https://cve.mitre.org/cgi-bin/cvename.cgi?name=CVE-2017-0143\n';
  return {
    id: 'smb-vuln-ms17-010',
    output,
    xml: '<table key="CVE-2017-0143">\n<elem key="title">Remote Code Execution vulnerability in Microsoft SMBv1 servers (ms17-010)</elem>\n<elem key="state">VULNERABLE</elem>\n</table>\n',
    expect: { severity: 'high', cvssScore: null, cves: ['CVE-2017-0143'] },
  };
}

/** One <host> element. Ports beyond the open ones are summarised in <extraports>, as Nmap does. */
export function nmapHostXml(host: GeneratedNmapHost): string {
  const start = Math.floor(host.startedAt.getTime() / 1000);
  const address = `<address addr="${host.ip}" addrtype="ipv4"/>\n`;
  if (!host.up) {
    return `<host><status state="down" reason="no-response" reason_ttl="0"/>\n${address}<hostnames>\n</hostnames>\n<times srtt="-1" rttvar="-1" to="1000000"/>\n</host>\n`;
  }
  const parts = [
    `<host starttime="${start}" endtime="${start + 40}"><status state="up" reason="arp-response" reason_ttl="0"/>\n`,
    address,
    `<address addr="${host.mac}" addrtype="mac" vendor="${escapeXml(host.macVendor)}"/>\n<hostnames>\n`,
    host.ptr ? `<hostname name="${host.ptr}" type="PTR"/>\n` : '',
    `</hostnames>\n<ports><extraports state="closed" count="${999 - host.open.length - 2}">\n<extrareasons reason="reset" count="${999 - host.open.length - 2}" proto="tcp" ports="1-20"/>\n</extraports>\n`,
  ];
  // Ports in numeric order, as Nmap lists them; one closed and one filtered port besides the open ones.
  const listed: [number, string][] = [
    [
      113,
      '<port protocol="tcp" portid="113"><state state="closed" reason="reset" reason_ttl="64"/><service name="ident" method="table" conf="3"/></port>\n',
    ],
    [
      8443,
      '<port protocol="tcp" portid="8443"><state state="filtered" reason="no-response" reason_ttl="0"/><service name="https-alt" method="table" conf="3"/></port>\n',
    ],
    ...host.open.map((port): [number, string] => [
      port.port,
      portXml(port, host.portScripts.get(port.port) ?? []),
    ]),
  ];
  for (const [, xml] of listed.sort((a, b) => a[0] - b[0])) parts.push(xml);
  parts.push('</ports>\n');
  if (host.hostScripts.length)
    parts.push(`<hostscript>${host.hostScripts.map(scriptXml).join('')}</hostscript>\n`);
  const os = host.profile.nmapOs;
  if (host.open.length) {
    parts.push(
      `<os><portused state="open" proto="tcp" portid="${host.open[0]?.port}"/>\n`,
      `<osmatch name="${escapeXml(os.name)}" accuracy="${os.accuracy}" line="1001">\n<osclass type="${host.profile.systemType}" accuracy="${os.accuracy}"/>\n</osmatch>\n</os>\n`,
    );
  }
  parts.push(`<times srtt="1820" rttvar="640" to="100000"/>\n</host>\n`);
  return parts.join('');
}

function portXml(port: ServicePort, scripts: NmapScript[]): string {
  const n = port.nmap;
  const attrs = [
    `name="${n.name}"`,
    n.product ? `product="${escapeXml(n.product)}"` : '',
    n.version ? `version="${escapeXml(n.version)}"` : '',
    n.extrainfo ? `extrainfo="${escapeXml(n.extrainfo)}"` : '',
    n.tunnel ? `tunnel="${n.tunnel}"` : '',
    n.product ? 'method="probed" conf="10"' : 'method="table" conf="3"',
  ].filter(Boolean);
  const service = n.cpe
    ? `<service ${attrs.join(' ')}><cpe>${n.cpe}</cpe></service>`
    : `<service ${attrs.join(' ')}/>`;
  return `<port protocol="tcp" portid="${port.port}"><state state="open" reason="syn-ack" reason_ttl="64"/>${service}${scripts.map(scriptXml).join('')}</port>\n`;
}

/** NSE output goes in an attribute, so newlines must be character references (XML 1.0 section 3.3.3). */
function scriptXml(script: NmapScript): string {
  const output = escapeXml(script.output).replace(/\n/g, '&#xa;').replace(/\t/g, '&#x9;');
  return `<script id="${script.id}" output="${output}">${script.xml}</script>`;
}

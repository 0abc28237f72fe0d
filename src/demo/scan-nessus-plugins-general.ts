// Host-level plugins of the generators' Nessus catalog: what every scan reports about a host
// (port 0: scan information, OS, device type, traceroute) and port discovery.
import { CVSS2, CVSS3 } from './scan-nessus-plugin.ts';
import type { NessusPlugin } from './scan-nessus-plugin.ts';

export const GENERAL_PLUGINS: readonly NessusPlugin[] = [
  {
    id: 19506,
    name: 'Nessus Scan Information',
    family: 'Settings',
    severity: 0,
    synopsis: 'This plugin displays information about the Nessus scan.',
    description:
      'This plugin displays, for each tested host, information about the scan itself: the plugin set, the port scanners used, whether credentialed checks ran, and the scan duration.',
    solution: 'n/a',
    on: 'host',
    output: ({ host }) =>
      `Information about this scan :\n\nNessus version : 10.7.2\nPlugin feed version : 202601120412\nScan type : Normal\nScanner IP : ${host.ip.replace(/\.\d+\.\d+$/, '.0.5')}\nPort scanner(s) : nessus_syn_scanner\nPort range : default\nThorough tests : no\nSafe checks : yes\nCredentialed checks : no\nScan Start Date : ${host.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  },
  {
    id: 11936,
    name: 'OS Identification',
    family: 'General',
    severity: 0,
    synopsis: 'It is possible to guess the remote operating system.',
    description:
      'Using a combination of remote probes (TCP/IP, SMB, HTTP, NTP, SNMP, etc.), it is possible to guess the name of the remote operating system in use.',
    solution: 'n/a',
    on: 'host',
    output: ({ host }) =>
      `Remote operating system : ${host.profile.os.split('\n')[0]}\nConfidence level : ${host.profile.nmapOs.accuracy}\nMethod : SinFP`,
  },
  {
    id: 54615,
    name: 'Device Type',
    family: 'General',
    severity: 0,
    synopsis: 'It is possible to guess the remote device type.',
    description:
      'Based on the remote operating system, it is possible to determine what the remote system type is (e.g. a printer, router, general-purpose computer).',
    solution: 'n/a',
    on: 'host',
    output: ({ host }) =>
      `Remote device type : ${host.profile.systemType}\nConfidence level : ${host.profile.nmapOs.accuracy}`,
  },
  {
    id: 35716,
    name: 'Ethernet Card Manufacturer Detection',
    family: 'Misc.',
    severity: 0,
    synopsis: 'The manufacturer can be identified from the Ethernet OUI.',
    description:
      'Each Ethernet MAC address starts with a 24-bit Organizationally Unique Identifier (OUI) registered by the IEEE to a manufacturer.',
    solution: 'n/a',
    seeAlso: ['https://standards.ieee.org/products-programs/regauth/'],
    on: 'host',
    output: ({ host }) =>
      `The following card manufacturers were identified :\n\n${host.mac.toUpperCase()} : ${host.macVendor}`,
  },
  {
    id: 10287,
    name: 'Traceroute Information',
    family: 'General',
    severity: 0,
    synopsis: 'It was possible to obtain traceroute information.',
    description: 'Makes a traceroute to the remote host.',
    solution: 'n/a',
    on: 'host',
    hostProtocol: 'udp',
    output: ({ host }) => {
      const scanner = host.ip.replace(/\.\d+\.\d+$/, '.0.5');
      return `For your information, here is the traceroute from ${scanner} to ${host.ip} :\n${scanner}\n${host.ip.replace(/\.\d+$/, '.1')}\n${host.ip}\n\nHop Count: 2`;
    },
  },
  {
    id: 25220,
    name: 'TCP/IP Timestamps Supported',
    family: 'General',
    severity: 0,
    synopsis: 'The remote service implements TCP timestamps.',
    description:
      'The remote host implements TCP timestamps, as defined by RFC 1323. A side effect of this feature is that the uptime of the remote host can sometimes be computed.',
    solution: 'n/a',
    seeAlso: ['http://www.ietf.org/rfc/rfc1323.txt'],
    on: 'host',
    hosts: ['linux', 'embedded', 'network'],
  },
  {
    id: 12053,
    name: 'Host Fully Qualified Domain Name (FQDN) Resolution',
    family: 'General',
    severity: 0,
    synopsis: 'It was possible to resolve the name of the remote host.',
    description:
      'Nessus was able to resolve the fully qualified domain name (FQDN) of the remote host.',
    solution: 'n/a',
    on: 'host',
    when: (host) => host.fqdn !== null,
    output: ({ host }) => `${host.ip} resolves as ${host.fqdn}.`,
  },
  {
    id: 10114,
    name: 'ICMP Timestamp Request Remote Date Disclosure',
    family: 'General',
    severity: 1,
    cvss2: [2.1, CVSS2.localConf],
    cves: ['CVE-1999-0524'],
    cwes: [200],
    synopsis: 'It is possible to determine the exact time set on the remote host.',
    description:
      'The remote host answers to an ICMP timestamp request. This allows an attacker to know the date that is set on the targeted machine, which may assist in defeating time-based authentication protocols.',
    solution:
      'Filter out the ICMP timestamp requests (13), and the outgoing ICMP timestamp replies (14).',
    on: 'host',
    hostProtocol: 'icmp',
    hosts: ['embedded', 'rtos', 'network', 'legacy-win'],
    output: ({ random }) =>
      `The difference between the local and remote clocks is ${Math.floor(random() * 120) - 60} seconds.`,
  },
  {
    id: 110723,
    name: 'Target Credential Status by Authentication Protocol - No Credentials Provided',
    family: 'Settings',
    severity: 0,
    synopsis:
      'Nessus was able to find common ports used for local checks, however, no credentials were provided in the scan policy.',
    description:
      'Nessus was not able to successfully authenticate directly to the remote target on an available authentication protocol because no credentials were provided for that protocol. Local checks were not run.',
    solution: 'n/a',
    on: 'host',
    hosts: ['windows', 'linux'],
  },
  {
    id: 11219,
    name: 'Nessus SYN scanner',
    family: 'Port scanners',
    severity: 0,
    synopsis: 'It is possible to determine which TCP ports are open.',
    description:
      'This plugin is a SYN half-open port scanner. It shall be reasonably quick even against a firewalled target.',
    solution: 'Protect your target with an IP filter.',
    on: 'each-tcp',
    output: ({ port }) => `Port ${port?.port}/tcp was found to be open`,
  },
  {
    id: 22964,
    name: 'Service Detection',
    family: 'Service detection',
    severity: 0,
    synopsis: 'The remote service could be identified.',
    description:
      'Nessus was able to identify the remote service by its banner or by looking at the error message it sends when it receives an HTTP request.',
    solution: 'n/a',
    on: 'each-tcp',
    output: ({ port }) => {
      const what = port?.nmap.name === 'http' ? 'web server' : `${port?.svc} server`;
      const article = /^[aeiou]/.test(what) ? 'An' : 'A';
      return `${article} ${what} is running on this port${port?.nmap.tunnel ? ' through TLS' : ''}.`;
    },
  },
  {
    id: 34277,
    name: 'Nessus UDP Scanner',
    family: 'Port scanners',
    severity: 0,
    synopsis: 'It is possible to determine which UDP ports are open.',
    description:
      'This plugin runs a UDP port scan: it sends protocol-specific probes and reports the ports that answered.',
    solution: 'Protect your target with an IP filter.',
    on: 'each-udp',
    output: ({ port }) => `Port ${port?.port}/udp was found to be open`,
  },
  {
    id: 201408,
    name: 'Canonical Ubuntu Linux SEoL (18.04.x)',
    family: 'General',
    severity: 4,
    cvss3: [10, CVSS3.critical10],
    cvss2: [10, CVSS2.complete],
    synopsis: 'An unsupported version of Canonical Ubuntu Linux is installed on the remote host.',
    description:
      'According to its version, Ubuntu Linux 18.04 is past its end of standard support. It no longer receives security updates without an Ubuntu Pro subscription, so it is likely to contain unpatched vulnerabilities.',
    solution:
      'Upgrade to a version of Ubuntu Linux that is currently supported, or enrol the host in extended security maintenance.',
    seeAlso: ['https://ubuntu.com/about/release-cycle'],
    on: 'host',
    hosts: ['ubuntu-eol'],
    output: ({ host }) =>
      `OS                 : ${host.profile.os}\nSecurity End of Life : 2023-05-31\nTime since Security End of Life (Est.) : >= 2 years`,
  },
];

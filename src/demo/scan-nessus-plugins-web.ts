// Web and management-protocol plugins of the generators' Nessus catalog: web servers and
// Java applications, and the cleartext protocols device fleets keep enabled (Telnet, FTP,
// SNMP, VNC, IPMI, NTP), plus DNS, SMTP and LDAP detection.
import { CVSS2, CVSS3, hostLabel } from './scan-nessus-plugin.ts';
import type { NessusPlugin } from './scan-nessus-plugin.ts';

const WEB: readonly NessusPlugin[] = [
  {
    id: 11213,
    name: 'HTTP TRACE / TRACK Methods Allowed',
    family: 'Web Servers',
    severity: 2,
    cvss3: [5.3, CVSS3.medium53],
    cvss2: [5, CVSS2.partialConf],
    cves: ['CVE-2003-1567', 'CVE-2004-2320', 'CVE-2010-0386'],
    synopsis: 'Debugging functions are enabled on the remote web server.',
    description:
      'The remote web server supports the TRACE and/or TRACK methods, which are used to debug web server connections and can help cross-site tracing attacks steal cookies.',
    solution: 'Disable these HTTP methods.',
    on: ['http'],
    hosts: ['apache', 'nginx', 'embedded', 'rtos'],
    output: ({ host, port }) =>
      `To disable these methods, see the server documentation.\n\nNessus sent the following TRACE request :\n\nTRACE /Nessus1843614286.html HTTP/1.1\nHost: ${hostLabel(host)}:${port?.port}`,
  },
  {
    id: 185347,
    name: 'Apache 2.4.x < 2.4.58 Multiple Vulnerabilities',
    family: 'Web Servers',
    severity: 3,
    cvss3: [7.5, CVSS3.high75avail],
    cves: ['CVE-2023-31122', 'CVE-2023-43622', 'CVE-2023-45802'],
    synopsis: 'The remote web server is affected by multiple vulnerabilities.',
    description:
      'The version of Apache httpd installed on the remote host is prior to 2.4.58. It is affected by an out-of-bounds read in mod_macro, an HTTP/2 denial of service through an initial window size of 0, and memory growth from reset HTTP/2 streams.',
    solution: 'Upgrade to Apache version 2.4.58 or later.',
    seeAlso: ['https://httpd.apache.org/security/vulnerabilities_24.html'],
    on: ['http'],
    hosts: ['apache'],
    ports: [80, 443],
    output: ({ port }) =>
      `  URL               : ${port?.nmap.tunnel ? 'https' : 'http'}://host/\n  Installed version : ${port?.nmap.version}\n  Fixed version     : 2.4.58`,
  },
  {
    id: 134862,
    name: 'Apache Tomcat AJP Connector Request Injection (Ghostcat)',
    family: 'Web Servers',
    severity: 4,
    cvss3: [9.8, CVSS3.critical98],
    cvss2: [7.5, CVSS2.partialAll],
    cves: ['CVE-2020-1938'],
    synopsis: 'There is a vulnerable AJP connector listening on the remote host.',
    description:
      'A file read/inclusion vulnerability was found in the AJP connector. An unauthenticated attacker could read web application files, and where uploads are allowed, run code on the server.',
    solution:
      'Update the AJP configuration to require authorization and/or upgrade the Tomcat server to 7.0.100, 8.5.51, 9.0.31 or later.',
    seeAlso: ['https://www.chaitin.cn/en/ghostcat'],
    on: ['ajp'],
    hosts: ['tomcat'],
    output: () =>
      'Nessus was able to exploit the issue using the following request :\n\n0x0000:  02 02 00 08 48 54 54 50 2F 31 2E 31 00 00 0F 2F    ....HTTP/1.1.../',
  },
  {
    id: 155999,
    name: 'Apache Log4j < 2.15.0 Remote Code Execution (Log4Shell)',
    family: 'Misc.',
    severity: 4,
    cvss3: [10, CVSS3.critical10],
    cvss2: [9.3, 'CVSS2#AV:N/AC:M/Au:N/C:C/I:C/A:C'],
    cves: ['CVE-2021-44228', 'CVE-2021-45046'],
    cwes: [20, 400, 502],
    synopsis:
      'A package installed on the remote host is affected by a remote code execution vulnerability.',
    description:
      'The remote application uses Apache Log4j 2 prior to 2.15.0. JNDI lookups in logged data let an unauthenticated attacker load and run code from an LDAP server they control (Log4Shell).',
    solution: 'Upgrade to Apache Log4j version 2.17.1 or later, or apply the vendor mitigation.',
    seeAlso: ['https://logging.apache.org/log4j/2.x/security.html'],
    on: ['http'],
    ports: [8080],
    hosts: ['log4j'],
    output: ({ host }) =>
      `Nessus was able to exploit the issue using the following request :\n\nGET / HTTP/1.1\nHost: ${hostLabel(host)}:8080\nUser-Agent: \${jndi:ldap://${host.ip.replace(/\.\d+\.\d+$/, '.0.5')}:1389/nessus}\n\nThe remote host made an LDAP callback to the scanner.`,
  },
  {
    id: 134220,
    name: 'nginx < 1.17.7 Information Disclosure',
    family: 'Web Servers',
    severity: 2,
    cvss3: [5.3, CVSS3.medium53],
    cvss2: [4.3, CVSS2.mediumConf],
    cves: ['CVE-2019-20372'],
    cwes: [444],
    synopsis: 'The remote web server is affected by an information disclosure vulnerability.',
    description:
      'The version of nginx installed on the remote host is prior to 1.17.7. Certain error_page configurations allow HTTP request smuggling.',
    solution: 'Upgrade to nginx version 1.17.7 or later.',
    on: ['http'],
    hosts: ['nginx'],
    output: ({ port }) =>
      `  URL               : https://host/\n  Installed version : ${port?.nmap.version}\n  Fixed version     : 1.17.7`,
  },
];

const MANAGEMENT: readonly NessusPlugin[] = [
  {
    id: 41028,
    name: 'SNMP Agent Default Community Name (public)',
    family: 'SNMP',
    severity: 3,
    cvss3: [7.5, CVSS3.high75conf],
    cvss2: [7.5, CVSS2.partialAll],
    cves: ['CVE-1999-0517'],
    synopsis: 'The community name of the remote SNMP server can be guessed.',
    description:
      "It is possible to obtain the default community name of the remote SNMP server. An attacker can read the device's configuration and network details, or change it if the community is writable.",
    solution:
      'Disable the SNMP service on the remote host if you do not use it. Either filter incoming UDP packets going to this port, or change the default community string; prefer SNMPv3.',
    on: ['snmp'],
    output: () =>
      'The remote SNMP server replies to the following default community strings :\n\n  public',
  },
  {
    id: 42263,
    name: 'Unencrypted Telnet Server',
    family: 'Misc.',
    severity: 2,
    cvss3: [6.5, CVSS3.medium65],
    cvss2: [5.8, 'CVSS2#AV:N/AC:M/Au:N/C:P/I:P/A:N'],
    cwes: [319],
    synopsis: 'The remote Telnet server transmits traffic in cleartext.',
    description:
      'The remote host is running a Telnet server over an unencrypted channel. Logins, passwords and commands can be read and changed by anyone on the network path.',
    solution: 'Disable the Telnet service and use SSH instead.',
    on: ['telnet'],
    output: ({ host }) =>
      `Nessus collected the following banner from the remote Telnet server :\n\n------------------------------ snip ------------------------------\n${host.profile.names[0]} login:\n------------------------------ snip ------------------------------`,
  },
  {
    id: 10079,
    name: 'Anonymous FTP Enabled',
    family: 'FTP',
    severity: 2,
    cvss3: [5.3, CVSS3.medium53],
    cvss2: [5, CVSS2.partialConf],
    cves: ['CVE-1999-0497'],
    synopsis: 'Anonymous logins are allowed on the remote FTP server.',
    description:
      'Nessus has detected that the FTP server running on the remote host allows anonymous logins. Any remote user may connect and read files, which on devices can include logs and configuration.',
    solution: 'Disable anonymous FTP if it is not required.',
    on: ['ftp'],
    hosts: ['embedded', 'rtos'],
  },
  {
    id: 34324,
    name: 'FTP Supports Cleartext Authentication',
    family: 'FTP',
    severity: 1,
    cvss2: [2.6, CVSS2.highConf],
    cwes: [522, 523],
    synopsis: 'Authentication credentials might be intercepted.',
    description:
      "The remote FTP server allows the user's name and password to be transmitted in cleartext, which could be intercepted by a network sniffer or a man-in-the-middle attack.",
    solution: 'Switch to SFTP (part of the SSH suite) or FTPS (FTP over SSL/TLS).',
    on: ['ftp'],
    output: () => "This FTP server does not support 'AUTH TLS'.",
  },
  {
    id: 61708,
    name: "VNC Server 'password' Password",
    family: 'Gain a shell remotely',
    severity: 4,
    cvss3: [9.8, CVSS3.critical98],
    cvss2: [10, CVSS2.complete],
    cwes: [521],
    synopsis: 'A VNC server running on the remote host is secured with a weak password.',
    description:
      "The VNC server running on the remote host is secured with a weak password. Nessus was able to login using VNC authentication and a password of 'password'. An attacker can take control of the console of the imaging workstation.",
    solution:
      'Secure the VNC service with a strong password, restrict it to an administration network, or remove it.',
    on: ['vnc'],
  },
  {
    id: 80101,
    name: 'IPMI v2.0 Password Hash Disclosure',
    family: 'General',
    severity: 3,
    cvss3: [7.5, CVSS3.high75conf],
    cvss2: [7.8, 'CVSS2#AV:N/AC:L/Au:N/C:C/I:N/A:N'],
    cves: ['CVE-2013-4786'],
    synopsis: 'The remote host supports IPMI version 2.0.',
    description:
      'The remote host supports IPMI v2.0. The RAKP protocol sends a salted password hash to any client that names a valid user, which can then be cracked offline.',
    solution:
      'There is no patch for this vulnerability; it is an inherent problem with the specification for IPMI v2.0. Restrict IPMI to a management network and use long passwords.',
    on: ['ipmi'],
    output: () =>
      "Nessus detected that the remote server has IPMI 2.0 implemented and disclosed the hash of the 'root' account.",
  },
  {
    id: 97861,
    name: 'Network Time Protocol (NTP) Mode 6 Scanner',
    family: 'Misc.',
    severity: 2,
    cvss3: [5.3, CVSS3.medium53],
    cvss2: [5, CVSS2.partialConf],
    cves: ['CVE-2013-5211'],
    synopsis: 'The remote NTP server responds to mode 6 queries.',
    description:
      'The remote NTP server responds to mode 6 queries. Devices that respond to these queries can be used in NTP amplification attacks.',
    solution: 'Restrict NTP mode 6 queries.',
    on: ['ntp'],
    hosts: ['linux', 'network'],
    output: () =>
      'Nessus elicited the following response from the remote host by sending an NTP mode 6 query :\n\nversion="ntpd 4.2.8p10", leap=0, stratum=3',
  },
  {
    id: 12217,
    name: 'DNS Server Cache Snooping Remote Information Disclosure',
    family: 'DNS',
    severity: 2,
    cvss3: [5.3, CVSS3.medium53],
    cvss2: [5, CVSS2.partialConf],
    synopsis: 'The remote DNS server is vulnerable to cache snooping attacks.',
    description:
      'The remote DNS server responds to queries for third-party domains that do not have the recursion bit set, revealing which domains were recently resolved by its clients.',
    solution: 'Contact the vendor of the DNS software for a fix.',
    on: ['dns'],
  },
];

export const WEB_AND_MANAGEMENT_PLUGINS: readonly NessusPlugin[] = [...WEB, ...MANAGEMENT];

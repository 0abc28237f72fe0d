// Detection plugins of the generators' Nessus catalog: the informational findings that say
// what runs where (SMB, RDP, SSH, TLS, web, mail, directory and management services). They
// make up most of a real scan's items and carry the evidence analysts read first.
import { hostLabel } from './scan-nessus-plugin.ts';
import type { NessusPlugin, PluginContext } from './scan-nessus-plugin.ts';

const software = ({ port }: PluginContext): string =>
  [port?.nmap.product, port?.nmap.version].filter(Boolean).join(' ');

export const DETECTION_PLUGINS: readonly NessusPlugin[] = [
  {
    id: 96982,
    name: 'Server Message Block (SMB) Protocol Version 1 Enabled (uncredentialed check)',
    family: 'Windows',
    severity: 0,
    synopsis: 'The remote Windows host supports the SMBv1 protocol.',
    description:
      'The remote Windows host supports Server Message Block Protocol version 1 (SMBv1). Microsoft recommends disabling SMBv1; it lacks the security features of later versions and was the vector of the 2017 ransomware outbreaks.',
    solution: 'Disable SMBv1 according to the vendor instructions in Microsoft KB2696547.',
    seeAlso: ['https://support.microsoft.com/en-us/help/2696547'],
    on: ['smb'],
    hosts: ['legacy-win'],
    output: () => 'The remote host supports SMBv1.',
  },
  {
    id: 10785,
    name: 'Microsoft Windows SMB NativeLanManager Remote System Information Disclosure',
    family: 'Windows',
    severity: 0,
    synopsis: 'It was possible to obtain information about the remote operating system.',
    description:
      'Nessus was able to obtain the remote operating system name and version (Windows and/or Samba) by sending an authentication request to port 139 or 445.',
    solution: 'n/a',
    on: ['smb'],
    output: ({ host }) =>
      `The remote Operating System is : ${host.profile.os}\nThe remote native LAN manager is : ${host.profile.os}\nThe remote SMB Domain Name is : NORTHFIELD`,
  },
  {
    id: 11011,
    name: 'Microsoft Windows SMB Service Detection',
    family: 'Windows',
    severity: 0,
    synopsis: 'A file / print sharing service is listening on the remote host.',
    description: 'The remote host is running Microsoft Windows and answers SMB requests.',
    solution: 'n/a',
    on: ['smb', 'netbios'],
    output: ({ port }) =>
      port?.port === 445
        ? 'A CIFS server is running on this port.'
        : 'An SMB server is running on this port.',
  },
  {
    id: 100871,
    name: 'Microsoft Windows SMB Versions Supported (remote check)',
    family: 'Windows',
    severity: 0,
    synopsis:
      'It was possible to obtain information about the version of SMB running on the remote host.',
    description:
      'Nessus was able to obtain the version of SMB running on the remote host by sending an authentication request to port 139 or 445.',
    solution: 'n/a',
    on: ['smb'],
    output: ({ host }) =>
      `The remote host supports the following versions of SMB :\n${host.profile.tags.includes('legacy-win') ? '  SMBv1\n' : ''}  SMBv2`,
  },
  {
    id: 10150,
    name: 'Windows NetBIOS / SMB Remote Host Information Disclosure',
    family: 'Windows',
    severity: 0,
    synopsis: 'It was possible to obtain the network name of the remote host.',
    description:
      'The remote host is listening on UDP port 137 or TCP port 445, and replies to NetBIOS nbtscan or SMB requests, revealing its name, domain and MAC address.',
    solution: 'n/a',
    on: ['netbios-ns'],
    output: ({ host }) =>
      `The following 2 NetBIOS names have been gathered :\n\n ${host.netbios} = Computer name\n NORTHFIELD = Workgroup / Domain name\n\nThe remote host has the following MAC address on its adapter :\n\n${host.mac}`,
  },
  {
    id: 10736,
    name: 'DCE Services Enumeration',
    family: 'Windows',
    severity: 0,
    synopsis: 'A DCE/RPC service is running on the remote host.',
    description:
      'By sending a Lookup request to the portmapper (TCP 135 or epmapper PIPE) it was possible to enumerate the Distributed Computing Environment (DCE) services running on the remote port.',
    solution: 'n/a',
    on: ['msrpc'],
  },
  {
    id: 53513,
    name: 'Link-Local Multicast Name Resolution (LLMNR) Detection',
    family: 'Service detection',
    severity: 0,
    synopsis: 'The remote device supports LLMNR.',
    description:
      'The remote device answered a Link-local Multicast Name Resolution (LLMNR) request. Attackers on the same segment can spoof LLMNR answers to capture NTLM hashes.',
    solution:
      "Make sure that use of this software conforms to your organization's acceptable use and security policies; disable LLMNR by group policy where DNS suffices.",
    on: ['llmnr'],
    output: ({ host }) => `According to LLMNR, the name of the remote host is '${host.netbios}'.`,
  },
  {
    id: 10940,
    name: 'Remote Desktop Protocol Service Detection',
    family: 'Service detection',
    severity: 0,
    synopsis: 'The remote host has a remote desktop protocol service enabled.',
    description:
      'The Remote Desktop Protocol allows a user to remotely obtain a graphical login (and therefore act as a local user on the remote host).',
    solution:
      'Disable the service if you do not use it, and do not allow this service to run across the Internet.',
    on: ['rdp'],
  },
  {
    id: 10674,
    name: 'Microsoft SQL Server UDP Query Remote Version Disclosure',
    family: 'Windows',
    severity: 0,
    synopsis: 'It is possible to determine the remote SQL server version.',
    description:
      'Microsoft SQL server has a function wherein remote users can query the database server for the version that is being run, using the SQL Server Browser service on UDP port 1434.',
    solution: 'Restrict access to the database to allowed IPs only.',
    on: ['mssql-browser'],
    output: ({ host }) =>
      `ServerName : ${host.netbios}\nInstanceName : MSSQLSERVER\nIsClustered : No\nVersion : 11.0.2100.60\ntcp : 1433`,
  },
  {
    id: 24786,
    name: 'Nessus Windows Scan Not Performed with Admin Privileges',
    family: 'Settings',
    severity: 0,
    synopsis:
      'The Nessus scan of this host may be incomplete due to insufficient privileges provided.',
    description:
      'The Nessus scanner testing the remote host has been given SMB credentials to log into the remote host, however these credentials do not have administrative privileges. Local checks were limited.',
    solution: 'Reconfigure your scanner to use credentials with administrative privileges.',
    on: 'host',
    hosts: ['winserver'],
  },
  {
    id: 56984,
    name: 'SSL / TLS Versions Supported',
    family: 'General',
    severity: 0,
    synopsis: 'The remote service encrypts communications.',
    description:
      'This plugin detects which SSL and TLS versions are supported by the remote service for encrypting communications.',
    solution: 'n/a',
    on: ['tls'],
    output: ({ host }) =>
      `This port supports ${host.profile.tags.includes('rtos') ? 'SSLv3/TLSv1.0/TLSv1.1' : 'TLSv1.0/TLSv1.1/TLSv1.2'}.`,
  },
  {
    id: 10863,
    name: 'SSL Certificate Information',
    family: 'General',
    severity: 0,
    synopsis: 'This plugin displays the SSL certificate.',
    description:
      'This plugin connects to every SSL-related port and attempts to extract and dump the X.509 certificate.',
    solution: 'n/a',
    on: ['tls'],
    output: (ctx) =>
      `Subject Name:\n\nCommon Name: ${hostLabel(ctx.host)}\n\nIssuer Name:\n\nCommon Name: Northfield Issuing CA 01\n\nSerial Number: ${Math.floor(
        ctx.random() * 1e12,
      )
        .toString(16)
        .toUpperCase()}`,
  },
  {
    id: 10267,
    name: 'SSH Server Type and Version Information',
    family: 'Service detection',
    severity: 0,
    synopsis: 'An SSH server is listening on this port.',
    description:
      'It is possible to obtain information about the remote SSH server by sending an empty authentication request.',
    solution: 'n/a',
    on: ['ssh'],
    output: (ctx) =>
      `SSH version : SSH-2.0-${software(ctx).replace(' ', '_')}\nSSH supported authentication : publickey,password`,
  },
  {
    id: 10107,
    name: 'HTTP Server Type and Version',
    family: 'Web Servers',
    severity: 0,
    synopsis: 'A web server is running on the remote host.',
    description:
      'This plugin attempts to determine the type and the version of the remote web server.',
    solution: 'n/a',
    on: ['http'],
    output: ({ port }) =>
      `The remote web server type is :\n\n${[port?.nmap.product ?? 'unknown', port?.nmap.version].filter(Boolean).join('/')}`,
  },
  {
    id: 10800,
    name: 'SNMP Query System Information Disclosure',
    family: 'SNMP',
    severity: 0,
    synopsis: 'The System Information of the remote host can be obtained via SNMP.',
    description:
      'It is possible to obtain the system information about the remote host by sending SNMP requests with the OID 1.3.6.1.2.1.1.1.',
    solution:
      'If you do not use this service, disable it, or filter incoming UDP packets going to this port.',
    on: ['snmp'],
    output: ({ host }) =>
      `System information :\n sysDescr     : ${host.profile.os.split('\n')[0]}\n sysObjectID  : 1.3.6.1.4.1.8072.3.2.10\n sysContact   : biomed@northfield.hospital.example\n sysLocation  : ${host.profile.names[0]}`,
  },
  {
    id: 10281,
    name: 'Telnet Server Detection',
    family: 'Service detection',
    severity: 0,
    synopsis: 'A Telnet server is listening on the remote port.',
    description: 'The remote host is running a Telnet server, a remote terminal server.',
    solution: 'Disable this service and use SSH instead.',
    on: ['telnet'],
  },
  {
    id: 10092,
    name: 'FTP Server Detection',
    family: 'Service detection',
    severity: 0,
    synopsis: 'An FTP server is listening on a remote port.',
    description:
      'It is possible to obtain the banner of the remote FTP server by connecting to a remote port.',
    solution: 'n/a',
    on: ['ftp'],
    output: ({ port }) =>
      `The remote FTP banner is :\n\n220 ${port?.nmap.product ?? 'FTP'} ${port?.nmap.version ?? ''} ready.`.trimEnd(),
  },
  {
    id: 19288,
    name: 'VNC Server Security Type Detection',
    family: 'Service detection',
    severity: 0,
    synopsis: 'A VNC server is running on the remote host.',
    description:
      'This script checks the remote VNC server protocol version and the available security types.',
    solution: 'n/a',
    on: ['vnc'],
    output: () => '\nThe remote VNC server chose security type #2 (VNC authentication)',
  },
  {
    id: 10884,
    name: 'Network Time Protocol (NTP) Server Detection',
    family: 'Service detection',
    severity: 0,
    synopsis: 'An NTP server is listening on the remote host.',
    description:
      'An NTP server is listening on port 123. Nessus was able to extract the clock state and peer information.',
    solution: 'n/a',
    on: ['ntp'],
  },
  {
    id: 10263,
    name: 'SMTP Server Detection',
    family: 'Service detection',
    severity: 0,
    synopsis: 'An SMTP server is listening on the remote port.',
    description: 'The remote host is running a mail (SMTP) server on this port.',
    solution: 'Disable this service if you do not use it, or filter incoming traffic to this port.',
    on: ['smtp'],
    output: ({ host }) =>
      `Remote SMTP server banner :\n\n220 ${hostLabel(host)} Microsoft ESMTP MAIL Service ready`,
  },
  {
    id: 20870,
    name: 'LDAP Server Detection',
    family: 'Service detection',
    severity: 0,
    synopsis: 'An LDAP server was detected on the remote host.',
    description:
      'The remote host is running a Lightweight Directory Access Protocol (LDAP) server.',
    solution: 'n/a',
    on: ['ldap'],
  },
];

// The vocabulary of the generators' host profiles (scan-host-profiles-*.ts): host tags,
// service kinds, and the services several kinds of host share. Versions are chosen so the
// vulnerability catalog has something true to say about them. MAC prefixes are illustrative,
// not an IEEE registry extract.

/** What a host is, for deciding which plugins can fire on it. */
export type HostTag =
  | 'windows'
  | 'winserver'
  | 'dc'
  | 'legacy-win'
  | 'win7'
  | 'exchange'
  | 'linux'
  | 'ubuntu-eol'
  | 'openssh'
  | 'openssh-7'
  | 'dropbear'
  | 'apache'
  | 'tomcat'
  | 'nginx'
  | 'log4j'
  | 'embedded'
  | 'rtos'
  | 'network';

/** What a port speaks, for deciding which service plugins apply to it. */
export type ServiceKind =
  | 'smb'
  | 'netbios'
  | 'netbios-ns'
  | 'msrpc'
  | 'rdp'
  | 'tls'
  | 'http'
  | 'ssh'
  | 'snmp'
  | 'telnet'
  | 'ftp'
  | 'vnc'
  | 'ipmi'
  | 'ntp'
  | 'dns'
  | 'mssql'
  | 'mssql-browser'
  | 'ldap'
  | 'smtp'
  | 'ajp'
  | 'llmnr'
  | 'dicom'
  | 'hl7'
  | 'kerberos';

export interface ServicePort {
  port: number;
  protocol: 'tcp' | 'udp';
  /** Nessus svc_name (Nessus has its own names: cifs, www, msrdp ...). */
  svc: string;
  /** Nmap service name, product, version, extrainfo as -sV would print them. */
  nmap: {
    name: string;
    product?: string;
    version?: string;
    extrainfo?: string;
    tunnel?: 'ssl';
    cpe?: string;
  };
  kinds: readonly ServiceKind[];
}

export interface HostProfile {
  key: string;
  /** Nessus operating-system; a second line is a less likely candidate, as Nessus writes it. */
  os: string;
  nmapOs: { name: string; accuracy: number };
  systemType: 'general-purpose' | 'embedded' | 'switch';
  names: readonly string[];
  netbios: boolean;
  /** Chance the host has a DNS name. */
  dns: number;
  tags: readonly HostTag[];
  services: readonly ServicePort[];
  macs: readonly (readonly [prefix: string, vendor: string])[];
  weight: number;
}

export const tcp = (
  port: number,
  svc: string,
  nmap: ServicePort['nmap'],
  ...kinds: ServiceKind[]
): ServicePort => ({
  port,
  protocol: 'tcp',
  svc,
  nmap,
  kinds,
});
export const udp = (
  port: number,
  svc: string,
  nmap: ServicePort['nmap'],
  ...kinds: ServiceKind[]
): ServicePort => ({
  port,
  protocol: 'udp',
  svc,
  nmap,
  kinds,
});

export const MSRPC = tcp(
  135,
  'epmap',
  { name: 'msrpc', product: 'Microsoft Windows RPC' },
  'msrpc',
);
export const NETBIOS_SSN = tcp(
  139,
  'smb',
  { name: 'netbios-ssn', product: 'Microsoft Windows netbios-ssn' },
  'netbios',
);
export const SMB = tcp(445, 'cifs', { name: 'microsoft-ds' }, 'smb');
export const RDP = tcp(
  3389,
  'msrdp',
  {
    name: 'ms-wbt-server',
    product: 'Microsoft Terminal Services',
    cpe: 'cpe:/o:microsoft:windows',
  },
  'rdp',
  'tls',
);
export const NETBIOS_NS = udp(
  137,
  'netbios-ns',
  { name: 'netbios-ns', product: 'Microsoft Windows netbios-ns' },
  'netbios-ns',
);
export const LLMNR = udp(5355, 'llmnr', { name: 'llmnr' }, 'llmnr');
export const NTP = udp(123, 'ntp', { name: 'ntp', product: 'NTP', version: 'v4' }, 'ntp');
export const SNMP = udp(
  161,
  'snmp',
  { name: 'snmp', product: 'net-snmp', extrainfo: 'SNMPv1 server; public' },
  'snmp',
);
export const WINDOWS_MACS = [
  ['F8:BC:12', 'Dell'],
  ['3C:52:82', 'Hewlett Packard'],
  ['00:50:56', 'VMware'],
] as const;

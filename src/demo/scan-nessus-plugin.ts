// The shape of a plugin in the generators' Nessus catalog (scan-nessus-plugins-*.ts), and the
// CVSS vectors the catalog uses. Each vector's score was checked against the CVSS v3.0 / v2
// base-score equations (FIRST specifications); the constant names carry the score.
import type { HostProfile, HostTag, ServiceKind, ServicePort } from './scan-host-services.ts';
import type { Random } from './scan-random.ts';

/** A generated host, as plugin outputs see it. */
export interface PluginHost {
  ip: string;
  fqdn: string | null;
  netbios: string | null;
  mac: string;
  macVendor: string;
  profile: HostProfile;
  startedAt: Date;
}

export interface PluginContext {
  host: PluginHost;
  /** The port the finding is on; null for host-level (port 0) findings. */
  port: ServicePort | null;
  random: Random;
}

export interface NessusPlugin {
  id: number;
  name: string;
  family: string;
  /** ReportItem@severity: 0 info, 1 low, 2 medium, 3 high, 4 critical (from the CVSS v3 band). */
  severity: 0 | 1 | 2 | 3 | 4;
  cvss3?: readonly [score: number, vector: string];
  cvss2?: readonly [score: number, vector: string];
  cves?: readonly string[];
  cwes?: readonly number[];
  synopsis: string;
  description: string;
  /** "n/a" for informational plugins, as Nessus writes it. */
  solution: string;
  seeAlso?: readonly string[];
  /** Reported once per host (port 0), once per open TCP or UDP port, or once per port of these kinds. */
  on: 'host' | 'each-tcp' | 'each-udp' | readonly ServiceKind[];
  /** Only these port numbers (the vulnerable application listens on one port). */
  ports?: readonly number[];
  /** A further condition on the host (e.g. it has a DNS name). */
  when?: (host: PluginHost) => boolean;
  /** Host-level protocol attribute for port-0 findings (Nessus uses tcp, udp or icmp). */
  hostProtocol?: 'tcp' | 'udp' | 'icmp';
  /** The host must carry one of these tags; absent means any host. */
  hosts?: readonly HostTag[];
  output?: (ctx: PluginContext) => string;
}

/** Nessus risk_factor for a severity level. */
export const RISK_FACTORS = ['None', 'Low', 'Medium', 'High', 'Critical'] as const;

export const CVSS3 = {
  critical10: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
  critical90: 'CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:H',
  critical98: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
  high88: 'CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H',
  high81: 'CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H',
  high75conf: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N',
  high75avail: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
  high70local: 'CVSS:3.0/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:H/A:H',
  medium65: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N',
  medium59conf: 'CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N',
  medium59integ: 'CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:N',
  medium53: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N',
  medium53integ: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:L/A:N',
  medium42adj: 'CVSS:3.0/AV:A/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:N',
  low37: 'CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:N',
} as const;

export const CVSS2 = {
  complete: 'CVSS2#AV:N/AC:L/Au:N/C:C/I:C/A:C',
  partialAll: 'CVSS2#AV:N/AC:L/Au:N/C:P/I:P/A:P',
  partialConf: 'CVSS2#AV:N/AC:L/Au:N/C:P/I:N/A:N',
  mediumConf: 'CVSS2#AV:N/AC:M/Au:N/C:P/I:N/A:N',
  highAll: 'CVSS2#AV:N/AC:H/Au:N/C:P/I:P/A:P',
  highConf: 'CVSS2#AV:N/AC:H/Au:N/C:P/I:N/A:N',
  localConf: 'CVSS2#AV:L/AC:L/Au:N/C:P/I:N/A:N',
} as const;

/** The name a finding's output uses for the host: its DNS name, else its address. */
export function hostLabel(host: PluginHost): string {
  return host.fqdn ?? host.ip;
}

/** "Mon Jan 12 21:00:07 2026", the ctime-style date Nessus writes in HOST_START. */
export function nessusDate(date: Date): string {
  const [day, dom, month, year, time] = date.toUTCString().replace(',', '').split(' ') as [
    string,
    string,
    string,
    string,
    string,
  ];
  return `${day} ${month} ${Number(dom)} ${time} ${year}`;
}

import { isIP } from 'node:net';
import type { ScanHost, ScanHostResult, ScanInfo, ScanIssue, ScanParser } from './scan-types.ts';
import { scriptIssue } from './nmap-scripts.ts';
import { intAttr, streamXml } from './xml-stream.ts';
import type { XmlCursor, XmlTag } from './xml-stream.ts';

// Reads Nmap's XML output (-oX). The element and attribute names follow nmap.dtd, shipped with
// Nmap and described in the reference guide's "XML Output (-oX)" section.

interface PortState {
  port: number;
  protocol: string;
  state: string | null;
  reason: string | null;
  service: {
    name: string;
    product: string;
    version: string;
    extrainfo: string;
    tunnel: string;
  } | null;
  cpes: string[];
  scripts: { id: string; output: string }[];
}

interface HostState {
  status: string | null;
  statusReason: string | null;
  ipv4: string | null;
  ipv6: string | null;
  mac: string | null;
  macVendor: string | null;
  hostnames: { name: string; type: string }[];
  os: { name: string; accuracy: number } | null;
  issues: ScanIssue[];
}

/** Parses Nmap XML. Only hosts whose status is "up" are reported. See ScanParser. */
export const parseNmapXml: ScanParser = async (input, { onHost, onBytes }) => {
  const pending: ScanHostResult[] = [];
  const info: ScanInfo = { format: 'nmap', tool: 'nmap', startedAt: null, scope: null, name: null };
  let host: HostState | null = null;
  let port: PortState | null = null;
  let inHostScript = false;

  const onOpen = (tag: XmlTag, at: XmlCursor): void => {
    const a = tag.attributes;
    switch (tag.name) {
      case 'nmaprun': {
        const start = intAttr(tag, 'start', at, { min: 0, max: Number.MAX_SAFE_INTEGER });
        info.startedAt = start === null ? null : new Date(start * 1000);
        info.scope = a.args?.trim() || null;
        return;
      }
      case 'host':
        host = newHost();
        return;
    }
    if (!host) return; // prescript, postscript, scaninfo, runstats: not about one host
    switch (tag.name) {
      case 'status':
        host.status = a.state ?? null;
        host.statusReason = a.reason ?? null;
        break;
      case 'address':
        readAddress(host, a);
        break;
      case 'hostname':
        if (a.name && !host.hostnames.some((h) => h.name === a.name))
          host.hostnames.push({ name: a.name, type: a.type ?? '' });
        break;
      case 'osmatch': {
        const accuracy = intAttr(tag, 'accuracy', at, { min: 0, max: 100 }) ?? 0;
        // Nmap lists matches best first; keep the first of the highest accuracy.
        if (a.name && (!host.os || accuracy > host.os.accuracy))
          host.os = { name: a.name, accuracy };
        break;
      }
      case 'port': {
        const portid = intAttr(tag, 'portid', at, { min: 0, max: 65535 });
        if (portid === null) at.fail('attribute portid is missing', 'port');
        port = {
          port: portid,
          protocol: a.protocol || 'tcp',
          state: null,
          reason: null,
          service: null,
          cpes: [],
          scripts: [],
        };
        break;
      }
      case 'state':
        if (port) {
          port.state = a.state ?? null;
          port.reason = a.reason ?? null;
        }
        break;
      case 'service':
        if (port) {
          port.service = {
            name: a.name ?? '',
            product: a.product ?? '',
            version: a.version ?? '',
            extrainfo: a.extrainfo ?? '',
            tunnel: a.tunnel ?? '',
          };
        }
        break;
      case 'cpe':
        if (port) at.startText();
        break;
      case 'hostscript':
        inHostScript = true;
        break;
      case 'script':
        if (!a.id) at.fail('attribute id is missing', 'script');
        if (port) port.scripts.push({ id: a.id, output: a.output ?? '' });
        else if (inHostScript)
          host.issues.push(
            scriptIssue(a.id, a.output ?? '', { port: null, protocol: null, service: null }),
          );
        break;
    }
  };

  const onClose = (name: string, at: XmlCursor): void => {
    if (name === 'cpe' && port && at.keepingText) {
      port.cpes.push(at.takeText());
    } else if (name === 'port' && port && host) {
      host.issues.push(...portIssues(port));
      port = null;
    } else if (name === 'hostscript') {
      inHostScript = false;
    } else if (name === 'host' && host) {
      // A host without <status> is kept: nothing says it was down.
      if (host.status === null || host.status === 'up')
        pending.push({ host: toScanHost(host), issues: host.issues });
      host = null;
    }
  };

  let next = 0;
  const flush = async (): Promise<void> => {
    while (next < pending.length) await onHost(pending[next++] as ScanHostResult);
    pending.length = 0;
    next = 0;
  };

  await streamXml(input, { root: 'nmaprun', onOpen, onClose, flush }, onBytes);
  return info;
};

function newHost(): HostState {
  return {
    status: null,
    statusReason: null,
    ipv4: null,
    ipv6: null,
    mac: null,
    macVendor: null,
    hostnames: [],
    os: null,
    issues: [],
  };
}

function readAddress(host: HostState, a: Record<string, string>): void {
  const addr = a.addr;
  if (!addr) return;
  if (a.addrtype === 'mac') {
    host.mac ??= addr.toLowerCase();
    if (a.vendor) host.macVendor ??= a.vendor;
  } else if (a.addrtype === 'ipv6') {
    host.ipv6 ??= addr;
  } else {
    host.ipv4 ??= addr;
  }
}

/** "https: nginx 1.18.0"; Nmap prints SSL-wrapped services as ssl/<name>, and so do we. */
function serviceLabel(port: PortState): {
  name: string | null;
  label: string | null;
  software: string;
} {
  const s = port.service;
  if (!s) return { name: null, label: null, software: '' };
  const name = s.name ? (s.tunnel === 'ssl' ? `ssl/${s.name}` : s.name) : null;
  const software = [s.product, s.version].filter((x) => x).join(' ');
  const label = [name, software].filter((x) => x).join(': ') || null;
  return { name, label, software };
}

function portIssues(port: PortState): ScanIssue[] {
  const where = `${port.port}/${port.protocol}`;
  const { name, label, software } = serviceLabel(port);
  const issues: ScanIssue[] = [];
  if (port.state === 'open') {
    const extra = port.service?.extrainfo;
    const evidence = [
      [software, extra ? `(${extra})` : ''].filter((x) => x).join(' '),
      ...port.cpes,
    ]
      .filter((x) => x)
      .join('\n');
    issues.push({
      toolId: `port/${port.protocol}/${port.port}`,
      title: label ? `Open port ${where} (${label})` : `Open port ${where}`,
      description:
        `Nmap found port ${where} open${port.reason ? ` (reason: ${port.reason})` : ''}` +
        (name ? `, service ${name}.` : '.'),
      solution: null,
      severity: 'info',
      cvssScore: null,
      cvssVector: null,
      cves: [],
      cwes: [],
      port: port.port,
      protocol: port.protocol,
      service: name,
      evidence: evidence || null,
    });
  }
  for (const script of port.scripts) {
    issues.push(
      scriptIssue(script.id, script.output, {
        port: port.port,
        protocol: port.protocol,
        service: name,
      }),
    );
  }
  return issues;
}

function toScanHost(state: HostState): ScanHost {
  const names = state.hostnames;
  // type="user" is the name the operator typed as the target; PTR is reverse DNS.
  const userName = names.find(
    (h) => h.type === 'user' && h.name.includes('.') && isIP(h.name) === 0,
  );
  const ptrName = names.find((h) => h.type === 'PTR');
  const extra: Record<string, string> = {};
  if (state.macVendor) extra['mac-vendor'] = state.macVendor;
  if (state.os) extra['os-accuracy'] = String(state.os.accuracy);
  if (state.statusReason) extra['status-reason'] = state.statusReason;
  if (state.ipv4 && state.ipv6) extra.ipv6 = state.ipv6;
  return {
    ip: state.ipv4 ?? state.ipv6,
    mac: state.mac,
    hostnames: names.map((h) => h.name),
    fqdn: userName?.name ?? ptrName?.name ?? null,
    os: state.os?.name ?? null,
    extra,
  };
}

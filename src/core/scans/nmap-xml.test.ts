import { describe, expect, it } from 'vitest';
import { generateNmap, generateNmapXml } from '../../demo/scan-generators.ts';
import { parseNmapXml } from './nmap-xml.ts';
import type { ScanHostResult, ScanIssue } from './scan-types.ts';
import { ScanParseError } from './scan-types.ts';

async function* chunks(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function parse(text: string, size = 4096) {
  const hosts: ScanHostResult[] = [];
  const info = await parseNmapXml(chunks(text, size), { onHost: (h) => void hosts.push(h) });
  return { info, hosts };
}

async function parseError(text: string): Promise<ScanParseError> {
  const error = await parse(text).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ScanParseError);
  return error as ScanParseError;
}

/** The fields the generator states for every issue; titles only for open ports. */
const comparable = (i: ScanIssue) => ({
  toolId: i.toolId,
  severity: i.severity,
  cvssScore: i.cvssScore,
  cves: i.cves,
  port: i.port,
  protocol: i.protocol,
  service: i.service,
  ...(i.toolId.startsWith('port/') ? { title: i.title } : {}),
});

// A hand-written run for what the generator does not vary: user vs PTR names, IPv6, several
// OS guesses, closed and filtered ports, a host that is down.
const RUN = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE nmaprun>
<nmaprun scanner="nmap" args="nmap -sV pacs.example.org" start="1700000000" version="7.94" xmloutputversion="1.05">
<host><status state="up" reason="syn-ack" reason_ttl="0"/>
<address addr="2001:db8::7" addrtype="ipv6"/>
<address addr="192.0.2.7" addrtype="ipv4"/>
<address addr="00:09:FB:01:02:03" addrtype="mac" vendor="Philips Medical Systems"/>
<hostnames><hostname name="pacs.example.org" type="user"/><hostname name="srv7.example.net" type="PTR"/></hostnames>
<ports>
<port protocol="tcp" portid="104"><state state="open" reason="syn-ack" reason_ttl="64"/><service name="dicom" product="DCMTK" version="3.6.6" extrainfo="PACS" method="probed" conf="10"><cpe>cpe:/a:offis:dcmtk:3.6.6</cpe></service></port>
<port protocol="tcp" portid="113"><state state="closed" reason="reset" reason_ttl="64"/><service name="ident" method="table" conf="3"/></port>
<port protocol="udp" portid="161"><state state="open|filtered" reason="no-response" reason_ttl="0"/><service name="snmp" method="table" conf="3"/></port>
<port protocol="tcp" portid="443"><state state="open" reason="syn-ack" reason_ttl="64"/><service name="http" tunnel="ssl" method="table" conf="3"/></port>
</ports>
<os><osmatch name="Linux 4.15 - 5.8" accuracy="91"/><osmatch name="Linux 5.0 - 5.14" accuracy="96"/></os>
</host>
<host><status state="down" reason="no-response" reason_ttl="0"/><address addr="192.0.2.8" addrtype="ipv4"/></host>
</nmaprun>
`;

describe('parseNmapXml', () => {
  it('returns exactly the up hosts, open ports and script results the generator wrote', async () => {
    for (const [seed, withScripts] of [
      [1, true],
      [2, false],
      [3, true],
    ] as const) {
      const { xml, expected } = generateNmap({
        seed,
        hosts: 40,
        withScripts,
        portsPerHost: [1, 10],
      });
      const { info, hosts } = await parse(xml, 1013);
      expect(info).toEqual(expected.info);
      expect(hosts.map((h) => h.host)).toEqual(expected.hosts.map((h) => h.host));
      expect(hosts.map((h) => h.issues.map(comparable))).toEqual(
        expected.hosts.map((h) => h.issues),
      );
    }
  });

  it('is fed a generated file that exercises the format', () => {
    const { xml, expected } = generateNmap({
      seed: 1,
      hosts: 40,
      withScripts: true,
      portsPerHost: [1, 10],
    });
    const issues = expected.hosts.flatMap((h) => h.issues);
    expect(expected.hosts.length).toBeLessThan(40); // some hosts are down
    expect(xml).toContain('state="filtered"');
    expect(xml).toContain('state="closed"');
    for (const id of [
      'script/vulners',
      'script/ssl-enum-ciphers',
      'script/smb-vuln-ms17-010',
      'script/smb2-security-mode',
    ]) {
      expect(issues.some((i) => i.toolId === id)).toBe(true);
    }
    expect(issues.some((i) => i.service?.startsWith('ssl/'))).toBe(true);
  });

  it('maps addresses, names, the best OS guess and open ports only', async () => {
    const { info, hosts } = await parse(RUN, 50);
    expect(info).toEqual({
      format: 'nmap',
      tool: 'nmap',
      startedAt: new Date(1_700_000_000_000),
      scope: 'nmap -sV pacs.example.org',
      name: null,
    });
    expect(hosts).toHaveLength(1);
    const [{ host, issues }] = hosts as [ScanHostResult];
    expect(host).toEqual({
      ip: '192.0.2.7',
      mac: '00:09:fb:01:02:03',
      hostnames: ['pacs.example.org', 'srv7.example.net'],
      fqdn: 'pacs.example.org',
      os: 'Linux 5.0 - 5.14',
      extra: {
        'mac-vendor': 'Philips Medical Systems',
        'os-accuracy': '96',
        'status-reason': 'syn-ack',
        ipv6: '2001:db8::7',
      },
    });
    expect(issues.map((i) => i.title)).toEqual([
      'Open port 104/tcp (dicom: DCMTK 3.6.6)',
      'Open port 443/tcp (ssl/http)',
    ]);
    expect(issues[0]).toMatchObject({
      toolId: 'port/tcp/104',
      severity: 'info',
      service: 'dicom',
      evidence: 'DCMTK 3.6.6 (PACS)\ncpe:/a:offis:dcmtk:3.6.6',
    });
    expect(issues[1]?.evidence).toBeNull();
  });

  it('rejects wrong attribute types with line, element and attribute', async () => {
    const port = await parseError(RUN.replace('portid="113"', 'portid="abc"'));
    expect(port).toMatchObject({ element: 'port', line: 11 });
    expect(port.message).toContain('portid="abc"');
    const start = await parseError(RUN.replace('start="1700000000"', 'start="yesterday"'));
    expect(start).toMatchObject({ element: 'nmaprun', line: 3 });
    const accuracy = await parseError(RUN.replace('accuracy="96"', 'accuracy="high"'));
    expect(accuracy.message).toContain('accuracy="high"');
  });

  it('names the open elements and the last line of a truncated file', async () => {
    const xml = generateNmapXml({ seed: 4, hosts: 10, withScripts: true });
    const cut = xml.slice(0, xml.indexOf('<service ', xml.indexOf('<ports>')) + 12);
    const error = await parseError(cut);
    expect(error).toMatchObject({ element: 'service', line: cut.split('\n').length });
    expect(error.message).toContain('in nmaprun > host > ports > port');
  });
});

import { describe, expect, it } from 'vitest';
import { generateNessus, generateNessusFile } from '../../demo/scan-generators.ts';
import { parseNessusV2 } from './nessus-v2.ts';
import type { ScanHostResult } from './scan-types.ts';
import { ScanParseError } from './scan-types.ts';

/** The text as UTF-8 byte chunks of `size`, the way a file stream delivers it. */
async function* bytes(text: string, size: number): AsyncGenerator<Uint8Array> {
  const all = new TextEncoder().encode(text);
  for (let i = 0; i < all.length; i += size) yield all.subarray(i, i + size);
}

async function parse(text: string, size = 64 * 1024) {
  const hosts: ScanHostResult[] = [];
  const info = await parseNessusV2(bytes(text, size), { onHost: (h) => void hosts.push(h) });
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

// Small hand-written documents for the cases the generator does not produce on purpose
// (missing severity attribute, bad values, non-ASCII text).
const doc = (body: string) =>
  `<?xml version="1.0" ?>\n<NessusClientData_v2>\n<Report name="t">\n${body}</Report>\n</NessusClientData_v2>\n`;
const host = (items: string, tags = '<tag name="host-ip">10.0.0.7</tag>') =>
  `<ReportHost name="10.0.0.7"><HostProperties>\n${tags}\n</HostProperties>\n${items}</ReportHost>\n`;
const item = (attrs: Record<string, string>, children = '') => {
  const all = {
    port: '443',
    svc_name: 'www',
    protocol: 'tcp',
    pluginID: '1',
    pluginName: 'P',
    pluginFamily: 'F',
    ...attrs,
  };
  const text = Object.entries(all)
    .map(([k, v]) => `${k}="${v}"`)
    .join(' ');
  return `<ReportItem ${text}>\n${children}</ReportItem>\n`;
};

describe('parseNessusV2', () => {
  it('returns exactly the hosts and findings the generator wrote', async () => {
    for (const seed of [1, 2, 3]) {
      const { xml, expected } = generateNessus({
        seed,
        hosts: 30,
        findingsPerHost: [0, 30],
        scanName: `Scan <${seed}> & co`,
      });
      // Odd chunk sizes put chunk boundaries inside tags, attributes and entities.
      const { info, hosts } = await parse(xml, 997);
      expect(info).toEqual(expected.info);
      expect(hosts).toEqual(expected.hosts);
    }
  });

  it('is fed a generated file that exercises the format', async () => {
    const { expected } = generateNessus({ seed: 4, hosts: 60, findingsPerHost: [5, 30] });
    const issues = expected.hosts.flatMap((h) => h.issues);
    // Without these the equality test above would prove less than it seems to.
    expect(issues.some((i) => i.cvssVector?.startsWith('CVSS:3.0/'))).toBe(true);
    expect(issues.some((i) => i.cvssVector?.startsWith('CVSS2#'))).toBe(true);
    expect(issues.some((i) => i.port === null && i.protocol === null)).toBe(true);
    expect(issues.some((i) => i.title.includes('<'))).toBe(true);
    expect(issues.some((i) => i.cves.length > 3 && i.cwes.length > 0)).toBe(true);
    expect(new Set(issues.map((i) => i.severity))).toEqual(
      new Set(['info', 'low', 'medium', 'high', 'critical']),
    );
    expect(expected.hosts.some((h) => h.host.extra['mac-address']?.includes(' '))).toBe(true);
    expect(expected.hosts.some((h) => h.host.extra['operating-system']?.includes('\n'))).toBe(true);
    expect(expected.hosts.some((h) => h.host.fqdn === null)).toBe(true);
  });

  it('takes severity from the attribute and falls back to risk_factor', async () => {
    const { hosts } = await parse(
      doc(
        host(
          item({ severity: '3' }, '<risk_factor>Medium</risk_factor>\n') +
            item({ pluginID: '2' }, '<risk_factor>Critical</risk_factor>\n') +
            item({ pluginID: '3', severity: '0' }, '<risk_factor>None</risk_factor>\n'),
        ),
      ),
    );
    expect(hosts[0]?.issues.map((i) => i.severity)).toEqual(['high', 'critical', 'info']);
  });

  it('maps port 0, MAC lists, multi-line OS and CVSS fallback', async () => {
    const tags = [
      '<tag name="host-ip">10.0.0.7</tag>',
      '<tag name="mac-address">00:50:56:AA:BB:CC\n00:50:56:aa:bb:cd</tag>',
      '<tag name="operating-system">Microsoft Windows Server 2016\nMicrosoft Windows Server 2019</tag>',
      '<tag name="netbios-name">SRV01</tag>',
    ].join('\n');
    const items =
      item(
        { port: '0', svc_name: 'general', severity: '2' },
        '<cvss_base_score>5.0</cvss_base_score>\n<cvss_vector>CVSS2#AV:N/AC:L/Au:N/C:P/I:N/A:N</cvss_vector>\n<cwe>200</cwe>\n<solution>n/a</solution>\n',
      ) +
      item(
        { severity: '1' },
        '<cvss3_base_score>3.7</cvss3_base_score>\n<cvss_base_score>2.6</cvss_base_score>\n<cvss_vector>CVSS2#AV:N/AC:H/Au:N/C:P/I:N/A:N</cvss_vector>\n',
      );
    const { hosts } = await parse(doc(host(items, tags)));
    const [result] = hosts;
    expect(result?.host).toMatchObject({
      ip: '10.0.0.7',
      mac: '00:50:56:aa:bb:cc',
      os: 'Microsoft Windows Server 2016',
      fqdn: null,
    });
    expect(result?.host.extra['netbios-name']).toBe('SRV01');
    expect(result?.issues[0]).toMatchObject({
      port: null,
      protocol: null,
      service: null,
      cvssScore: 5,
      cwes: ['CWE-200'],
      solution: null,
    });
    // A v3 score without a v3 vector keeps the v3 score and does not borrow the v2 vector.
    expect(result?.issues[1]).toMatchObject({
      port: 443,
      protocol: 'tcp',
      service: 'www',
      cvssScore: 3.7,
      cvssVector: null,
    });
  });

  it('decodes UTF-8 split across chunks and reports the bytes read', async () => {
    const output = 'Universitätsspital Zürich — 東京 ✓';
    const text = doc(host(item({ severity: '0' }, `<plugin_output>${output}</plugin_output>\n`)));
    const seen: number[] = [];
    const hosts: ScanHostResult[] = [];
    await parseNessusV2(bytes(text, 1), {
      onHost: (h) => void hosts.push(h),
      onBytes: (n) => seen.push(n),
    });
    expect(hosts[0]?.issues[0]?.evidence).toBe(output);
    expect(seen.at(-1)).toBe(new TextEncoder().encode(text).length);
  });

  it('waits for each onHost before handing over the next', async () => {
    const xml = generateNessusFile({ seed: 5, hosts: 12, findingsPerHost: 3 });
    let busy = false;
    const order: string[] = [];
    await parseNessusV2(bytes(xml, 4096), {
      onHost: async (h) => {
        expect(busy).toBe(false);
        busy = true;
        await new Promise((r) => setTimeout(r, 2));
        order.push(h.host.ip as string);
        busy = false;
      },
    });
    expect(order).toEqual(Array.from({ length: 12 }, (_, i) => `10.20.1.${5 + i}`));
  });

  it('rejects wrong attribute and element types with line and element', async () => {
    const severity = await parseError(doc(host(item({ severity: 'x' }))));
    expect(severity.message).toContain('severity="x"');
    expect(severity).toMatchObject({ element: 'ReportItem', line: 7 });

    const port = await parseError(doc(host(item({ severity: '2', port: 'abc' }))));
    expect(port.message).toMatch(/^line 7, <ReportItem>: attribute port="abc"/);

    const score = await parseError(
      doc(host(item({ severity: '2' }, '<cvss3_base_score>high</cvss3_base_score>\n'))),
    );
    expect(score).toMatchObject({ element: 'cvss3_base_score', line: 8 });

    const none = await parseError(doc(host(item({}))));
    expect(none.message).toContain('no severity attribute');
  });

  it('names the element and line where a truncated file ends', async () => {
    const xml = generateNessusFile({ seed: 6, hosts: 3, findingsPerHost: 5 });
    const start = xml.indexOf('<ReportItem ', xml.indexOf('<ReportHost name="10.20.1.6"'));
    const inItem = xml.slice(0, xml.indexOf('<description>', start) + 40);
    const error = await parseError(inItem);
    expect(error.message).toContain('ReportItem');
    expect(error.message).toContain('truncated');
    expect(error.line).toBe(inItem.split('\n').length);

    const inTag = xml.slice(0, start + 30);
    const tagError = await parseError(inTag);
    expect(tagError).toMatchObject({ element: 'ReportItem', line: inTag.split('\n').length });
  });

  it('rejects malformed XML and another format', async () => {
    const mismatched = await parseError(
      doc(host('<ReportItem port="1" severity="0" pluginID="1">\n</ReportHost>\n')),
    );
    expect(mismatched.message).toContain('malformed XML');
    expect(mismatched.line).toBe(8);
    const nmap = await parseError('<?xml version="1.0"?>\n<nmaprun scanner="nmap"></nmaprun>\n');
    expect(nmap.message).toContain(
      'expected <NessusClientData_v2> as the root element, found <nmaprun>',
    );
  });

  it('parses a 5,000-finding file quickly', async () => {
    const xml = generateNessusFile({ seed: 7, hosts: 200, findingsPerHost: 25 });
    const started = performance.now();
    const { hosts } = await parse(xml);
    const ms = performance.now() - started;
    expect(hosts.reduce((n, h) => n + h.issues.length, 0)).toBe(5000);
    console.log(
      `parseNessusV2: 5,000 findings, ${(xml.length / 1e6).toFixed(1)} MB in ${ms.toFixed(0)} ms`,
    );
  });
});

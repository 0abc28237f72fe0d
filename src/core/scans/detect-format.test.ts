import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateNessusFile, generateNmapXml } from '../../demo/scan-generators.ts';
import { detectScanFormat, parseScanFile, parserFor } from './detect-format.ts';
import { parseNessusV2 } from './nessus-v2.ts';
import { parseNmapXml } from './nmap-xml.ts';
import type { ScanHostResult } from './scan-types.ts';
import { ScanParseError } from './scan-types.ts';

const dir = mkdtempSync(join(tmpdir(), 'ward-scans-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function file(content: string | Uint8Array): string {
  const path = join(dir, `scan-${files++}`);
  writeFileSync(path, content);
  return path;
}

async function importFile(path: string, format?: 'auto' | 'nmap' | 'nessus') {
  const hosts: ScanHostResult[] = [];
  const info = await parseScanFile(path, { format, onHost: (h) => void hosts.push(h) });
  return { info, hosts };
}

async function importError(
  path: string,
  format?: 'auto' | 'nmap' | 'nessus',
): Promise<ScanParseError> {
  const error = await importFile(path, format).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ScanParseError);
  return error as ScanParseError;
}

describe('detectScanFormat', () => {
  it('finds the root element behind a BOM, declaration, comments, PIs and a DOCTYPE', () => {
    expect(detectScanFormat('<nmaprun scanner="nmap">')).toBe('nmap');
    expect(
      detectScanFormat(
        '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE nmaprun>\n<?xml-stylesheet href="nmap.xsl"?>\n<!-- Nmap 7.94 -&#45;top-ports -->\n<nmaprun>',
      ),
    ).toBe('nmap');
    expect(
      detectScanFormat(
        '<?xml version="1.0" ?>\n<!-- exported > by hand -->\n<NessusClientData_v2>\n<Policy>',
      ),
    ).toBe('nessus');
    expect(
      detectScanFormat(
        '<!DOCTYPE NessusClientData_v2 [\n<!ELEMENT x (#PCDATA)>\n]>\n<NessusClientData_v2>',
      ),
    ).toBe('nessus');
  });

  it('says null for other XML, other formats and partial heads', () => {
    expect(detectScanFormat('<?xml version="1.0"?><html></html>')).toBeNull();
    expect(detectScanFormat('<NessusClientData><Report/></NessusClientData>')).toBeNull();
    expect(detectScanFormat('Host,IP,Severity\n10.0.0.1,high')).toBeNull();
    expect(detectScanFormat('<?xml version="1.0"?>\n<!-- still in the comm')).toBeNull();
    expect(detectScanFormat('')).toBeNull();
    expect(detectScanFormat('<?xml version="1.0"?>\n<nmaprun')).toBeNull();
  });

  it('gives the parser for each format', () => {
    expect(parserFor('nmap')).toBe(parseNmapXml);
    expect(parserFor('nessus')).toBe(parseNessusV2);
  });
});

describe('parseScanFile', () => {
  it('detects and parses both formats from disk', async () => {
    const nessus = await importFile(
      file(generateNessusFile({ seed: 1, hosts: 5, findingsPerHost: 4 })),
    );
    expect(nessus.info.format).toBe('nessus');
    expect(nessus.hosts).toHaveLength(5);
    const nmap = await importFile(file(generateNmapXml({ seed: 1, hosts: 5 })), 'nmap');
    expect(nmap.info.format).toBe('nmap');
    expect(nmap.hosts.length).toBeGreaterThan(0);
  });

  it('reads a file larger than the detection head in several chunks', async () => {
    const path = file(generateNessusFile({ seed: 2, hosts: 60, findingsPerHost: 20 }));
    const seen: number[] = [];
    const hosts: ScanHostResult[] = [];
    await parseScanFile(path, { onHost: (h) => void hosts.push(h), onBytes: (n) => seen.push(n) });
    expect(hosts).toHaveLength(60);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('refuses a --format that contradicts the content', async () => {
    const error = await importError(file(generateNmapXml({ seed: 1, hosts: 2 })), 'nessus');
    expect(error.message).toContain('--format nessus');
    expect(error.message).toContain('it is Nmap XML (<nmaprun>)');
  });

  it('explains files it does not recognise', async () => {
    const expected =
      'unrecognised file: expected Nmap XML (<nmaprun>) or Nessus v2 (<NessusClientData_v2>)';
    const csv = await importError(file('Plugin ID,CVE,Risk,Host\n57608,,Medium,10.0.0.1\n'));
    expect(csv.message).toBe(`${expected}; the file is not XML`);
    const html = await importError(file('<!DOCTYPE html>\n<html><body>login</body></html>'));
    expect(html.message).toBe(`${expected}; the root element is <html>`);
    const v1 = await importError(
      file('<?xml version="1.0"?><NessusClientData><Report/></NessusClientData>'),
    );
    expect(v1.message).toContain('old Nessus v1 format');
    expect((await importError(file(''))).message).toBe(`${expected}; the file is empty`);
    const binary = await importError(
      file(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0x13, 0x37])),
    );
    expect(binary.message).toContain(expected);
  });

  it('lets a named format report what is wrong with a file it cannot recognise', async () => {
    const error = await importError(file('this is not a scan'), 'nmap');
    expect(error.message).toContain('not an XML document: expected <nmaprun>');
  });

  it('reports a truncated file with the element and the last line', async () => {
    const xml = generateNessusFile({ seed: 3, hosts: 4, findingsPerHost: 6 });
    const cut = xml.slice(0, xml.indexOf('<synopsis>', xml.lastIndexOf('<ReportItem ')) + 15);
    const error = await importError(file(cut));
    expect(error).toMatchObject({ element: 'synopsis', line: cut.split('\n').length });
    expect(error.message).toContain('ReportHost > ReportItem > synopsis');
  });
});

import { describe, expect, it } from 'vitest';
import { mixSeed, mulberry32 } from '../../demo/scan-random.ts';
import { parseNessusV2 } from './nessus-v2.ts';
import { parseNmapXml } from './nmap-xml.ts';
import { ScanParseError } from './scan-types.ts';
import type { ScanParser } from './scan-types.ts';

async function outcome(parser: ScanParser, input: Uint8Array | string): Promise<unknown> {
  async function* once() {
    yield input;
  }
  return parser(once(), { onHost: () => {} }).then(
    () => 'ok',
    (e: unknown) => e,
  );
}

describe('streamXml errors', () => {
  it('gives line, column and element for malformed XML', async () => {
    const error = await outcome(
      parseNmapXml,
      '<nmaprun>\n<host>\n<status state=up/>\n</host>\n</nmaprun>',
    );
    expect(error).toBeInstanceOf(ScanParseError);
    expect(error).toMatchObject({ line: 3, element: 'status' });
    expect((error as Error).message).toMatch(
      /^line 3, <status>: malformed XML: unquoted attribute value/,
    );
  });

  it('does not expand entities declared in a DTD', async () => {
    const bomb =
      '<?xml version="1.0"?>\n<!DOCTYPE nmaprun [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n<nmaprun args="&b;"></nmaprun>';
    const error = await outcome(parseNmapXml, bomb);
    expect((error as Error).message).toContain('undefined entity');
  });

  it('never hangs or crashes on garbage: it parses or rejects with a ScanParseError', async () => {
    const valid = new TextEncoder().encode(
      '<?xml version="1.0"?>\n<NessusClientData_v2><Report name="x"><ReportHost name="10.0.0.1"><ReportItem port="1" severity="2" pluginID="5"/></ReportHost></Report></NessusClientData_v2>',
    );
    const random = mulberry32(mixSeed(42));
    for (let round = 0; round < 300; round++) {
      // Mutate a few bytes of a valid document, or write pure noise.
      const input =
        round % 3 === 0
          ? new Uint8Array(200).map(() => Math.floor(random() * 256))
          : valid.map((b) => (random() < 0.03 ? Math.floor(random() * 256) : b));
      for (const parser of [parseNessusV2, parseNmapXml]) {
        const result = await outcome(parser, input);
        if (result !== 'ok') expect(result).toBeInstanceOf(ScanParseError);
      }
    }
  });
});

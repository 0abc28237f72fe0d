import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { streamJsonArray } from './json-array-stream.ts';
import { tempDir } from './feeds-test-kit.ts';

describe('streamJsonArray', () => {
  it('cuts out each element and copies top-level scalars, whatever the chunking', async () => {
    const items = Array.from({ length: 2000 }, (_, i) => ({
      cve: {
        id: `CVE-2024-${10000 + i}`,
        text: 'quote " brace } bracket ] and ünïcödé',
        nested: [[{ a: i }]],
      },
    }));
    const doc = {
      resultsPerPage: 2000,
      format: 'NVD_CVE',
      skip: { vulnerabilities: [1] },
      vulnerabilities: [...items, 7],
      after: 'x',
    };
    const path = join(tempDir(), 'page.json');
    writeFileSync(path, JSON.stringify(doc, null, 1));
    const header: Record<string, string | number> = {};
    const got = [];
    for await (const item of streamJsonArray(path, 'vulnerabilities', header)) got.push(item);
    expect(got).toHaveLength(2001);
    expect(got.slice(0, 2000).map((g) => JSON.parse(g.text!))).toEqual(items);
    expect(got[2000]).toEqual({ index: 2000, text: null });
    expect(header).toEqual({ resultsPerPage: 2000, format: 'NVD_CVE', after: 'x' });
  });

  it('reports a truncated file', async () => {
    const path = join(tempDir(), 'cut.json');
    writeFileSync(path, '{"vulnerabilities": [{"cve": {"id": "CVE-2024-1"}}, {"cve": {');
    const run = async () => {
      for await (const _ of streamJsonArray(path, 'vulnerabilities', {})) void _;
    };
    await expect(run()).rejects.toThrow(/cut.json: the JSON ends early/);
  });
});

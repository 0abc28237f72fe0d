import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatRangeResponse,
  importCorpus,
  openCorpus,
  writeHibpFile,
  type Corpus,
} from './index.ts';

let root: string;
let corpus: Corpus;
let sha1Lines: string[];
let ntlmLines: string[];

/** `count` sorted random hashes under one prefix, so a bucket holds more than the usual one. */
function denseLines(prefix: string, hexLength: number, count: number): string[] {
  const lines = new Set<string>();
  while (lines.size < count) {
    const rest = randomBytes(20)
      .toString('hex')
      .toUpperCase()
      .slice(0, hexLength - 5);
    lines.add(`${prefix}${rest}:${1 + (lines.size % 17)}`);
  }
  return [...lines].sort();
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'ward-corpus-range-'));
  const generated = join(root, 'sha1.txt');
  writeHibpFile(generated, {
    kind: 'sha1',
    lines: 200_000,
    seed: 3,
    passwords: [{ password: 'password', count: 10_434_004 }],
  });
  sha1Lines = readFileSync(generated, 'latin1').trimEnd().split('\n');
  // 1,200 hashes under ABCDE: more than padding's maximum, so padding must add none there.
  const dense = join(root, 'dense-sha1.txt');
  writeFileSync(dense, denseLines('ABCDE', 40, 1200).join('\r\n'));
  sha1Lines.push(...readFileSync(dense, 'latin1').split('\r\n'));
  const ntlm = join(root, 'ntlm.txt');
  ntlmLines = denseLines('8846F', 32, 40);
  writeFileSync(ntlm, `${ntlmLines.join('\n')}\n`);
  await importCorpus({ dir: join(root, 'corpus'), files: [generated, dense, ntlm] });
  corpus = openCorpus(join(root, 'corpus'));
});

afterAll(() => {
  corpus.close();
  rmSync(root, { recursive: true, force: true });
});

const expected = (lines: string[], prefix: string) =>
  lines
    .filter((l) => l.startsWith(prefix))
    .map((l) => l.slice(5))
    .sort();
const parse = (body: string) => body.split('\r\n').map((l) => l.split(':'));

describe('range requests', () => {
  it('returns exactly the imported lines of a prefix, in order, like api.pwnedpasswords.com', () => {
    for (const prefix of ['5BAA6', 'ABCDE', '00000', 'FFFFF', '80000']) {
      const body = formatRangeResponse(corpus.sha1!.range(prefix.toLowerCase()), {
        padding: false,
        kind: 'sha1',
      });
      const want = expected(sha1Lines, prefix);
      expect(body).toBe(want.join('\r\n'));
    }
    const body = formatRangeResponse(corpus.sha1!.range('5baa6'), { padding: false, kind: 'sha1' });
    expect(body).toContain('1E4C9B93F3F0682250B6CF8331B7EE68FD8:10434004');
    expect(body.endsWith('\n')).toBe(false);
  });

  it('pads with count-0 rows to 800..1,000 rows without changing the real ones', () => {
    const real = corpus.sha1!.range('5BAA6');
    const totals = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const rows = parse(formatRangeResponse(real, { padding: true, kind: 'sha1' }));
      totals.add(rows.length);
      expect(rows.length).toBeGreaterThanOrEqual(800);
      expect(rows.length).toBeLessThanOrEqual(1000);
      const suffixes = rows.map((r) => r[0]!);
      expect(suffixes).toEqual([...suffixes].sort());
      expect(new Set(suffixes).size).toBe(suffixes.length);
      for (const [suffix] of rows) expect(suffix).toMatch(/^[0-9A-F]{35}$/);
      expect(rows.filter((r) => r[1] !== '0').map((r) => r.join(':'))).toEqual(
        real.map((r) => `${r.suffix}:${r.count}`),
      );
    }
    expect(totals.size).toBeGreaterThan(1);
    const dense = parse(
      formatRangeResponse(corpus.sha1!.range('ABCDE'), { padding: true, kind: 'sha1' }),
    );
    expect(dense.length).toBe(1200);
    expect(dense.every((r) => r[1] !== '0')).toBe(true);
  });

  it('serves NTLM ranges with 27-hex suffixes', () => {
    const rows = corpus.ntlm!.range('8846f');
    expect(rows.map((r) => `${r.suffix}:${r.count}`)).toEqual(expected(ntlmLines, '8846F'));
    const padded = parse(formatRangeResponse(rows, { padding: true, kind: 'ntlm' }));
    for (const [suffix] of padded) expect(suffix).toMatch(/^[0-9A-F]{27}$/);
    expect(() => formatRangeResponse(rows, { padding: false, kind: 'sha1' })).toThrow(/35 hex/);
  });

  it('rejects a prefix that is not 5 hex digits', () => {
    for (const bad of ['5BAA', '5BAA61', 'GGGGG', '', '5baa6\n']) {
      expect(() => corpus.sha1!.range(bad)).toThrow(/5 hex digits/);
    }
  });
});

import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IndexFile } from './corpus-index.ts';
import { varintLength, writeVarint } from './index-format.ts';
import { IndexWriter } from './index-writer.ts';
import { openCorpus } from './open-corpus.ts';

const root = mkdtempSync(join(tmpdir(), 'ward-corpus-format-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const key = (hex: string) => Buffer.from(hex.padEnd(40, '0'), 'hex');

function writeIndex(path: string, entries: Array<[string, number]>, compact = false): void {
  const writer = new IndexWriter(path, 'sha1', compact);
  for (const [hex, count] of entries) writer.add(key(hex), 0, count);
  writer.finish({ sources: ['test'], importedAt: '2026-01-01T00:00:00.000Z' });
}

describe('index format', () => {
  it('writes varints that use 1 byte below 128 and survive counts past 2^32', () => {
    const out = new Uint8Array(16);
    for (const v of [0, 1, 127, 128, 16_383, 16_384, 2 ** 31, 2 ** 35 + 3, 2 ** 53 - 1]) {
      const end = writeVarint(out, 0, v);
      expect(end).toBe(varintLength(v));
      let decoded = 0;
      for (let i = end - 1; i >= 0; i--) decoded = decoded * 128 + (out[i]! & 127);
      expect(decoded).toBe(v);
    }
    expect(varintLength(127)).toBe(1);
  });

  it('keeps exact counts, sums equal hashes and finds every entry of a crowded bucket', () => {
    const path = join(root, 'counts.idx');
    const entries: Array<[string, number]> = [
      ['00000', 1],
      ['5BAA60', 7],
      ['5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8', 8],
      ['5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8', 2 ** 35],
      ['5BAA6F', 2 ** 31 + 5],
      ['FFFFFFFF', 42_000_000],
    ];
    writeIndex(path, entries);
    const index = new IndexFile(path);
    try {
      expect(index.entries).toBe(5);
      expect(index.count(key('5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8'))).toBe(2 ** 35 + 8);
      expect(index.count(key('5BAA60'))).toBe(7);
      expect(index.count(key('5BAA6F'))).toBe(2 ** 31 + 5);
      expect(index.count(key('5BAA6E'))).toBe(0);
      expect(index.count(key('00000'))).toBe(1);
      expect(index.count(key('FFFFFFFF'))).toBe(42_000_000);
      expect(index.range('5baa6').map((r) => r.count)).toEqual([7, 2 ** 35 + 8, 2 ** 31 + 5]);
      expect(index.range('5BAA6')[1]!.suffix).toBe('1E4C9B93F3F0682250B6CF8331B7EE68FD8');
    } finally {
      index.close();
    }
    expect(() => index.count(key('00000'))).toThrow(/closed/);
  });

  it('refuses entries out of order', () => {
    const writer = new IndexWriter(join(root, 'order.idx'), 'sha1', false);
    writer.add(key('BB'), 0, 1);
    expect(() => writer.add(key('AA'), 0, 1)).toThrow(/out of order/);
    writer.close();
  });

  it('refuses a truncated or foreign file with a message naming it', () => {
    const path = join(root, 'sha1.idx');
    writeIndex(path, [['AB', 1]]);
    const whole = readFileSync(path);
    writeFileSync(path, whole.subarray(0, whole.length - 3));
    expect(() => new IndexFile(path)).toThrow(
      /sha1\.idx: not a Ward corpus index \(bad magic at the end/,
    );
    writeFileSync(path, 'HASH:COUNT\n'.repeat(10));
    expect(() => openCorpus(root)).toThrow(/sha1\.idx: not a Ward corpus index/);
  });

  it('costs the bucket table (about 1 MiB) plus 9 bytes per small-count entry in compact mode', () => {
    const path = join(root, 'compact.idx');
    writeIndex(
      path,
      [
        ['12345678', 3],
        ['9ABCDEF0', 1],
      ],
      true,
    );
    const size = statSync(path).size;
    const index = new IndexFile(path);
    expect(index.meta.dataBytes).toBe(18);
    expect(index.meta.fenceBytes).toBe(2 ** 20);
    expect(size - index.meta.dataBytes - index.meta.fenceBytes).toBeLessThan(400);
    expect(index.count(key('12345678'))).toBe(3);
    index.close();
  });
});

import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ntlmHash } from '../hashing/ntlm.ts';
import { importCorpus, openCorpus, passwordBreachCount, writeHibpFile } from './index.ts';
import { sortHashes } from './list-source.ts';

const sha1 = (s: string) => createHash('sha1').update(s, 'utf8').digest();
let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'ward-corpus-lists-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('importing plain password lists', () => {
  it('hashes each line both ways and counts duplicates', async () => {
    const list = join(root, 'banned.txt');
    // A BOM, CRLF endings, blank lines, a repeated password, spaces kept, non-ASCII text.
    writeFileSync(
      list,
      '\uFEFFStMarys2024\r\nwinter2024\r\n\r\nStMarys2024\r\npass word \r\nKrankenhaus-Süd\r\nStMarys2024',
    );
    const dir = join(root, 'one');
    const tempDir = join(root, 'tmp');
    const result = await importCorpus({ dir, files: [list], tempDir });
    expect(result.indexes.map((i) => [i.kind, i.entries, i.lines])).toEqual([
      ['sha1', 4, 6],
      ['ntlm', 4, 6],
    ]);
    const corpus = openCorpus(dir);
    try {
      const { lookup } = corpus;
      expect(lookup.sha1Count(sha1('StMarys2024'))).toBe(3);
      expect(lookup.ntlmCount(ntlmHash('StMarys2024'))).toBe(3);
      expect(lookup.sha1Count(sha1('winter2024'))).toBe(1);
      expect(lookup.sha1Count(sha1('pass word '))).toBe(1);
      expect(lookup.ntlmCount(ntlmHash('Krankenhaus-Süd'))).toBe(1);
      expect(passwordBreachCount(lookup, 'Krankenhaus-Süd')).toBe(1);
      expect(lookup.sha1Count(sha1(''))).toBe(0);
      expect(lookup.sha1Count(sha1('\uFEFFStMarys2024'))).toBe(0);
    } finally {
      corpus.close();
    }
    // The partition files are temporary.
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('keeps a HIBP corpus when a local list is added later, and adds counts where both have a password', async () => {
    const dir = join(root, 'hibp-then-list');
    const hibp = join(root, 'pwned.txt');
    writeHibpFile(hibp, {
      kind: 'sha1',
      lines: 100_000,
      seed: 5,
      passwords: [{ password: 'password', count: 1000 }],
    });
    await importCorpus({ dir, files: [hibp] });
    const list = join(root, 'local.txt');
    writeFileSync(list, 'password\npassword\nmercy-general-1\n');
    const result = await importCorpus({ dir, files: [list] });
    expect(result.indexes[0]).toMatchObject({ kind: 'sha1', entries: 100_001, merged: true });
    expect(result.indexes[1]).toMatchObject({ kind: 'ntlm', entries: 2, merged: false });
    const corpus = openCorpus(dir);
    try {
      expect(corpus.lookup.sha1Count(sha1('password'))).toBe(1002);
      expect(corpus.lookup.sha1Count(sha1('mercy-general-1'))).toBe(1);
      expect(corpus.lookup.ntlmCount(ntlmHash('password'))).toBe(2);
    } finally {
      corpus.close();
    }
  });

  it('indexes a list of 200,000 lines with many duplicates', async () => {
    const lines: string[] = [];
    const expectedCounts = new Map<string, number>();
    for (let i = 0; i < 200_000; i++) {
      // Every 10th line is one of 50 common passwords (400 times each).
      const pw = i % 10 === 0 ? `common${i % 500}` : `user-${i}-${randomBytes(3).toString('hex')}`;
      lines.push(pw);
      expectedCounts.set(pw, (expectedCounts.get(pw) ?? 0) + 1);
    }
    const list = join(root, 'big.txt');
    writeFileSync(list, lines.join('\n'));
    const dir = join(root, 'big');
    const result = await importCorpus({ dir, files: [list] });
    expect(result.indexes[0]!.entries).toBe(expectedCounts.size);
    const corpus = openCorpus(dir);
    try {
      expect(corpus.lookup.sha1Count(sha1('common0'))).toBe(400);
      expect(corpus.lookup.ntlmCount(ntlmHash('common120'))).toBe(400);
      for (const pw of lines.slice(0, 2000)) {
        expect(corpus.lookup.sha1Count(sha1(pw))).toBe(expectedCounts.get(pw));
      }
    } finally {
      corpus.close();
    }
  });
});

describe('sortHashes', () => {
  it('sorts hashes sharing their first byte and sums duplicates', () => {
    const n = 50_000;
    const raw = new Uint8Array(n * 20);
    for (let i = 0; i < n; i++) {
      const h = randomBytes(20);
      h[0] = 0x5b;
      // Some share 6 leading bytes, so the numeric pre-sort leaves ties to break byte by byte.
      if (i % 7 === 0) h.set([0x5b, 1, 2, 3, 4, 5], 0);
      raw.set(i % 5 === 0 && i > 0 ? raw.subarray((i - 1) * 20, i * 20) : h, i * 20);
    }
    const sorted = sortHashes(raw, 20);
    const want = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const k = Buffer.from(raw.subarray(i * 20, i * 20 + 20)).toString('hex');
      want.set(k, (want.get(k) ?? 0) + 1);
    }
    const keys = [...want.keys()].sort();
    expect(sorted.length).toBe(keys.length);
    for (let i = 0; i < sorted.length; i++) {
      const k = Buffer.from(sorted.keys.subarray(i * 20, i * 20 + 20)).toString('hex');
      expect(k).toBe(keys[i]);
      expect(sorted.counts[i]).toBe(want.get(k));
    }
  });
});

import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ntlmHash } from '../hashing/ntlm.ts';
import {
  buildSyntheticIndex,
  importCorpus,
  openCorpus,
  passwordBreachCount,
  writeHibpFile,
  type CorpusImportProgress,
} from './index.ts';

const sha1 = (s: string) => createHash('sha1').update(s, 'utf8').digest();
const hex = (h: string) => Buffer.from(h, 'hex');
const PLANTED = [
  { password: 'password', count: 10_434_004 },
  { password: '123456', count: 42_000_000 },
  { password: 'Winter2024!', count: 3 },
];

let root: string;
let sha1File: string;
let ntlmFile: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'ward-corpus-import-'));
  sha1File = join(root, 'pwned-passwords-sha1.txt');
  ntlmFile = join(root, 'pwned-passwords-ntlm.txt');
  writeHibpFile(sha1File, {
    kind: 'sha1',
    lines: 600_000,
    seed: 7,
    passwords: PLANTED,
    crlf: true,
  });
  writeHibpFile(ntlmFile, { kind: 'ntlm', lines: 300_000, seed: 8, passwords: PLANTED });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('importCorpus of Pwned Passwords downloads', () => {
  it('indexes SHA-1 and NTLM files and answers lookups with the exact counts', async () => {
    const dir = join(root, 'both');
    const progress: CorpusImportProgress[] = [];
    const result = await importCorpus({
      dir,
      files: [sha1File, ntlmFile],
      onProgress: (p) => progress.push(p),
    });
    expect(result.resumed).toBe(false);
    expect(result.indexes.map((i) => [i.kind, i.entries, i.lines])).toEqual([
      ['sha1', 600_000, 600_000],
      ['ntlm', 300_000, 300_000],
    ]);
    const sha1Result = result.indexes[0]!;
    expect(sha1Result.bytes).toBe(statSync(join(dir, 'sha1.idx')).size);
    expect(sha1Result.bytesPerEntry).toBeCloseTo(sha1Result.bytes / 600_000, 6);
    expect(progress.at(-1)).toMatchObject({ phase: 'build-ntlm', entriesWritten: 300_000 });

    const corpus = openCorpus(dir);
    try {
      const { lookup } = corpus;
      expect(lookup.sha1Count(hex('5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8'))).toBe(10_434_004);
      expect(lookup.sha1Count(sha1('123456'))).toBe(42_000_000);
      expect(lookup.sha1Count(sha1('Winter2024!'))).toBe(3);
      expect(lookup.sha1Count(sha1('not in the corpus, surely'))).toBe(0);
      expect(lookup.ntlmCount(hex('8846F7EAEE8FB117AD06BDD830B7586C'))).toBe(10_434_004);
      expect(lookup.ntlmCount(ntlmHash('123456'))).toBe(42_000_000);
      expect(lookup.ntlmCount(ntlmHash('not in the corpus, surely'))).toBe(0);
      expect(passwordBreachCount(lookup, 'password')).toBe(10_434_004);
      expect(passwordBreachCount(lookup, 'correct horse battery staple')).toBe(0);
      expect(() => lookup.sha1Count(ntlmHash('x'))).toThrow(/20-byte digest/);

      const status = corpus.status();
      expect(status.indexes.map((i) => [i.kind, i.entries, i.compact, i.sources])).toEqual([
        ['sha1', 600_000, false, ['pwned-passwords-sha1.txt']],
        ['ntlm', 300_000, false, ['pwned-passwords-ntlm.txt']],
      ]);
    } finally {
      corpus.close();
    }
  });

  it('merges a second import with the index already there, and replace starts from empty', async () => {
    const dir = join(root, 'merge');
    await importCorpus({ dir, files: [ntlmFile] });
    const extra = join(root, 'extra-ntlm.txt');
    // The same planted passwords again: their counts add up; 50,000 new random hashes join.
    writeHibpFile(extra, { kind: 'ntlm', lines: 50_003, seed: 99, passwords: PLANTED });
    const corpus = openCorpus(dir);
    try {
      expect(corpus.ntlm?.entries).toBe(300_000);
      const merged = await importCorpus({ dir, files: [extra] });
      expect(merged.indexes[0]).toMatchObject({ kind: 'ntlm', merged: true, lines: 50_003 });
      expect(merged.indexes[0]!.entries).toBe(350_000);
      expect(merged.warnings).toEqual([]);

      // A server keeps the corpus open; refresh() picks up the renamed file.
      const fresh = corpus.refresh();
      expect(fresh.ntlm?.entries).toBe(350_000);
      expect(fresh.lookup.ntlmCount(ntlmHash('password'))).toBe(2 * 10_434_004);
      expect(fresh.lookup.sha1Count(sha1('password'))).toBeUndefined();
      expect(fresh.status().indexes[0]!.sources).toEqual([
        'pwned-passwords-ntlm.txt',
        'extra-ntlm.txt',
      ]);

      const again = await importCorpus({ dir, files: [extra] });
      expect(again.warnings).toEqual([
        expect.stringMatching(/extra-ntlm\.txt was imported into ntlm\.idx before.*--replace/),
      ]);
      const replaced = await importCorpus({ dir, files: [extra], replace: true });
      expect(replaced.warnings).toEqual([]);
      expect(replaced.indexes[0]).toMatchObject({ entries: 50_003, merged: false });
      fresh.refresh();
      expect(fresh.lookup.ntlmCount(ntlmHash('password'))).toBe(10_434_004);
    } finally {
      corpus.close();
    }
  });

  it('opens an empty or missing directory as a corpus without indexes', () => {
    const corpus = openCorpus(join(root, 'nothing-here'));
    expect(corpus.status()).toEqual({ indexes: [] });
    expect(corpus.sha1).toBeUndefined();
    expect(corpus.lookup.sha1Count(sha1('password'))).toBeUndefined();
    expect(passwordBreachCount(corpus.lookup, 'password')).toBeUndefined();
    corpus.close();
  });

  it('builds a synthetic index equal in lookups to importing the same generated file', async () => {
    const dir = join(root, 'synthetic');
    const built = buildSyntheticIndex(dir, {
      kind: 'sha1',
      entries: 600_000,
      seed: 7,
      passwords: PLANTED,
    });
    expect(built.entries).toBe(600_000);
    const fromText = openCorpus(join(root, 'both'));
    const synthetic = openCorpus(dir);
    try {
      expect(synthetic.sha1?.range('5BAA6')).toEqual(fromText.sha1?.range('5BAA6'));
      expect(synthetic.sha1?.range('00000')).toEqual(fromText.sha1?.range('00000'));
      expect(synthetic.lookup.sha1Count(sha1('123456'))).toBe(42_000_000);
    } finally {
      fromText.close();
      synthetic.close();
    }
  });

  it('refuses a second import into the same directory while one runs, and takes over a stale lock', async () => {
    const dir = join(root, 'locked');
    const list = join(root, 'one-word.txt');
    writeFileSync(list, 'lockedword\n');
    const first = importCorpus({ dir, files: [list] });
    await expect(importCorpus({ dir, files: [list] })).rejects.toThrow(
      /another corpus import is running \(pid \d+\)/,
    );
    await first;
    // A lock left by a process that died (pid 2^22 + 1 is above Linux's pid_max default).
    writeFileSync(join(dir, 'import.lock'), String(2 ** 22 + 1));
    const again = await importCorpus({ dir, files: [list] });
    expect(again.indexes[0]!.entries).toBe(1);
  });

  it('finds an NTLM-only hit when the SHA-1 index holds only a local list', async () => {
    const dir = join(root, 'mixed');
    const list = join(root, 'banned.txt');
    writeFileSync(list, 'StMarys2024\n');
    await importCorpus({ dir, files: [ntlmFile, list] });
    const corpus = openCorpus(dir);
    try {
      expect(corpus.lookup.sha1Count(sha1('password'))).toBe(0);
      expect(passwordBreachCount(corpus.lookup, 'password')).toBe(10_434_004);
      expect(passwordBreachCount(corpus.lookup, 'StMarys2024')).toBe(1);
    } finally {
      corpus.close();
    }
  });
});

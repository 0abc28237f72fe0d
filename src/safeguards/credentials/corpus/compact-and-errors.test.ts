import { createHash } from 'node:crypto';
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ntlmHash } from '../hashing/ntlm.ts';
import { CorpusInputError, importCorpus, openCorpus, writeHibpFile } from './index.ts';

const sha1 = (s: string) => createHash('sha1').update(s, 'utf8').digest();
const PLANTED = [
  { password: 'password', count: 10_434_004 },
  { password: '123456', count: 42_000_000 },
];
let root: string;
let sha1File: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'ward-corpus-compact-'));
  sha1File = join(root, 'pwned.txt');
  writeHibpFile(sha1File, { kind: 'sha1', lines: 700_000, seed: 11, passwords: PLANTED });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('compact mode', () => {
  it('stores at most 12 bytes per hash, answers lookups and refuses range requests', async () => {
    const dir = join(root, 'compact');
    const result = await importCorpus({ dir, files: [sha1File], compact: true });
    const bytes = statSync(join(dir, 'sha1.idx')).size;
    expect(result.indexes[0]).toMatchObject({ kind: 'sha1', compact: true, entries: 700_000 });
    expect(bytes / 700_000).toBeLessThanOrEqual(12);
    expect(result.indexes[0]!.bytesPerEntry).toBe(bytes / 700_000);

    const corpus = openCorpus(dir);
    try {
      expect(corpus.sha1?.compact).toBe(true);
      expect(corpus.lookup.sha1Count(sha1('password'))).toBe(10_434_004);
      expect(corpus.lookup.sha1Count(sha1('123456'))).toBe(42_000_000);
      let hits = 0;
      for (let i = 0; i < 5000; i++) hits += corpus.lookup.sha1Count(sha1(`absent-${i}`)) ?? 0;
      expect(hits).toBe(0);
      // Every line of the file is found with its count.
      const lines = readFileSync(sha1File, 'latin1').split('\n', 3000);
      for (const line of lines.slice(0, 2999)) {
        const [hash, count] = line.split(':');
        expect(corpus.lookup.sha1Count(Buffer.from(hash!, 'hex'))).toBe(Number(count));
      }
      expect(() => corpus.sha1!.range('5BAA6')).toThrow(
        /imported with --compact.*re-import without it to serve the range API/,
      );
      expect(corpus.status().indexes[0]).toMatchObject({ compact: true, entries: 700_000 });
    } finally {
      corpus.close();
    }
  });

  it('is smaller than full mode, which keeps whole hashes', async () => {
    const dir = join(root, 'full');
    const result = await importCorpus({ dir, files: [sha1File] });
    // 17 key bytes, a 1-2 byte varint, and the 1 MiB bucket table spread over 700,000 hashes.
    expect(result.indexes[0]!.bytesPerEntry).toBeGreaterThan(18);
    expect(result.indexes[0]!.bytesPerEntry).toBeLessThan(20);
  });

  it('converts a full index when merging into compact, but never compact into full', async () => {
    const dir = join(root, 'full-then-compact');
    await importCorpus({ dir, files: [sha1File] });
    const extra = join(root, 'extra.txt');
    writeFileSync(extra, 'password\nnew-local-password\n');
    await expect(importCorpus({ dir, files: [extra], compact: true })).resolves.toBeDefined();
    await expect(importCorpus({ dir, files: [extra] })).rejects.toThrow(
      /sha1\.idx was imported with --compact.*--replace/,
    );
    const corpus = openCorpus(dir);
    try {
      expect(corpus.sha1?.compact).toBe(true);
      expect(corpus.sha1?.entries).toBe(700_001);
      expect(corpus.lookup.sha1Count(sha1('password'))).toBe(10_434_005);
      expect(corpus.lookup.ntlmCount(ntlmHash('new-local-password'))).toBe(1);
    } finally {
      corpus.close();
    }
  });
});

describe('bad input', () => {
  const good = (i: number) => `${i.toString(16).toUpperCase().padStart(40, '0')}:${i + 1}`;
  const lines = (n: number) => Array.from({ length: n }, (_, i) => good(i + 1));

  async function expectRejected(name: string, body: string, message: RegExp): Promise<void> {
    const dir = join(root, 'keeps-old');
    if (!existsSync(join(dir, 'sha1.idx'))) await importCorpus({ dir, files: [sha1File] });
    const before = readFileSync(join(dir, 'sha1.idx'));
    const file = join(root, name);
    writeFileSync(file, body);
    const err = await importCorpus({ dir, files: [sha1File, file] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CorpusInputError);
    expect((err as Error).message).toMatch(message);
    // The previous index is untouched, and no partial files or checkpoint are left.
    expect(readFileSync(join(dir, 'sha1.idx')).equals(before)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['sha1.idx']);
    const corpus = openCorpus(dir);
    expect(corpus.lookup.sha1Count(sha1('password'))).toBe(10_434_004);
    corpus.close();
  }

  it('names the file and line of a malformed line', async () => {
    const body = [...lines(1233), 'not a hash line', ...lines(3)].join('\r\n');
    await expectRejected('broken.txt', body, /broken\.txt: line 1234: expected HASH:COUNT/);
    const noCount = [...lines(10), `${'A'.repeat(40)}:`].join('\n');
    await expectRejected('no-count.txt', noCount, /no-count\.txt: line 11: expected HASH:COUNT/);
    const ntlmInSha1 = [...lines(5), `${'F'.repeat(32)}:7`].join('\n');
    await expectRejected(
      'mixed.txt',
      ntlmInSha1,
      /mixed\.txt: line 6: expected HASH:COUNT \(a 40-hex SHA-1/,
    );
  });

  it('names the file and line of an unsorted line and says the format is sorted', async () => {
    const body = lines(500);
    body.splice(300, 0, good(5));
    await expectRejected(
      'unsorted.txt',
      body.join('\n'),
      /unsorted\.txt: line 301: not sorted.*sorted by hash/,
    );
  });

  it('accepts lower-case hex, a final line without newline and blank lines', async () => {
    const file = join(root, 'lower.txt');
    writeFileSync(file, `${'5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8'}:5\n\n`);
    appendFileSync(file, `${'7C4A8D09CA3762AF61E59520943DC26494F8941B'}:6`);
    const dir = join(root, 'lower');
    await importCorpus({ dir, files: [file] });
    const corpus = openCorpus(dir);
    expect(corpus.lookup.sha1Count(sha1('password'))).toBe(5);
    expect(corpus.lookup.sha1Count(sha1('123456'))).toBe(6);
    corpus.close();
  });

  it('reports a missing file by name', async () => {
    await expect(
      importCorpus({ dir: join(root, 'x'), files: [join(root, 'nope.txt')] }),
    ).rejects.toThrow(/nope\.txt: no such file/);
  });
});

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCorpus, openCorpus, writeHibpFile, type CorpusImportProgress } from './index.ts';

const sha1 = (s: string) => createHash('sha1').update(s, 'utf8').digest();
const PLANTED = [
  { password: 'password', count: 10_434_004 },
  { password: 'zzz-last-bucket?', count: 9 },
];
const LINES = 800_000;
let root: string;
let file: string;
let reference: Buffer;

/** The index without its metadata (which holds the import time): data and bucket table. */
function indexBody(dir: string): Buffer {
  const raw = readFileSync(join(dir, 'sha1.idx'));
  const metaLength = raw.readUInt32LE(raw.length - 12);
  const meta = JSON.parse(raw.toString('utf8', raw.length - 12 - metaLength, raw.length - 12)) as {
    fenceOffset: number;
    fenceBytes: number;
  };
  return raw.subarray(0, meta.fenceOffset + meta.fenceBytes);
}

/** Aborts once the build has read past `fraction` of its input. */
function abortAfter(fraction: number, phase: CorpusImportProgress['phase']) {
  const controller = new AbortController();
  const onProgress = (p: CorpusImportProgress) => {
    if (p.phase === phase && p.bytesRead > p.bytesTotal * fraction) controller.abort();
  };
  return { signal: controller.signal, onProgress, progressMs: 0 };
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'ward-corpus-resume-'));
  file = join(root, 'pwned.txt');
  writeHibpFile(file, { kind: 'sha1', lines: LINES, seed: 21, passwords: PLANTED });
  await importCorpus({ dir: join(root, 'reference'), files: [file] });
  reference = indexBody(join(root, 'reference'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('resuming an interrupted import', () => {
  it('continues after an AbortSignal from where it stopped, to the same index', async () => {
    const dir = join(root, 'aborted');
    const err = await importCorpus({ dir, files: [file], ...abortAfter(0.5, 'build-sha1') }).catch(
      (e: unknown) => e,
    );
    expect((err as Error).name).toBe('AbortError');
    expect((err as Error).message).toMatch(/run it again with the same files to resume/);
    expect(existsSync(join(dir, 'sha1.idx'))).toBe(false);
    expect(existsSync(join(dir, 'import-checkpoint.json'))).toBe(true);

    const result = await importCorpus({ dir, files: [file] });
    expect(result.resumed).toBe(true);
    expect(result.restartReason).toBeNull();
    const sha1Result = result.indexes[0]!;
    expect(sha1Result).toMatchObject({ resumed: true, lines: LINES, entries: LINES });
    expect(sha1Result.linesThisRun).toBeGreaterThan(0);
    expect(sha1Result.linesThisRun).toBeLessThan(LINES * 0.55);
    expect(indexBody(dir).equals(reference)).toBe(true);
    expect(existsSync(join(dir, 'import-checkpoint.json'))).toBe(false);
    const corpus = openCorpus(dir);
    expect(corpus.lookup.sha1Count(sha1('password'))).toBe(10_434_004);
    expect(corpus.lookup.sha1Count(sha1('zzz-last-bucket?'))).toBe(9);
    corpus.close();
  });

  it('continues after the process was killed, from its last periodic checkpoint', async () => {
    const dir = join(root, 'killed');
    const script = join(root, 'import-slowly.mjs');
    // Slowed down (2 ms a step) so that the kill lands mid-import on any machine.
    writeFileSync(
      script,
      `import { importCorpus } from ${JSON.stringify(join(import.meta.dirname, 'index.ts'))};
       const sleep = new Int32Array(new SharedArrayBuffer(4));
       await importCorpus({ dir: process.argv[2], files: [process.argv[3]], checkpointMs: 20,
         progressMs: 0, onProgress: () => Atomics.wait(sleep, 0, 0, 2) });`,
    );
    const child = spawn(process.execPath, [script, dir, file], { stdio: 'ignore' });
    const checkpoint = join(dir, 'import-checkpoint.json');
    const deadline = Date.now() + 20_000;
    let doneBucket = 0;
    while (doneBucket < 200_000 && Date.now() < deadline && child.exitCode === null) {
      await new Promise((r) => setTimeout(r, 20));
      try {
        doneBucket =
          (JSON.parse(readFileSync(checkpoint, 'utf8')) as { current?: { doneBucket: number } })
            .current?.doneBucket ?? 0;
      } catch {
        // Not written yet.
      }
    }
    child.kill('SIGKILL');
    await once(child, 'exit');
    expect(doneBucket).toBeGreaterThanOrEqual(200_000);
    expect(existsSync(join(dir, 'sha1.idx'))).toBe(false);

    const result = await importCorpus({ dir, files: [file] });
    expect(result.indexes[0]!.resumed).toBe(true);
    expect(result.indexes[0]!.linesThisRun).toBeLessThan(LINES * 0.9);
    expect(indexBody(dir).equals(reference)).toBe(true);
  });

  it('starts over, and says why, when an input changed since the interruption', async () => {
    const dir = join(root, 'changed');
    const input = join(root, 'changing.txt');
    writeHibpFile(input, { kind: 'sha1', lines: 300_000, seed: 1 });
    await importCorpus({ dir, files: [input], ...abortAfter(0.3, 'build-sha1') }).catch(
      () => undefined,
    );
    writeHibpFile(input, { kind: 'sha1', lines: 300_001, seed: 2, passwords: PLANTED.slice(0, 1) });
    const result = await importCorpus({ dir, files: [input] });
    expect(result.resumed).toBe(false);
    expect(result.restartReason).toMatch(
      /changing\.txt changed since the interrupted import; started over/,
    );
    expect(result.indexes[0]).toMatchObject({
      entries: 300_001,
      linesThisRun: 300_001,
      resumed: false,
    });
    const corpus = openCorpus(dir);
    expect(corpus.lookup.sha1Count(sha1('password'))).toBe(10_434_004);
    corpus.close();
  });

  it('resumes while hashing a password list', async () => {
    const list = join(root, 'list.txt');
    const passwords = Array.from({ length: 60_000 }, (_, i) => `pw${i % 20_000}`);
    writeFileSync(list, passwords.join('\n'));
    const whole = join(root, 'list-whole');
    await importCorpus({ dir: whole, files: [list] });
    const dir = join(root, 'list-aborted');
    const err = await importCorpus({ dir, files: [list], ...abortAfter(0.4, 'hash-lists') }).catch(
      (e: unknown) => e,
    );
    expect((err as Error).name).toBe('AbortError');
    const result = await importCorpus({ dir, files: [list] });
    expect(result.indexes.map((i) => [i.kind, i.entries, i.lines, i.resumed])).toEqual([
      ['sha1', 20_000, 60_000, true],
      ['ntlm', 20_000, 60_000, true],
    ]);
    expect(result.indexes[0]!.linesThisRun).toBeLessThan(60_000 * 0.7);
    for (const kind of ['sha1.idx', 'ntlm.idx']) {
      const a = readFileSync(join(whole, kind));
      const b = readFileSync(join(dir, kind));
      const body = (x: Buffer) => x.subarray(0, x.length - 12 - x.readUInt32LE(x.length - 12));
      expect(body(a).equals(body(b))).toBe(true);
    }
    const corpus = openCorpus(dir);
    expect(corpus.lookup.sha1Count(sha1('pw42'))).toBe(3);
    corpus.close();
  });
});

// Benchmark of the breached-password corpus (issue 5), printing its figures.
// Targets: import >= 2 million HIBP lines/s; full index as small as reasonable, compact <= 12
// bytes per hash; p99 lookup <= 1 ms; RSS of import and of an open index flat in corpus size.
//
//   npx node bench/creds-corpus.bench.ts                      (20 million lines, ~2 minutes)
//   npx node bench/creds-corpus.bench.ts --lines 2000000      (quick run)
//   BENCH_CORPUS_LINES=5000000 BENCH_CORPUS_LOOKUPS=50000 npx node bench/creds-corpus.bench.ts
//
// Each measured step runs in its own child process so that its peak RSS is its own.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  formatRangeResponse,
  importCorpus,
  openCorpus,
  writeHibpFile,
} from '../src/safeguards/credentials/corpus/index.ts';

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const peakRss = () => process.resourceUsage().maxRSS * 1024;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

interface ImportFigures {
  seconds: number;
  entries: number;
  bytes: number;
  bytesPerEntry: number;
  lines: number;
  rss: number;
}

interface LookupFigures {
  openMs: number;
  rssBefore: number;
  rssOpen: number;
  rssAfter: number;
  p50: number;
  p99: number;
  perSecond: number;
  rangeP50: number;
  rangeP99: number;
  wrong: number;
}

async function childImport(dir: string, files: string[], compact: boolean): Promise<ImportFigures> {
  const t = performance.now();
  const result = await importCorpus({ dir, files, compact });
  const seconds = (performance.now() - t) / 1000;
  const first = result.indexes[0]!;
  return {
    seconds,
    entries: first.entries,
    bytes: first.bytes,
    bytesPerEntry: first.bytesPerEntry,
    lines: first.lines,
    rss: peakRss(),
  };
}

const SAMPLE_BYTES = 28;

/**
 * Half the lookups are hashes sampled from the text file (their count must match), half random
 * (count 0). Written to a file by the parent so that the lookup child's RSS is the index's.
 */
function writeSamples(file: string, out: string, lookups: number): void {
  const size = statSync(file).size;
  const fd = openSync(file, 'r');
  const probe = Buffer.alloc(256);
  const samples = Buffer.alloc(lookups * SAMPLE_BYTES);
  for (let i = 0; i < lookups; i++) {
    const o = i * SAMPLE_BYTES;
    if (i % 2 === 1) {
      randomBytes(20).copy(samples, o);
      continue;
    }
    const at = Math.floor(Math.random() * Math.max(1, size - 256));
    const n = readSync(fd, probe, 0, probe.length, at);
    const text = probe.toString('latin1', 0, n);
    const line = (at === 0 ? text : text.slice(text.indexOf('\n') + 1)).split(/\r?\n/)[0]!;
    const [hash, count] = line.split(':');
    Buffer.from(hash!, 'hex').copy(samples, o);
    samples.writeDoubleLE(Number(count), o + 20);
  }
  closeSync(fd);
  writeFileSync(out, samples);
}

function childLookups(dir: string, samplesFile: string, ranges: boolean): LookupFigures {
  const samples = readFileSync(samplesFile);
  const lookups = samples.length / SAMPLE_BYTES;
  const rssBefore = peakRss();
  let t = performance.now();
  const corpus = openCorpus(dir);
  const openMs = performance.now() - t;
  const index = corpus.sha1!;
  const rssOpen = peakRss();
  const times = new Float64Array(lookups);
  let wrong = 0;
  const start = performance.now();
  for (let i = 0; i < lookups; i++) {
    const o = i * SAMPLE_BYTES;
    const digest = samples.subarray(o, o + 20);
    t = performance.now();
    const c = index.count(digest);
    times[i] = performance.now() - t;
    if (c !== samples.readDoubleLE(o + 20)) wrong++;
  }
  const perSecond = lookups / ((performance.now() - start) / 1000);
  const rssAfter = peakRss();
  const sorted = [...times].sort((a, b) => a - b);
  const rangeTimes: number[] = [];
  if (ranges) {
    for (let i = 0; i < 2000; i++) {
      const prefix = randomBytes(3).toString('hex').slice(0, 5);
      t = performance.now();
      formatRangeResponse(index.range(prefix), { padding: true, kind: 'sha1' });
      rangeTimes.push(performance.now() - t);
    }
    rangeTimes.sort((a, b) => a - b);
  }
  corpus.close();
  return {
    openMs,
    rssBefore,
    rssOpen,
    rssAfter,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    perSecond,
    rangeP50: ranges ? percentile(rangeTimes, 50) : 0,
    rangeP99: ranges ? percentile(rangeTimes, 99) : 0,
    wrong,
  };
}

function runChild<T>(args: string[]): T {
  const out = spawnSync(process.execPath, [import.meta.filename, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  });
  if (out.status !== 0) throw new Error(`bench child ${args[0]} failed (status ${out.status})`);
  return JSON.parse(out.stdout) as T;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      lines: { type: 'string', default: process.env['BENCH_CORPUS_LINES'] ?? '20000000' },
      lookups: { type: 'string', default: process.env['BENCH_CORPUS_LOOKUPS'] ?? '200000' },
      'list-lines': {
        type: 'string',
        default: process.env['BENCH_CORPUS_LIST_LINES'] ?? '1000000',
      },
    },
  });
  const lines = Number(values.lines);
  const lookups = Number(values.lookups);
  const listLines = Number(values['list-lines']);
  console.log(
    `machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${mib(totalmem())} RAM, node ${process.version}`,
  );
  const baseline = runChild<{ rss: number }>(['child-baseline']);
  console.log(`node baseline RSS (imports loaded, nothing done): ${mib(baseline.rss)}`);
  const dir = mkdtempSync(join(tmpdir(), 'ward-bench-corpus-'));
  try {
    const file = join(dir, 'pwned-passwords-sha1.txt');
    const t = performance.now();
    const written = writeHibpFile(file, { kind: 'sha1', lines, seed: 1, crlf: true });
    console.log(
      `generated ${lines.toLocaleString('en-US')} SHA-1 lines (${mib(written.bytes)}) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );

    const full = runChild<ImportFigures>(['child-import', join(dir, 'full'), file, 'full']);
    console.log(
      `import full:    ${full.seconds.toFixed(2)} s, ${(full.lines / full.seconds / 1e6).toFixed(2)} M lines/s (target >= 2), ` +
        `${full.bytesPerEntry.toFixed(2)} bytes/entry (${mib(full.bytes)}), peak RSS ${mib(full.rss)}`,
    );
    const compact = runChild<ImportFigures>([
      'child-import',
      join(dir, 'compact'),
      file,
      'compact',
    ]);
    console.log(
      `import compact: ${compact.seconds.toFixed(2)} s, ${(compact.lines / compact.seconds / 1e6).toFixed(2)} M lines/s, ` +
        `${compact.bytesPerEntry.toFixed(2)} bytes/entry (target <= 12; ${mib(compact.bytes)}), peak RSS ${mib(compact.rss)}`,
    );

    const samples = join(dir, 'samples.bin');
    writeSamples(file, samples, lookups);
    for (const [name, sub, ranges] of [
      ['full', 'full', true],
      ['compact', 'compact', false],
    ] as const) {
      const l = runChild<LookupFigures>(['child-lookup', join(dir, sub), samples, String(ranges)]);
      console.log(
        `lookups ${name.padEnd(7)} ${lookups.toLocaleString('en-US')} (half present): p50 ${(l.p50 * 1000).toFixed(1)} us, ` +
          `p99 ${(l.p99 * 1000).toFixed(1)} us (target <= 1 ms), ${Math.round(l.perSecond).toLocaleString('en-US')}/s, ` +
          `${l.wrong} wrong; open ${l.openMs.toFixed(0)} ms; peak RSS before open ${mib(l.rssBefore)}, ` +
          `open ${mib(l.rssOpen)}, after the lookups ${mib(l.rssAfter)}`,
      );
      if (ranges) {
        console.log(
          `range requests (2,000, padded): p50 ${(l.rangeP50 * 1000).toFixed(0)} us, p99 ${(l.rangeP99 * 1000).toFixed(0)} us`,
        );
      }
    }

    // The default import merges with what is there: the same file again doubles every count.
    const merged = runChild<ImportFigures>(['child-import', join(dir, 'full'), file, 'full']);
    console.log(
      `re-import merging into the full index: ${merged.seconds.toFixed(2)} s, ` +
        `${(merged.lines / merged.seconds / 1e6).toFixed(2)} M lines/s, peak RSS ${mib(merged.rss)}`,
    );

    if (listLines > 0) {
      const list = join(dir, 'list.txt');
      const words = Array.from({ length: listLines }, (_, i) => `Summer${i % 3000}!x${i}`);
      writeFileSync(list, words.join('\n'));
      const r = runChild<ImportFigures>(['child-import', join(dir, 'list'), list, 'full']);
      console.log(
        `plain list ${listLines.toLocaleString('en-US')} lines (both hashes, external sort): ${r.seconds.toFixed(2)} s, ` +
          `${(listLines / r.seconds / 1e6).toFixed(2)} M lines/s, peak RSS ${mib(r.rss)}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const [mode, ...rest] = process.argv.slice(2);
if (mode === 'child-baseline') {
  console.log(JSON.stringify({ rss: peakRss() }));
} else if (mode === 'child-import') {
  const [dir, file, kind] = rest;
  console.log(JSON.stringify(await childImport(dir!, [file!], kind === 'compact')));
} else if (mode === 'child-lookup') {
  const [dir, samples, ranges] = rest;
  console.log(JSON.stringify(childLookups(dir!, samples!, ranges === 'true')));
} else {
  await main();
}

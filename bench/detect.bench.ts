// Throughput of `ward detect`: EVTX parsing plus Sigma matching with every SigmaHQ Windows rule,
// on both cores, over EVTX-ATTACK-SAMPLES and over a larger generated set (the samples' events
// replicated into ~500k records of EVTX with writeEvtx). Prints events/s, peak RSS and
// parse-only records/s on one core, and which of Ward's own pack rules fire on the samples.
// Targets (2 cores): >= 30,000 events/s, <= 1 GB peak RSS.
//
//   npx node bench/detect.bench.ts            (500,000 generated events)
//   npx node bench/detect.bench.ts 200000     (another size)
//
// Each measured run is a child process, so its peak RSS is its own and not the generator's.
// Skips when ../shared/data is absent.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readEvtxFile, writeEvtx } from '../src/safeguards/ransomware/evtx/index.ts';
import type { EvtxJson } from '../src/safeguards/ransomware/events/event-types.ts';
import { listInputFiles } from '../src/safeguards/ransomware/events/index.ts';
import { runDetect, type DetectMatch } from '../src/safeguards/ransomware/detect/index.ts';

const DATA = fileURLToPath(new URL('../../shared/data/', import.meta.url));
const SAMPLES = join(DATA, 'evtx/EVTX-ATTACK-SAMPLES');
const SIGMA_WINDOWS = [
  join(DATA, 'sigma/rules/windows'),
  join(DATA, 'sigma/rules-threat-hunting/windows'),
  join(DATA, 'sigma/rules-emerging-threats'),
];
const SELF = fileURLToPath(import.meta.url);
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

interface PhaseResult {
  events: number;
  matches: number;
  rules: number;
  rulesFailed: number;
  seconds: number;
  /** CPU time of all threads: the hunt's cost whatever else the machine is doing. */
  cpuSeconds: number;
  maxRss: number;
  byRule?: Array<[string, number, string[]]>;
}

/** Child-process side: one hunt, results as JSON on stdout. */
async function runPhase(rules: 'sigma' | 'ward', workers: number, paths: string[]): Promise<void> {
  const byRule = new Map<string, { n: number; files: Set<string> }>();
  const onMatch = (m: DetectMatch) => {
    if (rules !== 'ward') return;
    const entry = byRule.get(m.rule_title) ?? { n: 0, files: new Set<string>() };
    entry.n++;
    entry.files.add(m.file.slice(SAMPLES.length + 1));
    byRule.set(m.rule_title, entry);
  };
  const cpuStart = process.cpuUsage();
  const summary = await runDetect({
    paths,
    ...(rules === 'sigma' ? { ruleDirs: SIGMA_WINDOWS.filter((d) => existsSync(d)) } : {}),
    workers,
    onMatch,
  });
  const cpu = process.cpuUsage(cpuStart);
  const result: PhaseResult = {
    events: summary.events,
    matches: summary.matches,
    rules: summary.rules,
    rulesFailed: summary.rulesFailed,
    seconds: summary.seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    maxRss: process.resourceUsage().maxRSS * 1024,
    byRule: [...byRule].map(([title, e]) => [title, e.n, [...e.files].slice(0, 3)]),
  };
  process.stdout.write(JSON.stringify(result));
}

function phase(rules: 'sigma' | 'ward', workers: number, paths: string[]): PhaseResult {
  const out = execFileSync(process.execPath, [SELF, '--phase', rules, String(workers), ...paths], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out) as PhaseResult;
}

/** Replicates the samples' records into files of 50k records until `total` is reached. */
function generateSet(total: number): string {
  const dir = join(tmpdir(), `ward-detect-bench-${total}`);
  if (existsSync(dir) && readdirSync(dir).length > 0) return dir;
  mkdirSync(dir, { recursive: true });
  const events: EvtxJson[] = [];
  for (const file of listInputFiles([SAMPLES])) {
    if (!file.endsWith('.evtx')) continue;
    for (const r of readEvtxFile(file, {})) events.push(r.event);
  }
  const perFile = 50_000;
  const base = Date.parse('2024-03-01T00:00:00Z');
  for (let written = 0, f = 0; written < total; f++) {
    const n = Math.min(perFile, total - written);
    const records = [];
    for (let i = 0; i < n; i++) {
      const id = written + i + 1;
      records.push({
        recordId: id,
        timestamp: new Date(base + id * 100).toISOString(),
        event: events[(written + i) % events.length]!,
      });
    }
    writeFileSync(join(dir, `generated-${String(f).padStart(3, '0')}.evtx`), writeEvtx(records));
    written += n;
  }
  return dir;
}

function parseOnly(dir: string): { records: number; seconds: number } {
  const started = performance.now();
  let records = 0;
  for (const file of listInputFiles([dir])) for (const _ of readEvtxFile(file, {})) records++;
  return { records, seconds: (performance.now() - started) / 1000 };
}

function report(label: string, r: PhaseResult): void {
  const rate = Math.round(r.events / r.seconds).toLocaleString('en-US');
  console.log(
    `${label.padEnd(34)} ${r.events.toLocaleString('en-US').padStart(9)} events ${r.seconds.toFixed(2).padStart(7)} s  ${rate.padStart(8)} events/s  ${String(r.matches).padStart(6)} matches  cpu ${r.cpuSeconds.toFixed(1)} s  peak RSS ${mib(r.maxRss)}  (${r.rules} rules, ${r.rulesFailed} not compiled)`,
  );
}

if (process.argv[2] === '--phase') {
  const [rules, workers, ...paths] = process.argv.slice(3);
  await runPhase(rules as 'sigma' | 'ward', Number(workers), paths);
} else if (!existsSync(SAMPLES) || !existsSync(SIGMA_WINDOWS[0]!)) {
  console.log(`detect bench: skipped (${DATA} not found)`);
} else {
  const total = Number(process.argv[2] ?? 500_000);
  console.log(`ward detect bench: ${process.execArgv.join(' ')} node ${process.version}`);
  report('samples, SigmaHQ windows, 1 thread', phase('sigma', 1, [SAMPLES]));
  report('samples, SigmaHQ windows, 2 workers', phase('sigma', 2, [SAMPLES]));
  const genStarted = performance.now();
  const dir = generateSet(total);
  console.log(
    `generated set: ${dir} (${((performance.now() - genStarted) / 1000).toFixed(1)} s to build or reuse)`,
  );
  const parse = parseOnly(dir);
  console.log(
    `parse only, 1 core:                 ${parse.records.toLocaleString('en-US')} records in ${parse.seconds.toFixed(2)} s = ${Math.round(parse.records / parse.seconds).toLocaleString('en-US')} records/s`,
  );
  report('generated, SigmaHQ windows, 1 thr', phase('sigma', 1, [dir]));
  report('generated, SigmaHQ windows, 2 wkr', phase('sigma', 2, [dir]));
  const ward = phase('ward', 2, [SAMPLES]);
  report("samples, Ward's pack, 2 workers", ward);
  console.log("Ward's pack rules firing on EVTX-ATTACK-SAMPLES:");
  for (const [title, n, files] of (ward.byRule ?? []).sort((a, b) => b[1] - a[1])) {
    console.log(`  ${String(n).padStart(5)}  ${title}   e.g. ${files.join(', ')}`);
  }
}

// EVTX parser fidelity and speed, printing its figures.
//
//   npx node bench/evtx-parse.bench.ts
//
// 1. Fidelity: every `<uuid>.evtx` in ../shared/data/sigma/regression_data is parsed and each
//    record compared, with no normalisation, with its evtx_dump JSON twin (`<uuid>.json`,
//    pretty-printed objects concatenated), matched by EventRecordID.
// 2. Robustness and speed: every file under ../shared/data/evtx/EVTX-ATTACK-SAMPLES; records,
//    warnings, crashes (must be 0), records/s and MB/s on one core (one warm-up pass first).
// Skips cleanly when ../shared/data is absent (it is not in users' clones).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  EvtxFormatError,
  readEvtx,
  writeEvtx,
  type EvtxWarning,
} from '../src/safeguards/ransomware/evtx/index.ts';

const DATA = new URL('../../shared/data/', import.meta.url).pathname;
const REGRESSION = join(DATA, 'sigma/regression_data');
const ATTACK = join(DATA, 'evtx/EVTX-ATTACK-SAMPLES');

function listFiles(dir: string, suffix: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path, suffix));
    else if (entry.name.toLowerCase().endsWith(suffix)) out.push(path);
  }
  return out.sort();
}

/** Splits concatenated JSON objects by brace depth outside strings. */
function splitObjects(text: string): unknown[] {
  const out: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') {
      if (depth++ === 0) start = i;
    } else if (c === '}' && --depth === 0) out.push(JSON.parse(text.slice(start, i + 1)));
  }
  return out;
}

function recordIdOf(event: unknown): unknown {
  return (event as { Event?: { System?: { EventRecordID?: unknown } } }).Event?.System
    ?.EventRecordID;
}

/** Differences between two JSON values as [path, ours, theirs]. */
function diff(
  ours: unknown,
  theirs: unknown,
  path: string,
  out: Array<[string, string, string]>,
): void {
  if (JSON.stringify(ours) === JSON.stringify(theirs)) return;
  const isObj = (v: unknown) => typeof v === 'object' && v !== null;
  if (isObj(ours) && isObj(theirs) && Array.isArray(ours) === Array.isArray(theirs)) {
    const a = ours as Record<string, unknown>;
    const b = theirs as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    if (
      JSON.stringify(Object.keys(a)) !== JSON.stringify(Object.keys(b)) &&
      keys.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]))
    ) {
      out.push([`${path} (key order)`, Object.keys(a).join(','), Object.keys(b).join(',')]);
      return;
    }
    for (const k of keys) diff(a[k], b[k], `${path}.${k}`, out);
    return;
  }
  out.push([path, JSON.stringify(ours) ?? 'undefined', JSON.stringify(theirs) ?? 'undefined']);
}

function fidelity(): void {
  const files = listFiles(REGRESSION, '.evtx');
  let compared = 0;
  let identical = 0;
  let missing = 0;
  let extra = 0;
  let warnings = 0;
  const diffs: Array<[string, string, string, string]> = [];
  for (const file of files) {
    const twinPath = file.replace(/\.evtx$/i, '.json');
    if (!existsSync(twinPath)) continue;
    const twins = new Map<unknown, unknown>();
    for (const t of splitObjects(readFileSync(twinPath, 'utf8'))) twins.set(recordIdOf(t), t);
    const seen = new Set<unknown>();
    for (const r of readEvtx(readFileSync(file), { onWarning: () => warnings++ })) {
      const id = recordIdOf(r.event);
      const twin = twins.get(id);
      if (twin === undefined) {
        extra++;
        continue;
      }
      seen.add(id);
      compared++;
      if (JSON.stringify(r.event) === JSON.stringify(twin)) identical++;
      else {
        const d: Array<[string, string, string]> = [];
        diff(r.event, twin, '', d);
        for (const x of d) diffs.push([file.slice(REGRESSION.length + 1), ...x]);
      }
    }
    missing += [...twins.keys()].filter((k) => !seen.has(k)).length;
  }
  console.log(
    `fidelity: ${files.length} files, ${compared} records compared, ${identical} identical (${((100 * identical) / Math.max(1, compared)).toFixed(2)}%), ${missing} twin records not produced, ${extra} records without twin, ${warnings} warnings`,
  );
  for (const [file, path, ours, theirs] of diffs.slice(0, 15)) {
    console.log(
      `  ${file}\n    ${path}\n      ours:   ${ours.slice(0, 160)}\n      theirs: ${theirs.slice(0, 160)}`,
    );
  }
  if (diffs.length > 15) console.log(`  ... ${diffs.length - 15} more differences`);
}

function robustness(badChecksum: 'skip' | 'read'): { records: number; seconds: number } {
  const files = listFiles(ATTACK, '.evtx');
  const contents = files.map((f) => readFileSync(f));
  const bytes = contents.reduce((n, c) => n + c.length, 0);
  const run = () => {
    let records = 0;
    let crashes = 0;
    let notEvtx = 0;
    const warnings: EvtxWarning[] = [];
    for (const [i, data] of contents.entries()) {
      try {
        for (const r of readEvtx(data, { badChecksum, onWarning: (w) => warnings.push(w) }))
          records += r.recordId > 0 ? 1 : 1;
      } catch (error) {
        if (error instanceof EvtxFormatError) notEvtx++;
        else {
          crashes++;
          console.log(`  CRASH ${files[i]}: ${(error as Error).stack}`);
        }
      }
    }
    return { records, crashes, notEvtx, warnings };
  };
  run(); // warm-up: let V8 optimise before timing
  const t0 = performance.now();
  const result = run();
  const seconds = (performance.now() - t0) / 1000;
  const kinds = new Map<string, number>();
  for (const w of result.warnings) {
    const kind = w.message
      .replace(/record \d+/g, 'record N')
      .replace(/\d+/g, 'N')
      .slice(0, 70);
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  console.log(
    `attack samples (badChecksum=${badChecksum}): ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB, ${result.records} records, ${result.warnings.length} warnings, ${result.crashes} crashes, ${result.notEvtx} not EVTX; ` +
      `${seconds.toFixed(2)} s, ${Math.round(result.records / seconds)} records/s, ${(bytes / 1e6 / seconds).toFixed(1)} MB/s (one core)`,
  );
  for (const [kind, n] of [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 8))
    console.log(`  ${n}× ${kind}`);
  return { records: result.records, seconds };
}

/** Dense synthetic Sysmon log (chunks full, 17 EventData fields): needs no data folder. */
function synthetic(count: number): void {
  const file = writeEvtx(
    Array.from({ length: count }, (_, i) => ({
      timestamp: '2024-05-01T00:00:00.123456Z',
      system: {
        provider: 'Microsoft-Windows-Sysmon',
        providerGuid: '5770385F-C22A-43E0-BF4C-06F5698FFBD9',
        eventId: 1,
        version: 5,
        processId: 3544,
        threadId: 4272,
        channel: 'Microsoft-Windows-Sysmon/Operational',
        computer: 'ws01.hospital.local',
        userId: 'S-1-5-18',
      },
      eventData: {
        RuleName: '-',
        UtcTime: '2024-05-01 00:00:00.123',
        ProcessGuid: { type: 'guid', value: '0197231E-005A-6928-A50B-000000000D00' },
        ProcessId: i,
        Image: 'C:\\Windows\\System32\\cmd.exe',
        FileVersion: '10.0.19041.1 (WinBuild.160101.0800)',
        Description: 'Windows Command Processor',
        Product: 'Microsoft® Windows® Operating System',
        Company: 'Microsoft Corporation',
        CommandLine: `cmd.exe /c echo ${i}`,
        CurrentDirectory: 'C:\\Users\\nurse\\',
        User: 'HOSPITAL\\nurse',
        LogonId: { type: 'hex64', value: '0x3e7' },
        IntegrityLevel: 'High',
        Hashes: 'SHA256=1B48A4F8D20026E6C56E3AB4CC4788FA6425C8A75F8D91C2869FA533DE6B209E',
        ParentImage: 'C:\\Windows\\explorer.exe',
        ParentCommandLine: 'C:\\Windows\\Explorer.EXE',
      },
    })),
  );
  for (const _ of readEvtx(file)); // warm-up
  const t0 = performance.now();
  let records = 0;
  for (const _ of readEvtx(file)) records++;
  const seconds = (performance.now() - t0) / 1000;
  console.log(
    `synthetic dense Sysmon: ${records} records, ${(file.length / 1e6).toFixed(1)} MB, ${seconds.toFixed(2)} s, ${Math.round(records / seconds)} records/s, ${(file.length / 1e6 / seconds).toFixed(1)} MB/s (one core)`,
  );
}

synthetic(50_000);
if (!existsSync(REGRESSION) || !existsSync(ATTACK) || !statSync(DATA).isDirectory()) {
  console.log('evtx-parse bench skipped: ../shared/data is absent');
} else {
  fidelity();
  robustness('skip');
  robustness('read');
}

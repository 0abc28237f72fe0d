// SigmaHQ's own correctness suite run through Ward: for every regression test (info.yml under
// ../shared/data/sigma/regression_data), its one rule over the test's JSON twin and over its
// EVTX file. A test passes with at least `match_count` matches (at least one when absent), as in
// SigmaHQ's tests/regression_tests_runner.py. Also prints how many rules of the three SigmaHQ
// rule folders compile. Targets: 100% JSON and EVTX, >= 99% of rules compiling.
//
//   npx node bench/sigma-regression.bench.ts
//
// Skips when ../shared/data is absent (it is evaluation data, not part of the repository).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import {
  readEvtxEvents,
  readJsonEvents,
  type ReadEvent,
} from '../src/safeguards/ransomware/events/index.ts';
import {
  compileRuleSet,
  loadRuleTree,
  parseSigmaFile,
  type RuleSet,
} from '../src/safeguards/ransomware/sigma/index.ts';

const SIGMA = fileURLToPath(new URL('../../shared/data/sigma/', import.meta.url));
const REGRESSION = join(SIGMA, 'regression_data');
const RULE_FOLDERS = ['rules', 'rules-emerging-threats', 'rules-threat-hunting'];

if (!existsSync(REGRESSION)) {
  console.log(`sigma regression: skipped (${REGRESSION} not found)`);
  process.exit(0);
}

function walk(dir: string, accept: (name: string) => boolean, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) walk(path, accept, out);
    else if (accept(e.name)) out.push(path);
  }
  return out.sort();
}

// Rule files by id: info.yml names the rule by id, and a few rules were renamed since their
// regression folder was made.
const ruleById = new Map<string, string>();
for (const folder of RULE_FOLDERS) {
  if (!existsSync(join(SIGMA, folder))) continue;
  for (const path of walk(join(SIGMA, folder), (n) => n.endsWith('.yml'))) {
    const id = /^id:\s*([0-9a-fA-F-]{36})/m.exec(readFileSync(path, 'utf8'))?.[1];
    if (id) ruleById.set(id.toLowerCase(), path);
  }
}

interface RegressionInfo {
  rule_metadata?: Array<{ id: string; title?: string }>;
  regression_tests_info?: Array<{
    name?: string;
    type?: string;
    match_count?: number;
    path: string;
  }>;
}

function countMatches(ruleSet: RuleSet, events: Iterable<ReadEvent>): number {
  let n = 0;
  for (const { event } of events) n += ruleSet.match(event).length;
  return n;
}

const results = { json: { pass: 0, total: 0 }, evtx: { pass: 0, total: 0 } };
const failures: string[] = [];
let skipped = 0;
const started = performance.now();

for (const infoPath of walk(REGRESSION, (n) => n === 'info.yml')) {
  const info = parseYaml(readFileSync(infoPath, 'utf8')) as RegressionInfo;
  const ruleId = info.rule_metadata?.[0]?.id?.toLowerCase();
  const folder = relative(REGRESSION, dirname(infoPath));
  const rulePath = (ruleId && ruleById.get(ruleId)) ?? join(SIGMA, `${folder}.yml`);
  if (!existsSync(rulePath)) {
    failures.push(`${folder}: rule file not found (id ${ruleId ?? '?'})`);
    skipped++;
    continue;
  }
  const parsed = parseSigmaFile(readFileSync(rulePath, 'utf8'), rulePath);
  const { ruleSet, errors } = compileRuleSet({ documents: parsed.documents });
  const fatal = [...parsed.errors, ...errors].filter((e) => e.severity === 'error');
  for (const test of info.regression_tests_info ?? []) {
    if ((test.type ?? 'evtx') !== 'evtx') continue;
    const evtxPath = join(SIGMA, test.path);
    const jsonPath = evtxPath.replace(/\.evtx$/, '.json');
    const expected = test.match_count ?? 1;
    for (const kind of ['json', 'evtx'] as const) {
      const path = kind === 'json' ? jsonPath : evtxPath;
      if (!existsSync(path)) {
        skipped++;
        continue;
      }
      results[kind].total++;
      if (fatal.length > 0) {
        failures.push(`${kind} ${folder}: rule does not compile: ${fatal[0]!.message}`);
        continue;
      }
      const warnings: string[] = [];
      const onWarning = (w: { message: string }) => warnings.push(w.message);
      let got: number;
      try {
        got = countMatches(
          ruleSet,
          kind === 'json'
            ? readJsonEvents(path, { onWarning })
            : readEvtxEvents(path, { onWarning }),
        );
      } catch (err) {
        failures.push(`${kind} ${folder}: ${(err as Error).message}`);
        continue;
      }
      if (got >= expected) results[kind].pass++;
      else {
        failures.push(
          `${kind} ${folder}: ${got} matches, expected >= ${expected}${warnings.length ? ` (warnings: ${warnings.slice(0, 2).join('; ')})` : ''}`,
        );
      }
    }
  }
}

const pct = (a: number, b: number) => (b === 0 ? '-' : `${((100 * a) / b).toFixed(1)}%`);
console.log(`SigmaHQ regression tests (${((performance.now() - started) / 1000).toFixed(1)} s)`);
console.log(
  `  JSON twins: ${results.json.pass}/${results.json.total} pass (${pct(results.json.pass, results.json.total)})`,
);
console.log(
  `  EVTX files: ${results.evtx.pass}/${results.evtx.total} pass (${pct(results.evtx.pass, results.evtx.total)})`,
);
if (skipped > 0) console.log(`  skipped: ${skipped} (missing files)`);
for (const f of failures) console.log(`  FAIL ${f}`);

// Compile coverage over every rule in the three folders.
const compileStarted = performance.now();
const dirs = RULE_FOLDERS.map((f) => join(SIGMA, f)).filter((d) => existsSync(d));
const tree = loadRuleTree(dirs);
const compiled = compileRuleSet({ documents: tree.documents });
const compileSeconds = (performance.now() - compileStarted) / 1000;
const fatal = [...tree.errors, ...compiled.errors].filter((e) => e.severity === 'error');
const failedDocs = new Set(fatal.map((e) => `${e.path}\0${e.ruleId ?? e.title ?? e.line}`));
const ruleCount = compiled.ruleSet.rules.length + compiled.ruleSet.correlations.length;
const attempted = ruleCount + failedDocs.size;
console.log(
  `\nrule compile coverage: ${ruleCount}/${attempted} rules from ${tree.files} files (${pct(ruleCount, attempted)}) in ${compileSeconds.toFixed(2)} s`,
);
const reasons = new Map<string, number>();
for (const e of fatal) {
  const reason = e.message.replace(/'[^']*'|"[^"]*"/g, '…').slice(0, 100);
  reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
}
for (const [reason, n] of [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 10)) {
  console.log(`  ${String(n).padStart(4)}  ${reason}`);
}
for (const e of fatal.slice(0, 15))
  console.log(`  ${relative(SIGMA, e.path)}:${e.line ?? '?'}: ${e.message}`);

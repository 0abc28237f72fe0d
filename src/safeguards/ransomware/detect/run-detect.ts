/**
 * `ward detect`: the incident responder's hunt over exported event logs.
 *
 * 1. Rules are parsed once here and compiled here (for the correlator and the rule count) and
 *    once in each worker.
 * 2. Input files become tasks: one per file, large EVTX files split into chunk ranges (chunks are
 *    self-contained), so two cores stay busy even on one big Security.evtx.
 * 3. Workers scan tasks from a shared queue; results are merged back in task order, so output
 *    is the same whatever the number of workers. One task, or `workers: 1`, runs in-process.
 * 4. Correlations run last, here, over the matched events of all files in time order
 *    (see correlate-matches.ts).
 */
import { availableParallelism } from 'node:os';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { listInputFiles } from '../events/input-files.ts';
import { countEvtxChunks, detectInputFormat } from '../events/read-events.ts';
import type { SigmaLoadError } from '../sigma/index.ts';
import { correlateMatches } from './correlate-matches.ts';
import type {
  CorrelationInput,
  DetectMatch,
  DetectOptions,
  DetectSummary,
  DetectWarning,
} from './detect-types.ts';
import { levelRank } from './detect-types.ts';
import { compileDocuments, loadRuleDocuments } from './load-rules.ts';
import { scanTask, type ScanContext, type ScanResult, type ScanTask } from './scan-task.ts';
import { runOnWorkers } from './worker-pool.ts';

/** 64 chunks = 4 MiB of EVTX, a few thousand to ~20k records: long enough to amortise a task. */
const CHUNKS_PER_TASK = 64;
/** Compile errors shown as individual warnings; the rest are counted. */
const RULE_ERRORS_SHOWN = 5;

function isEvtx(file: string): boolean {
  try {
    return detectInputFormat(file) === 'evtx';
  } catch {
    return false;
  }
}

/** Files -> tasks; EVTX files of more than two task-sizes are split into chunk ranges. */
export function planTasks(files: readonly string[]): ScanTask[] {
  const tasks: ScanTask[] = [];
  for (const file of files) {
    const chunks = isEvtx(file) ? countEvtxChunks(file) : 0;
    if (chunks <= 2 * CHUNKS_PER_TASK) {
      tasks.push({ index: tasks.length, file });
      continue;
    }
    for (let from = 0; from < chunks; from += CHUNKS_PER_TASK) {
      const to = Math.min(chunks, from + CHUNKS_PER_TASK);
      tasks.push({ index: tasks.length, file, chunks: { from, to } });
    }
  }
  return tasks;
}

function reportRuleErrors(errors: SigmaLoadError[], warn: (w: DetectWarning) => void) {
  const fatal = errors.filter((e) => e.severity === 'error');
  // A document with several problems still counts once.
  const failedDocs = new Set(fatal.map((e) => `${e.path}\0${e.ruleId ?? e.title ?? e.line}`));
  for (const e of fatal.slice(0, RULE_ERRORS_SHOWN)) {
    warn({
      file: e.path,
      ...(e.line === null ? {} : { line: e.line }),
      message: `rule not loaded: ${e.message}`,
    });
  }
  if (fatal.length > RULE_ERRORS_SHOWN) {
    warn({
      message: `${fatal.length - RULE_ERRORS_SHOWN} more rule errors (run \`ward rules check\` for all)`,
    });
  }
  return {
    rulesFailed: failedDocs.size,
    ruleErrors: fatal
      .slice(0, RULE_ERRORS_SHOWN)
      .map((e) => ({ path: e.path, line: e.line, message: e.message })),
  };
}

/** Runs a hunt; matches stream to `onMatch` in input order, correlations after all files. */
export async function runDetect(opts: DetectOptions): Promise<DetectSummary> {
  const started = performance.now();
  const files = listInputFiles(opts.paths);
  const warn = (w: DetectWarning) => opts.onWarning?.(w);

  const loaded = loadRuleDocuments(opts.ruleDirs);
  const minRank = levelRank(opts.minLevel ?? 'informational');
  const tasks = planTasks(files);
  const workers = Math.max(1, Math.min(opts.workers ?? availableParallelism(), tasks.length));
  // The main thread compiles only when it scans itself or has to correlate: a compiled SigmaHQ
  // set is ~100 MB of heap, and with workers it would be a third copy doing nothing.
  const hasCorrelations = loaded.documents.some((d) => d.kind === 'correlation');
  const local = workers === 1 || hasCorrelations ? compileDocuments(loaded.documents) : null;
  const collectForCorrelation = (local?.ruleSet.correlations.length ?? 0) > 0;

  const summary: DetectSummary = {
    files: files.length,
    events: 0,
    matches: 0,
    matchesByLevel: {},
    rules: 0,
    rulesFailed: 0,
    ruleErrors: [],
    warnings: 0,
    filesFailed: 0,
    workers,
    seconds: 0,
  };
  const onCompiled = (report: { rules: number; errors: SigmaLoadError[] }) => {
    summary.rules = report.rules;
    Object.assign(summary, reportRuleErrors([...loaded.errors, ...report.errors], warn));
  };
  if (local) {
    onCompiled({
      rules: local.ruleSet.rules.length + local.ruleSet.correlations.length,
      errors: local.errors,
    });
  }
  const emit = (m: DetectMatch) => {
    summary.matches++;
    summary.matchesByLevel[m.level] = (summary.matchesByLevel[m.level] ?? 0) + 1;
    opts.onMatch(m);
  };

  // Results arrive in any order from workers; they are released in task order.
  const tasksLeft = new Map<string, number>();
  for (const t of tasks) tasksLeft.set(t.file, (tasksLeft.get(t.file) ?? 0) + 1);
  const pending = new Map<number, ScanResult>();
  const correlationInputs: CorrelationInput[] = [];
  let nextToEmit = 0;
  let filesDone = 0;
  const onResult = (result: ScanResult) => {
    summary.events += result.events;
    const file = tasks[result.index]!.file;
    const left = (tasksLeft.get(file) ?? 1) - 1;
    tasksLeft.set(file, left);
    if (left === 0) filesDone++;
    pending.set(result.index, result);
    for (let r = pending.get(nextToEmit); r; r = pending.get(nextToEmit)) {
      pending.delete(nextToEmit++);
      for (const w of r.warnings) {
        summary.warnings++;
        warn(w);
      }
      if (r.failed) summary.filesFailed++;
      r.matches.forEach(emit);
      for (const input of r.correlationInputs) correlationInputs.push(input);
    }
    opts.onProgress?.({
      filesDone,
      files: files.length,
      events: summary.events,
      matches: summary.matches,
    });
  };

  if (workers === 1 && local) {
    const ctx: ScanContext = { ruleSet: local.ruleSet, minRank, collectForCorrelation };
    for (const task of tasks) {
      onResult(scanTask(task, ctx));
      await yieldToLoop(); // lets a progress bar repaint between files
    }
  } else {
    await runOnWorkers(
      tasks,
      workers,
      { documents: loaded.documents, minRank, collectForCorrelation },
      { onCompiled, onResult },
    );
  }

  if (local && collectForCorrelation) {
    correlateMatches(local.ruleSet, correlationInputs, minRank).forEach(emit);
  }
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

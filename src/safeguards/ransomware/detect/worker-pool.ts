/**
 * Runs scan tasks on worker threads. Each worker compiles the rules once (start-up ~80 ms plus the
 * compile), then pulls the next task from a shared queue as soon as it finishes one, so a large
 * file split into chunk ranges keeps every core busy to the end.
 */
import { Worker } from 'node:worker_threads';
import type { CompileReport, DetectWorkerInit, FromWorker, ToWorker } from './detect-worker.ts';
import type { ScanResult, ScanTask } from './scan-task.ts';

const WORKER_URL = new URL('./detect-worker.ts', import.meta.url);

export interface WorkerPoolCallbacks {
  /** The first worker's compile outcome (all workers compile the same documents). */
  onCompiled(report: CompileReport): void;
  /** Each task's result, as it finishes (any order). */
  onResult(result: ScanResult): void;
}

/** Scans every task on `workers` threads. */
export function runOnWorkers(
  tasks: readonly ScanTask[],
  workers: number,
  init: DetectWorkerInit,
  callbacks: WorkerPoolCallbacks,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let next = 0;
    let done = 0;
    let compiled = false;
    let settled = false;
    const pool: Worker[] = [];
    const finish = (err?: Error) => {
      if (settled) return;
      settled = true;
      for (const w of pool) void w.terminate();
      if (err) reject(err);
      else resolve();
    };
    const feed = (w: Worker) => {
      if (next >= tasks.length) return;
      const msg: ToWorker = { type: 'task', task: tasks[next++]! };
      w.postMessage(msg);
    };
    const onMessage = (w: Worker, msg: FromWorker) => {
      if (settled) return;
      if (msg.type === 'ready') {
        if (!compiled) {
          compiled = true;
          callbacks.onCompiled({ rules: msg.rules, errors: msg.errors });
        }
      } else {
        callbacks.onResult(msg.result);
        if (++done === tasks.length) return finish();
      }
      feed(w);
    };
    const count = Math.max(1, Math.min(workers, tasks.length));
    const initMsg: ToWorker = { type: 'init', ...init };
    for (let i = 0; i < count; i++) {
      const w = new Worker(WORKER_URL);
      pool.push(w);
      w.on('message', (msg: FromWorker) => {
        try {
          onMessage(w, msg);
        } catch (err) {
          finish(err as Error);
        }
      });
      w.on('error', (err) => finish(new Error(`detect worker failed: ${err.message}`)));
      w.on('exit', (code) => {
        if (!settled) finish(new Error(`detect worker exited early (code ${code})`));
      });
      w.postMessage(initMsg);
    }
    if (tasks.length === 0) finish();
  });
}

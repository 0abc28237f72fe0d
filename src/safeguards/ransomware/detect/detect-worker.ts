/**
 * Worker-thread entry of `ward detect`: compiles the rule documents of its `init` message once
 * (they arrive as a message, not workerData, so they can be garbage-collected after compiling),
 * reports the compile outcome, then scans the tasks the main thread sends one at a time.
 */
import { parentPort } from 'node:worker_threads';
import type { SigmaDocument, SigmaLoadError } from '../sigma/types.ts';
import { compileDocuments } from './load-rules.ts';
import { scanTask, type ScanContext, type ScanResult, type ScanTask } from './scan-task.ts';

export interface DetectWorkerInit {
  documents: SigmaDocument[];
  minRank: number;
  collectForCorrelation: boolean;
}

export type ToWorker =
  ({ type: 'init' } & DetectWorkerInit) | { type: 'task'; task: ScanTask } | { type: 'close' };

/** What a worker compiled: lets the main thread skip its own compile when it needs none. */
export interface CompileReport {
  rules: number;
  errors: SigmaLoadError[];
}

export type FromWorker =
  ({ type: 'ready' } & CompileReport) | { type: 'result'; result: ScanResult };

const port = parentPort;
if (port) {
  let ctx: ScanContext | null = null;
  port.on('message', (msg: ToWorker) => {
    if (msg.type === 'init') {
      const { ruleSet, errors } = compileDocuments(msg.documents);
      ctx = { ruleSet, minRank: msg.minRank, collectForCorrelation: msg.collectForCorrelation };
      const ready: FromWorker = {
        type: 'ready',
        rules: ruleSet.rules.length + ruleSet.correlations.length,
        errors,
      };
      port.postMessage(ready);
    } else if (msg.type === 'task' && ctx) {
      const out: FromWorker = { type: 'result', result: scanTask(msg.task, ctx) };
      port.postMessage(out);
    } else if (msg.type === 'close') port.close();
  });
}

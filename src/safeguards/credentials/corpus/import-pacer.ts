import type { CorpusKind } from '../../../api-types.ts';

export interface CorpusImportProgress {
  /** `hash-lists`: hashing plain password lists; `build-sha1`/`build-ntlm`: writing that index. */
  phase: 'hash-lists' | 'build-sha1' | 'build-ntlm';
  kind?: CorpusKind;
  /** The input being read (the largest one while several are merged). */
  file: string;
  /** Across the inputs of this phase; grows to bytesTotal. */
  bytesRead: number;
  bytesTotal: number;
  /** Input lines read in this phase (from the start of the import when it resumed). */
  lines: number;
  entriesWritten: number;
}

/** Thrown when the import's AbortSignal fires; the checkpoint is saved first. */
export class CorpusImportAbortedError extends Error {
  override name = 'AbortError';
}

const YIELD_MS = 25;

/**
 * The import runs synchronous reads and writes in slices; between slices the pacer yields to
 * the event loop (so an AbortSignal, a SIGINT handler or a server's requests get their turn),
 * reports progress a few times a second and saves a checkpoint every `checkpointMs`.
 */
export class ImportPacer {
  progress: () => CorpusImportProgress = () => {
    throw new Error('import pacer: no phase started');
  };
  save: () => void = () => undefined;
  private readonly signal: AbortSignal | undefined;
  private readonly onProgress: ((p: CorpusImportProgress) => void) | undefined;
  private readonly checkpointMs: number;
  private readonly progressMs: number;
  private lastYield = performance.now();
  private lastReport = 0;
  private lastSave = performance.now();

  constructor(opts: {
    signal?: AbortSignal | undefined;
    onProgress?: ((p: CorpusImportProgress) => void) | undefined;
    checkpointMs: number;
    progressMs: number;
  }) {
    this.signal = opts.signal;
    this.onProgress = opts.onProgress;
    this.checkpointMs = opts.checkpointMs;
    this.progressMs = opts.progressMs;
  }

  /** Call often at points the import can resume from; cheap unless a slice is over. */
  async tick(): Promise<void> {
    this.checkAborted();
    const now = performance.now();
    if (now - this.lastReport >= this.progressMs) {
      this.report();
      this.checkAborted();
    }
    if (now - this.lastSave >= this.checkpointMs) {
      this.save();
      this.lastSave = performance.now();
    }
    if (now - this.lastYield < YIELD_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    this.lastYield = performance.now();
    this.checkAborted();
  }

  report(): void {
    this.lastReport = performance.now();
    this.onProgress?.(this.progress());
  }

  private checkAborted(): void {
    if (!this.signal?.aborted) return;
    this.save();
    throw new CorpusImportAbortedError(
      'corpus import interrupted; run it again with the same files to resume',
      { cause: this.signal.reason },
    );
  }
}

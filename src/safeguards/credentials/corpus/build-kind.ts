import { renameSync, rmSync, statSync } from 'node:fs';
import type { CorpusKind } from '../../../api-types.ts';
import type { IndexFile } from './corpus-index.ts';
import { EntryBatch } from './entry-batch.ts';
import type { EntrySource } from './entry-source.ts';
import { HibpTextSource } from './hibp-text-source.ts';
import type { FinishedKind, KindProgress } from './import-checkpoint.ts';
import { fencePath, finishedPath, partialPath, readFence, writeFence } from './import-files.ts';
import type { ImportPacer } from './import-pacer.ts';
import { BUCKETS, hashBytesOf, indexFileName } from './index-format.ts';
import { IndexSource } from './index-source.ts';
import { IndexWriter } from './index-writer.ts';
import { ListSource } from './list-source.ts';
import { mergeBatches } from './merge-batches.ts';

/**
 * Buckets merged per step. Checkpoints fall between steps, and every source stops at the first
 * line of the next step, so a step is also the unit of resumption.
 */
const STEP_BUCKETS = 256;

export interface BuildKindOptions {
  dir: string;
  kind: CorpusKind;
  compact: boolean;
  /** Pwned Passwords text files of this kind. */
  texts: Array<{ path: string; name: string }>;
  /** The current index to merge into, if any. */
  existing: IndexFile | null;
  /** Folder of hashed list partitions, if lists were given. */
  partitionDir: string | null;
  /** Lines of the lists (they feed both kinds), whole import and this run. */
  listLines: { total: number; thisRun: number };
  sources: string[];
  resume: KindProgress | null;
  pacer: ImportPacer;
  onSave: (progress: KindProgress) => void;
}

/** Merges every source of one kind into `<kind>.idx.new`, resuming from `resume` if given. */
export async function buildKind(opts: BuildKindOptions): Promise<FinishedKind> {
  const { dir, kind, compact, texts, pacer, resume } = opts;
  const started = performance.now();
  const startBucket = resume?.doneBucket ?? 0;
  const sources: EntrySource[] = [];
  const textSources: HibpTextSource[] = [];
  try {
    if (opts.existing) sources.push(new IndexSource(opts.existing, startBucket));
    for (const [i, t] of texts.entries()) {
      const source = new HibpTextSource(t.path, t.name, kind, resume?.positions[i]);
      textSources.push(source);
      sources.push(source);
    }
    if (opts.partitionDir) sources.push(new ListSource(opts.partitionDir, kind, startBucket));
    const writer = new IndexWriter(
      partialPath(dir, kind),
      kind,
      compact,
      resume
        ? {
            bytesWritten: resume.bytesWritten,
            entries: resume.entries,
            bucketLengths: readFence(fencePath(dir, kind), resume.doneBucket),
          }
        : undefined,
    );
    const textLines = () => textSources.reduce((sum, s) => sum + s.position().lines, 0);
    const linesBefore = textLines();
    const largest = [...texts].sort((a, b) => statSync(b.path).size - statSync(a.path).size)[0];
    let doneBucket = startBucket;
    pacer.progress = () => ({
      phase: kind === 'sha1' ? 'build-sha1' : 'build-ntlm',
      kind,
      file: largest?.name ?? (opts.partitionDir ? 'password lists' : indexFileName(kind)),
      bytesRead: sources.reduce((sum, s) => sum + s.bytesRead(), 0),
      bytesTotal: sources.reduce((sum, s) => sum + s.bytesTotal, 0),
      lines: textLines() + opts.listLines.total,
      entriesWritten: writer.entries,
    });
    pacer.save = () => {
      const state = writer.flush(true);
      writeFence(fencePath(dir, kind), state.bucketLengths, doneBucket);
      opts.onSave({
        kind,
        doneBucket,
        bytesWritten: state.bytesWritten,
        entries: state.entries,
        positions: textSources.map((s) => s.position()),
        seconds: (resume?.seconds ?? 0) + (performance.now() - started) / 1000,
      });
    };
    try {
      const batches = sources.map(() => new EntryBatch(hashBytesOf(kind)));
      for (let from = startBucket; from < BUCKETS; from += STEP_BUCKETS) {
        const to = Math.min(from + STEP_BUCKETS, BUCKETS);
        for (let s = 0; s < sources.length; s++) {
          batches[s]!.clear();
          sources[s]!.fill(to, batches[s]!);
        }
        mergeBatches(batches, writer);
        writer.endBatch();
        doneBucket = to;
        await pacer.tick();
      }
      pacer.report();
    } catch (err) {
      writer.close();
      throw err;
    }
    pacer.save = () => undefined;
    const meta = writer.finish({ sources: opts.sources, importedAt: new Date().toISOString() });
    renameSync(partialPath(dir, kind), finishedPath(dir, kind));
    rmSync(fencePath(dir, kind), { force: true });
    const lines = textLines();
    return {
      kind,
      entries: meta.entries,
      bytes: statSync(finishedPath(dir, kind)).size,
      lines: lines + opts.listLines.total,
      linesThisRun: lines - linesBefore + opts.listLines.thisRun,
      seconds: (resume?.seconds ?? 0) + (performance.now() - started) / 1000,
    };
  } finally {
    for (const s of sources) s.close();
  }
}

import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { importCorpus, openCorpus, type CorpusImportProgress } from './corpus/index.ts';

/**
 * `ward creds corpus import FILE...` and `ward creds corpus status`. Neither needs the database
 * or a running server: the index is files in the corpus directory, which a running server picks
 * up on its next lookup.
 */
export function registerCorpusCommands(creds: Command, corpusDir: () => string): void {
  const corpus = creds
    .command('corpus')
    .description('the private breached-password corpus (Have I Been Pwned downloads, word lists)');

  corpus
    .command('import')
    .description(
      'index Pwned Passwords files (HASH:COUNT, SHA-1 or NTLM) or plain password lists; merges with the current index and resumes after an interruption',
    )
    .argument('<files...>')
    .option('--compact', 'keep 64-bit fingerprints only (<= 12 bytes per hash; no /range API)')
    .option('--replace', 'start from empty instead of merging with the current index')
    .action(async (files: string[], opts: { compact?: boolean; replace?: boolean }) => {
      const abort = new AbortController();
      const onSignal = () => abort.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      const bar = createBar();
      try {
        const result = await importCorpus({
          dir: corpusDir(),
          files,
          compact: opts.compact ?? false,
          replace: opts.replace ?? false,
          signal: abort.signal,
          onProgress: bar.update,
        });
        bar.stop();
        if (result.restartReason) console.error(`started over: ${result.restartReason}`);
        for (const warning of result.warnings) console.error(`warning: ${warning}`);
        for (const line of describeImport(result)) console.log(line);
      } catch (err) {
        bar.stop();
        if (abort.signal.aborted) {
          throw new Error('import interrupted; run the same command again to resume', {
            cause: err,
          });
        }
        throw err;
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });

  corpus
    .command('status')
    .description('what the corpus holds')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) => {
      const c = openCorpus(corpusDir());
      try {
        const status = c.status();
        if (opts.json) return console.log(JSON.stringify(status, null, 2));
        if (status.indexes.length === 0) {
          return console.log(
            `no corpus in ${corpusDir()}; import one with: ward creds corpus import FILE`,
          );
        }
        for (const i of status.indexes) {
          console.log(
            `${i.kind.padEnd(5)} ${i.entries.toLocaleString('en-US').padStart(15)} hashes  ${(i.bytes / 1e6).toFixed(1)} MB${i.compact ? '  compact' : ''}  imported ${i.importedAt}`,
          );
        }
      } finally {
        c.close();
      }
    });
}

function describeImport(result: Awaited<ReturnType<typeof importCorpus>>): string[] {
  return result.indexes.map(
    (i) =>
      `${i.kind}: ${i.entries.toLocaleString('en-US')} hashes, ${i.bytesPerEntry.toFixed(2)} bytes each, ${i.lines.toLocaleString('en-US')} lines in ${i.seconds.toFixed(1)} s${i.resumed ? ' (resumed)' : ''}`,
  );
}

/** A progress bar on stderr when it is a terminal; silent otherwise (scripts, CI). */
function createBar(): { update: (p: CorpusImportProgress) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: '{phase} |{bar}| {percentage}% {file}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update: (p) => {
      const total = Math.max(p.bytesTotal, 1);
      if (!started) {
        bar.start(total, 0, { phase: p.phase, file: p.file });
        started = true;
      }
      bar.setTotal(total);
      bar.update(p.bytesRead, { phase: p.phase, file: p.file });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

import { InvalidArgumentError, type Command } from 'commander';
import { createCanaryPoster, toCanaryRecord } from './event-poster.ts';
import { plantCanaries } from './plant-canaries.ts';
import { watchCanaries, type CanaryEvent } from './watch-canaries.ts';

interface WatchFlags {
  url: string;
  token?: string;
  files: number;
  burst: number;
  window: number;
  rehash: number;
}

/**
 * `ward canary watch`: runs on a file server (or any machine with the share mounted), plants
 * decoys and posts what happens to them to Ward's ingest endpoint, where the canary rules raise
 * the alert. Needs only the URL and an ingest token, not the database.
 */
export function registerCanaryCommand(program: Command): void {
  program
    .command('canary')
    .description('decoy files that raise an alert when ransomware touches them')
    .command('watch')
    .description(
      'plant canary files in each directory (reused on restart) and post changes to Ward; runs until stopped',
    )
    .argument('<dirs...>', 'shared folders to protect')
    .requiredOption('--url <url>', "Ward's base URL, e.g. https://ward.hospital.local")
    .option('--token <token>', 'ingest token (default: $WARD_INGEST_TOKEN)')
    .option('--files <n>', 'canaries per directory', positiveInt, 4)
    .option(
      '--burst <n>',
      'distinct files changed within the window that count as a burst',
      positiveInt,
      20,
    )
    .option('--window <seconds>', 'burst window', positiveInt, 10)
    .option(
      '--rehash <seconds>',
      're-hash every canary this often (fs.watch misses some changes)',
      positiveInt,
      10,
    )
    .action(async (dirs: string[], flags: WatchFlags) => {
      // eslint-disable-next-line no-restricted-syntax -- one-shot secret input, deliberately not part of Config
      const token = flags.token ?? process.env['WARD_INGEST_TOKEN'];
      if (!token) throw new Error('an ingest token is required: --token or WARD_INGEST_TOKEN');
      for (const dir of dirs) {
        const r = await plantCanaries(dir, { count: flags.files });
        console.error(
          `${dir}: ${r.files.length} canaries (${r.planted.length} planted)${r.changed.length ? `; changed since last run: ${r.changed.join(', ')}` : ''}`,
        );
      }
      const poster = createCanaryPoster({
        url: flags.url,
        token,
        onError: (message) => console.error(`warning: ${message}`),
      });
      const watch = await watchCanaries(dirs, {
        rehashMs: flags.rehash * 1000,
        burst: { changes: flags.burst, windowMs: flags.window * 1000 },
        onEvent: (event) => {
          console.error(describe(event));
          poster.post(toCanaryRecord(event));
        },
        onError: (err, folder) => console.error(`warning: ${folder}: ${err.message}`),
      });
      await watch.check();
      console.error(`watching ${dirs.length} folder(s); Ctrl-C to stop`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      watch.close();
      if (!(await poster.flush(5_000)))
        console.error(`warning: ${poster.queued} event(s) not delivered`);
      poster.close();
    });
}

function describe(e: CanaryEvent): string {
  const what =
    e.kind === 'burst'
      ? `burst of ${e.changes} changed files`
      : e.kind === 'missing'
        ? 'canary renamed or deleted'
        : 'canary modified';
  return `${e.at.toISOString()} ${what}: ${e.path}`;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

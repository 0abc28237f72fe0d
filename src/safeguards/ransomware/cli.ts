import cliProgress from 'cli-progress';
import { InvalidArgumentError, type Command } from 'commander';
import {
  checkRules,
  CSV_HEADER,
  formatMatchCsv,
  formatMatchJson,
  runDetect,
  type DetectMatch,
} from './detect/index.ts';

const LEVELS = ['informational', 'low', 'medium', 'high', 'critical'] as const;
type Level = (typeof LEVELS)[number];

/**
 * `ward detect` and `ward rules check`: hunting over exported event logs from the command line,
 * like Hayabusa or Chainsaw. Neither needs the database or a running server, so an incident
 * responder can run them on a copy of the logs on any machine.
 */
export function registerRansomwareCommands(program: Command): void {
  program
    .command('detect')
    .description(
      "run Sigma rules over event logs (.evtx, evtx_dump JSON, Winlogbeat/ECS or flat JSON/NDJSON); without --rules, Ward's ransomware pack",
    )
    .argument('<paths...>', 'files or directories (searched recursively)')
    .option(
      '--rules <dir>',
      'a Sigma rule tree; repeat for several (replaces the built-in pack)',
      collect,
      [],
    )
    .option('--min-level <level>', LEVELS.join('|'), parseLevel, 'informational')
    .option('--json', 'one JSON object per match')
    .option('--csv', 'CSV with a header row')
    .option('--workers <n>', 'worker threads (default: one per core)', parsePositive)
    .action(
      async (
        paths: string[],
        opts: { rules: string[]; minLevel: Level; json?: boolean; csv?: boolean; workers?: number },
      ) => {
        if (opts.json && opts.csv) throw new Error('choose one of --json and --csv');
        const write = outputFor(opts);
        const progress = createProgress();
        const summary = await runDetect({
          paths,
          ruleDirs: opts.rules.length > 0 ? opts.rules : undefined,
          minLevel: opts.minLevel,
          workers: opts.workers,
          onMatch: write,
          onProgress: progress.update,
          onWarning: (w) => {
            progress.pause();
            console.error(`warning: ${w.file ? `${w.file}: ` : ''}${w.message}`);
          },
        }).finally(() => progress.stop());
        console.error(
          `${summary.files} files, ${summary.events.toLocaleString('en-US')} events, ${summary.matches} matches from ${summary.rules} rules in ${summary.seconds.toFixed(1)} s`,
        );
      },
    );

  program
    .command('rules')
    .description('Sigma rule maintenance')
    .command('check')
    .description(
      'compile a rule tree and report every rule file that does not compile, with the reason',
    )
    .argument('<dirs...>')
    .option('--json', 'one JSON object per rule file: path, ok, error')
    .action((dirs: string[], opts: { json?: boolean }) => {
      const results = checkRules(dirs);
      let failed = 0;
      for (const r of results) {
        if (!r.ok) failed++;
        if (opts.json) console.log(JSON.stringify(r));
        else if (!r.ok) console.log(`${r.path}: ${r.error}`);
        else for (const w of r.warnings) console.log(`${r.path}: warning: ${w}`);
      }
      if (!opts.json)
        console.log(`${results.length - failed} of ${results.length} rule files compile`);
      if (failed > 0) process.exitCode = 1;
    });
}

function outputFor(opts: { json?: boolean; csv?: boolean }): (m: DetectMatch) => void {
  if (opts.json) return (m) => console.log(formatMatchJson(m));
  if (opts.csv) {
    console.log(CSV_HEADER);
    return (m) => console.log(formatMatchCsv(m));
  }
  return (m) =>
    console.log(
      `${m.timestamp ?? '-'}  ${m.level.padEnd(8)} ${m.rule_title}  [${m.computer ?? '-'}] ${m.file}#${m.record_id ?? '-'}  (author: ${m.author ?? 'unknown'})`,
    );
}

/** A files bar on stderr when it is a terminal; silent for pipes so JSON output stays clean. */
function createProgress() {
  if (!process.stderr.isTTY) {
    return { update: () => undefined, pause: () => undefined, stop: () => undefined };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: '{bar} {value}/{total} files, {events} events, {matches} matches',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update: (p: { filesDone: number; files: number; events: number; matches: number }) => {
      if (!started) {
        bar.start(p.files, 0, { events: 0, matches: 0 });
        started = true;
      }
      bar.setTotal(p.files);
      bar.update(p.filesDone, { events: p.events, matches: p.matches });
    },
    pause: () => undefined,
    stop: () => {
      if (started) bar.stop();
    },
  };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseLevel(value: string): Level {
  if (!LEVELS.includes(value as Level)) {
    throw new InvalidArgumentError(`must be one of ${LEVELS.join(', ')}`);
  }
  return value as Level;
}

function parsePositive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

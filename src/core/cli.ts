import cliProgress from 'cli-progress';
import { InvalidArgumentError, type Command } from 'commander';
import {
  FINDING_STATUSES,
  SEVERITIES,
  type FindingStatus,
  type FindingSummary,
  type Severity,
} from '../api-types.ts';
import { ImportFailedError, type Core, type ImportProgress } from './index.ts';
import { MAX_PAGE } from './findings/finding-list.ts';
import { REQUESTED_FORMATS, type RequestedFormat } from './imports/import-runs.ts';

/** What the commands need from the app; structural so this file never imports app.ts. */
type WithCore = <T>(fn: (app: { core: Core }) => Promise<T>) => Promise<T>;

/**
 * `ward findings import <file>` and `ward findings list`. Import runs in this process (no
 * server needed) with a progress bar on stderr; a bad file fails with
 * `FILE: line N, <Element>: what was expected` and exit code 1.
 */
export function registerFindingsCommands(program: Command, withApp: WithCore): void {
  const findings = program
    .command('findings')
    .description('vulnerability findings: import scanner results, list them');

  findings
    .command('import <file>')
    .description(
      'import a Nmap XML or Nessus (.nessus v2) file; findings are de-duplicated against earlier imports',
    )
    .option('--format <format>', `file format: ${REQUESTED_FORMATS.join('|')}`, parseFormat, 'auto')
    .action(async (file: string, opts: { format: RequestedFormat }) => {
      const progress = createProgressReporter(file);
      const run = await withApp(async ({ core }) => {
        try {
          return await core.importScanFile(file, {
            format: opts.format,
            actor: 'cli',
            onProgress: progress.update,
          });
        } catch (err) {
          if (err instanceof ImportFailedError)
            throw new Error(`${file}: ${err.message}`, { cause: err });
          throw err;
        } finally {
          progress.stop();
        }
      });
      console.log(
        `imported ${file} (${run.format}): ${run.hosts} hosts, ${run.findingsNew} new, ${run.findingsSeen} seen, ${run.findingsFixed} fixed`,
      );
    });

  findings
    .command('list')
    .description('list findings, most severe first')
    .option('--json', 'print a JSON array (every matching finding unless --limit is given)')
    .option(
      '--severity <list>',
      `comma-separated: ${SEVERITIES.join(',')}`,
      csvOf(SEVERITIES, 'severity'),
    )
    .option(
      '--status <list>',
      `comma-separated: ${FINDING_STATUSES.join(',')}`,
      csvOf(FINDING_STATUSES, 'status'),
    )
    .option('--limit <n>', 'at most this many (table default 50)', parseLimit)
    .action(
      async (opts: {
        json?: boolean;
        severity?: Severity[];
        status?: FindingStatus[];
        limit?: number;
      }) => {
        const limit = opts.limit ?? (opts.json ? Infinity : 50);
        const { items, total } = await withApp(({ core }) =>
          collectFindings(core, { ...opts, limit }),
        );
        if (opts.json) {
          console.log(JSON.stringify(items.map(toCliJson), null, 2));
          return;
        }
        printTable(items);
        console.log(`\n${items.length} of ${total} finding(s)`);
      },
    );
}

async function collectFindings(
  core: Core,
  opts: { severity?: Severity[]; status?: FindingStatus[]; limit: number },
): Promise<{ items: FindingSummary[]; total: number }> {
  const items: FindingSummary[] = [];
  let total = 0;
  while (items.length < opts.limit) {
    const page = await core.listFindings({
      severity: opts.severity,
      status: opts.status,
      limit: Math.min(MAX_PAGE, opts.limit - items.length),
      offset: items.length,
    });
    items.push(...page.items);
    total = page.total;
    if (page.items.length === 0 || items.length >= page.total) break;
  }
  return { items, total };
}

/** FindingSummary with `asset` as the asset's name (what scripts grep for) and its id beside it. */
function toCliJson(f: FindingSummary) {
  const { id, title, severity, status, cves, due, asset, ...rest } = f;
  return {
    id,
    title,
    severity,
    status,
    asset: asset?.name ?? null,
    cves,
    due,
    ...rest,
    assetId: asset?.id ?? null,
  };
}

function printTable(items: readonly FindingSummary[]): void {
  const rows = items.map((f) => [
    f.severity,
    f.status,
    f.due ? `${f.due.slice(0, 10)}${f.overdue ? ' !' : ''}` : '-',
    f.asset?.name ?? '-',
    f.location ?? '-',
    f.cves.slice(0, 2).join(' ') + (f.cves.length > 2 ? ` +${f.cves.length - 2}` : ''),
    f.title,
  ]);
  const header = ['SEVERITY', 'STATUS', 'DUE', 'ASSET', 'WHERE', 'CVES', 'TITLE'];
  const widths = header.map((h, i) =>
    Math.min(40, Math.max(h.length, ...rows.map((r) => r[i]!.length))),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.slice(0, widths[i]).padEnd(widths[i]!)))
      .join('  ');
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

/** A bar on a terminal; otherwise a line per 10% so logs of scripted imports stay short. */
function createProgressReporter(file: string): {
  update: (p: ImportProgress) => void;
  stop: () => void;
} {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream: process.stderr,
        format: `importing ${file} [{bar}] {percentage}% | {hosts} hosts | {findings} findings`,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update: (p) => {
        if (!started) bar.start(100, 0, { hosts: 0, findings: 0 });
        started = true;
        bar.update(Math.round(p.fraction * 100), { hosts: p.hosts, findings: p.findings });
      },
      stop: () => {
        if (started) bar.stop();
      },
    };
  }
  let shown = -1;
  return {
    update: (p) => {
      const step = Math.floor(p.fraction * 10);
      if (step <= shown) return;
      shown = step;
      process.stderr.write(
        `importing ${file}: ${step * 10}% (${p.hosts} hosts, ${p.findings} findings)\n`,
      );
    },
    stop: () => undefined,
  };
}

function parseFormat(value: string): RequestedFormat {
  if (!REQUESTED_FORMATS.includes(value as RequestedFormat)) {
    throw new InvalidArgumentError(`expected one of ${REQUESTED_FORMATS.join(', ')}`);
  }
  return value as RequestedFormat;
}

function csvOf<T extends string>(allowed: readonly T[], what: string): (value: string) => T[] {
  return (value) => {
    const values = value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
    const bad = values.filter((v) => !allowed.includes(v as T));
    if (bad.length || values.length === 0) {
      throw new InvalidArgumentError(
        `unknown ${what} ${bad.join(', ') || '(none given)'}; expected ${allowed.join(', ')}`,
      );
    }
    return values as T[];
  };
}

function parseLimit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}

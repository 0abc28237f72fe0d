import { InvalidArgumentError, type Command } from 'commander';
import type { AuditLog } from './audit-log.ts';

/** `ward audit verify` and `ward audit list`. `withApp` opens Ward and closes it afterwards. */
export function registerAuditCommands(
  program: Command,
  withApp: <T>(fn: (app: { audit: AuditLog }) => Promise<T>) => Promise<T>,
): void {
  const audit = program.command('audit').description('the tamper-evident audit log');

  audit
    .command('verify')
    .description(
      'recompute the hash chain; exit code 1 and the first bad entry when it was tampered with',
    )
    .action(async () => {
      const result = await withApp((app) => app.audit.verify());
      if (result.ok) {
        console.log(`audit log intact: ${result.entries} entries`);
        return;
      }
      const bad = result.firstBad;
      console.error(
        `audit log TAMPERED at entry ${bad?.seq ?? '?'}: ${bad?.reason ?? 'unknown reason'}`,
      );
      // exitCode rather than exit(): withApp still closes the database cleanly.
      process.exitCode = 1;
    });

  audit
    .command('list')
    .description('print the newest entries first')
    .option('--json', 'print JSON (one array)')
    .option('--limit <n>', 'how many entries (1-10000)', parseLimit, 50)
    .action(async (opts: { json?: boolean; limit: number }) => {
      const { items } = await withApp((app) => app.audit.list({ limit: opts.limit, offset: 0 }));
      if (opts.json) {
        console.log(JSON.stringify(items, null, 2));
        return;
      }
      if (items.length === 0) console.log('the audit log is empty');
      for (const e of items) {
        const target = e.target ? ` ${e.target}` : '';
        const status = e.status === null ? '' : ` -> ${e.status}`;
        console.log(
          `${String(e.seq).padStart(6)}  ${e.at}  ${e.actor.padEnd(16)} ${e.ip ?? '-'}  ${e.action}${target}${status}`,
        );
      }
    });
}

function parseLimit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) {
    throw new InvalidArgumentError('must be a whole number from 1 to 10000');
  }
  return n;
}

import { Command, InvalidArgumentError } from 'commander';
import {
  credentialsOptionsOf,
  openApp,
  SERVER_ROLES,
  startApp,
  stopApp,
  WARD_VERSION,
  type App,
  type ServerRole,
} from './app.ts';
import { ConfigError, describeConfig, loadConfig, type Config } from './config.ts';
import { registerFindingsCommands } from './core/cli.ts';
import { registerAuditCommands } from './platform/audit/cli.ts';
import { registerUserCommands } from './platform/auth/cli.ts';
import { registerCredentialsCommands } from './safeguards/credentials/cli.ts';
import { registerDevicesCommands } from './safeguards/devices/cli.ts';
import { registerCanaryCommand } from './safeguards/ransomware/canary/index.ts';
import { registerRansomwareCommands } from './safeguards/ransomware/cli.ts';

/**
 * The `ward` command. Configuration is read once here and passed down. Commands that need the
 * database open the app through `withApp`, which closes it again, also on errors.
 */
export function buildProgram(config: () => Config): Command {
  const program = new Command('ward')
    .description('Ward: cyber-defense platform for hospitals')
    .version(`ward ${WARD_VERSION} (node ${process.version})`)
    .showHelpAfterError()
    .configureHelp({ sortSubcommands: true });

  const withApp = async <T>(fn: (app: App) => Promise<T>): Promise<T> => {
    const app = await openApp({
      ...config(),
      logLevel: process.env['WARD_LOG_LEVEL'] ? config().logLevel : 'warn',
    });
    try {
      return await fn(app);
    } finally {
      await stopApp(app);
    }
  };

  program
    .command('serve')
    .description('run the server (HTTP API and UI, background workers)')
    .option('--roles <roles>', `comma-separated roles: ${SERVER_ROLES.join(',')}`, parseRoles, [
      ...SERVER_ROLES,
    ])
    .action(async (opts: { roles: ServerRole[] }) => {
      await serve(config(), opts.roles);
    });

  const db = program.command('db').description('database maintenance');
  db.command('migrate')
    .description('apply pending migrations and exit')
    .action(async () => {
      // openApp migrates; this command reports what it applied.
      await withApp(async (app) => {
        const applied = app.migration.applied;
        console.log(
          applied.length
            ? `applied ${applied.length}: ${applied.join(', ')}`
            : 'database is up to date',
        );
      });
    });

  program
    .command('config')
    .description('print every configuration key with its environment variable and default')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) => {
      const rows = describeConfig();
      if (opts.json) return console.log(JSON.stringify(rows, null, 2));
      for (const r of rows)
        console.log(`${r.env.padEnd(26)} ${r.default.padEnd(12)} ${r.description}`);
    });

  registerFindingsCommands(program, withApp);
  registerAuditCommands(program, withApp);
  registerUserCommands(program, withApp);
  registerCredentialsCommands(program, {
    options: () => credentialsOptionsOf(config()),
    withApp,
  });
  registerRansomwareCommands(program);
  registerDevicesCommands(program, withApp);
  registerCanaryCommand(program);
  return program;
}

function parseRoles(value: string): ServerRole[] {
  const roles = value
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  for (const r of roles) {
    if (!SERVER_ROLES.includes(r as ServerRole)) {
      throw new InvalidArgumentError(`unknown role "${r}"; roles are ${SERVER_ROLES.join(', ')}`);
    }
  }
  return roles as ServerRole[];
}

async function serve(config: Config, roles: ServerRole[]): Promise<void> {
  // Handlers first: a SIGTERM that arrives while the app is still opening waits for it and
  // then shuts down in order, instead of killing the process half-way through a migration.
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const app = await opening.catch(() => undefined);
    app?.log.info({ signal }, 'shutting down');
    try {
      if (app) await stopApp(app);
      process.exit(0);
    } catch (err) {
      app?.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  // Same tick as the handlers above, so `opening` is set before any signal can be delivered.
  const opening = openApp(config, { worker: roles.includes('worker') });
  const app = await opening;
  if (stopping) return;
  const { url, demo, needsSetup } = await startApp(app, roles);
  app.log.info({ roles, url, mode: config.databaseUrl ? 'cluster' : 'embedded' }, 'ward started');
  if (!url) return;
  console.log(`\nWard is running at ${url}  (roles: ${roles.join(', ')})`);
  if (demo) {
    console.log(
      `Demo hospital loaded. Sign in as "${demo.username}" with the one-time password: ${demo.password}`,
    );
    console.log('(You will be asked to choose a new password. This password is not shown again.)');
  } else if (needsSetup) {
    console.log('No users yet: open the URL to create the first administrator.');
  }
  console.log('');
}

export async function main(): Promise<void> {
  let cached: Config | undefined;
  const config = () => (cached ??= loadConfig());
  try {
    await buildProgram(config).parseAsync(process.argv);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`ward: ${err.message}`);
      process.exit(2);
    }
    console.error(`ward: ${(err as Error).message}`);
    if (process.env['WARD_DEBUG']) console.error(err);
    process.exit(1);
  }
}

if (import.meta.main) await main();

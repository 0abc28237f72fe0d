import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.ts';
import { createCore, type Core, type SlaPolicy } from './core/index.ts';
import { seedDemoIfEmpty, type DemoCredentials } from './demo/index.ts';
import { createAuditLog, createAuditModule, type AuditLog } from './platform/audit/index.ts';
import { createAuth, type Auth } from './platform/auth/index.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import { migrate, openDatabase, type Database, type MigrationResult } from './platform/db/index.ts';
import { createHealthModule, createHttpServer, type HttpServer } from './platform/http/index.ts';
import { createJobQueue, type JobQueue } from './platform/jobs/index.ts';
import { createLogger, type Logger } from './platform/log.ts';
import type { WardModule } from './platform/module.ts';
import { createSecretBox, resolveSecretKey, type SecretBox } from './platform/secrets.ts';
import { createEventStream, type EventStream } from './platform/stream/index.ts';
import {
  createCredentialChecks,
  createCredentials,
  type CredentialChecks,
  type CredentialsOptions,
} from './safeguards/credentials/index.ts';
import { createDevices } from './safeguards/devices/index.ts';
import {
  createRansomware,
  type Ransomware,
  type RansomwareOptions,
} from './safeguards/ransomware/index.ts';

export const WARD_VERSION = '0.1.0';

/** Process roles. `ward serve` runs all of them unless `--roles` narrows it. */
export type ServerRole = 'api' | 'worker';
export const SERVER_ROLES: readonly ServerRole[] = ['api', 'worker'];

/** Everything a running Ward holds, built in `openApp` in this order and closed in reverse. */
export interface App {
  config: Config;
  log: Logger;
  clock: Clock;
  db: Database;
  secrets: SecretBox;
  jobs: JobQueue;
  stream: EventStream;
  audit: AuditLog;
  auth: Auth;
  core: Core;
  /** The password policy and breached-password corpus (safeguard 2), also behind Ward's own users. */
  credentials: CredentialChecks;
  /** Live detection, cases and readiness (safeguard 4), for the demo seeder and tests. */
  ransomware: Ransomware;
  /** Remediation deadlines from the config, as the core applies them. */
  sla: SlaPolicy;
  /** The explicit module list: migrations run and routes register in this order. */
  modules: WardModule[];
  http?: HttpServer;
  migration: MigrationResult;
}

export interface OpenOptions {
  /** Start job workers and stream consumers in this process. */
  worker?: boolean;
  log?: Logger;
  clock?: Clock;
  /** Use this database instead of opening one from config (tests). */
  db?: Database;
}

/** Opens the platform and the modules; migrates. Does not listen or start workers. */
export async function openApp(config: Config, opts: OpenOptions = {}): Promise<App> {
  const log = opts.log ?? createLogger(config.logLevel);
  const clock = opts.clock ?? systemClock;
  const cluster = Boolean(config.databaseUrl);
  const secrets = createSecretBox(
    resolveSecretKey({ secretKey: config.secretKey, dataDir: config.dataDir, cluster }),
  );
  const db =
    opts.db ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  try {
    const audit = createAuditLog(db, clock);
    // Ward's own users follow the hospital's password policy, so it exists before auth does.
    const credentials = createCredentialChecks(credentialsOptionsOf(config));
    const auth = createAuth({
      db,
      secrets,
      clock,
      audit,
      log: log.child({ module: 'auth' }),
      sessionHours: config.sessionHours,
      secureCookies: Boolean(config.tlsCert),
      passwordPolicy: (password, context) =>
        credentials.policy.reasonsFor(password, {
          username: context.username,
          displayName: context.displayName ?? undefined,
        }),
    });
    const jobs = await createJobQueue(db, {
      log: log.child({ module: 'jobs' }),
      worker: opts.worker ?? false,
      concurrency: config.jobConcurrency,
    });
    const stream = await createEventStream({
      natsUrl: config.natsUrl,
      streamName: config.natsStream,
      log: log.child({ module: 'stream' }),
    });
    const sla: SlaPolicy = {
      critical: config.slaCriticalDays,
      high: config.slaHighDays,
      medium: config.slaMediumDays,
      low: config.slaLowDays,
    };
    const core = createCore({
      db,
      clock,
      audit,
      jobs,
      stream,
      log: log.child({ module: 'core' }),
      sla,
    });
    const ransomware = createRansomware({
      db,
      core,
      audit,
      clock,
      jobs,
      stream,
      log: log.child({ module: 'ransomware' }),
      options: ransomwareOptionsOf(config),
    });
    // The explicit module list. Safeguard modules join here as they are built.
    const modules: WardModule[] = [
      createHealthModule(db, WARD_VERSION),
      createAuditModule(audit),
      auth.module,
      core.module,
      createCredentials({
        db,
        core,
        audit,
        clock,
        checks: credentials,
        options: credentialsOptionsOf(config),
        authenticate: (request) => auth.authenticate(request),
      }).module,
      ransomware.module,
      createDevices({ db, core, audit, clock, log: log.child({ module: 'devices' }) }).module,
    ];
    // Job handlers start only in startApp, after this, so they always see migrated tables.
    const migration = await migrate(
      db,
      modules.flatMap((m) => (m.migrations ? [m.migrations] : [])),
    );
    return {
      config,
      log,
      clock,
      db,
      secrets,
      jobs,
      stream,
      audit,
      auth,
      core,
      credentials,
      ransomware,
      sla,
      modules,
      migration,
    };
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
}

/** The credentials safeguard's settings from the Config (also used by `ward creds`). */
export function credentialsOptionsOf(config: Config): CredentialsOptions {
  return {
    dataDir: config.dataDir,
    corpusDir: config.credsCorpusDir,
    orgNames: config.orgNames,
    departments: config.departments,
    bannedWords: config.credsBannedWords,
    minLength: config.credsMinLength,
    rangeAuth: config.credsRangeAuth,
    staleDays: config.credsStaleDays,
  };
}

/** The ransomware safeguard's settings from the Config. */
export function ransomwareOptionsOf(config: Config): RansomwareOptions {
  return {
    ruleDirs: config.detectRuleDirs,
    groupMinutes: config.alertGroupMinutes,
    alertWebhookUrl: config.alertWebhookUrl,
    containmentWebhookUrl: config.containmentWebhookUrl,
    ingestMaxEvents: config.ingestMaxEvents,
    email: {
      smtpUrl: config.smtpUrl,
      to: config.alertEmailTo,
      from: config.alertEmailFrom,
      publicUrl: config.publicUrl,
    },
  };
}

/** Starts the requested roles: the HTTP server (api) and job workers (worker). */
export async function startApp(
  app: App,
  roles: readonly ServerRole[],
): Promise<{ url?: string; demo: DemoCredentials | null; needsSetup: boolean }> {
  const demo = app.config.demo ? await seedDemoIfEmpty(app) : null;
  const needsSetup = (await app.auth.countUsers()) === 0;
  if (roles.includes('worker')) {
    for (const m of app.modules) await m.startWorkers?.();
  }
  if (!roles.includes('api')) return { demo, needsSetup };
  const webRoot = fileURLToPath(new URL('../web/dist/', import.meta.url));
  const http = await createAppServer({
    log: app.log,
    auth: app.auth,
    audit: app.audit,
    modules: app.modules,
    rateLimitPerMinute: app.config.rateLimitPerMinute,
    maxUploadBytes: app.config.maxUploadMb * 1024 * 1024,
    tls:
      app.config.tlsCert && app.config.tlsKey
        ? { cert: app.config.tlsCert, key: app.config.tlsKey }
        : undefined,
    webRoot: existsSync(webRoot) ? webRoot : undefined,
  });
  app.http = http;
  const address = await http.listen({ host: app.config.host, port: app.config.port });
  return { url: app.config.publicUrl ?? address, demo, needsSetup };
}

/**
 * The HTTP server with Ward's hooks (authentication, an audit entry for every state-changing
 * request) and every module's routes, not yet listening. Tests drive it with `inject`.
 */
export async function createAppServer(parts: {
  log: Logger;
  auth: Pick<Auth, 'authenticate'>;
  audit: AuditLog;
  modules: readonly WardModule[];
  rateLimitPerMinute: number;
  maxUploadBytes: number;
  tls?: { cert: string; key: string } | undefined;
  webRoot?: string | undefined;
}): Promise<HttpServer> {
  const http = await createHttpServer({
    logger: parts.log,
    rateLimitPerMinute: parts.rateLimitPerMinute,
    maxUploadBytes: parts.maxUploadBytes,
    tls: parts.tls,
    authenticate: (req) => parts.auth.authenticate(req),
    recordMutation: (req, status) =>
      parts.audit.append({
        actor: req.principal?.username ?? 'anonymous',
        ip: req.ip,
        action: `${req.method} ${req.routeOptions.url ?? req.url}`,
        target: Object.keys((req.params as object) ?? {}).length
          ? JSON.stringify(req.params)
          : null,
        status,
      }),
    webRoot: parts.webRoot,
  });
  for (const m of parts.modules) await m.registerRoutes?.(http);
  return http;
}

/** Graceful shutdown: stop taking requests, drain workers, close modules in reverse, then infra. */
export async function stopApp(app: App): Promise<void> {
  await app.http?.close();
  await app.jobs.stop();
  for (const m of [...app.modules].reverse()) await m.close?.();
  await app.stream.close();
  await app.db.close();
}

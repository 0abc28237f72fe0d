/**
 * Live detection for the ransomware safeguard (issue 4): log shippers POST Windows events,
 * detection workers match them against Sigma rules from the event stream and raise grouped
 * alerts, analysts triage them over the API.
 *
 * @example
 * const live = createLiveDetection({ db, stream, audit, clock, log, ruleDirs: [],
 *   groupMinutes: 15, ingestMaxEvents: 10_000, alertWebhookUrl });
 * await live.registerRoutes(http); // api role
 * await live.startWorkers();       // worker role
 * await live.close();
 */
import type { AuditLog } from '../../../platform/audit/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Database } from '../../../platform/db/index.ts';
import type { HttpServer } from '../../../platform/http/index.ts';
import type { Logger } from '../../../platform/log.ts';
import type { EventStream, Subscription } from '../../../platform/stream/index.ts';
import { defaultRuleDirs } from '../detect/index.ts';
import { compileRuleSet, loadRuleTree, type RuleSet } from '../sigma/index.ts';
import { registerAlertRoutes } from './alert-routes.ts';
import { combineNotifiers, createAlertEmail } from './alert-email.ts';
import { createAlertWebhook, type AlertWebhook } from './alert-webhook.ts';
import { createDetector, type Detector } from './detector.ts';
import { registerIngestRoute } from './ingest-route.ts';
import { EVENTS_SUBJECT, type EventBatchMessage } from './ingest.ts';
import { createSiteFilters } from './site-filters.ts';
import { registerSourceRoutes } from './source-routes.ts';

export { EVENTS_SUBJECT, MESSAGE_EVENTS, type EventBatchMessage } from './ingest.ts';
export { INGEST_TOKEN_PREFIX } from './ingest-sources.ts';
export { ruleLink } from './rule-ref.ts';

export const DETECT_GROUP = 'ransomware-detect';

export interface LiveDetectionDeps {
  db: Database;
  stream: EventStream;
  audit: AuditLog;
  clock: Clock;
  log: Logger;
  /** Extra rule trees; Ward's pack is always loaded. */
  ruleDirs: string[];
  /** Matches of one rule on one host within this many minutes form one alert. */
  groupMinutes: number;
  /** POSTed JSON for every new high or critical alert. */
  alertWebhookUrl?: string | undefined;
  /** E-mail for every new high or critical alert, when a relay and recipients are configured. */
  email?: {
    smtpUrl: string | undefined;
    to: readonly string[];
    from: string;
    publicUrl?: string | undefined;
  };
  /** Events one ingest request may carry (413 beyond). */
  ingestMaxEvents: number;
  fetch?: typeof fetch;
  /** First webhook retry delay, doubling (default 1 s; tests shorten it). */
  webhookBackoffMs?: number;
  /** Stream messages one worker handles at once (default 2: one matches while one writes). */
  workerConcurrency?: number;
}

export interface LiveDetection {
  registerRoutes(http: HttpServer): Promise<void>;
  startWorkers(): Promise<void>;
  /**
   * Matches one batch in this process and stores its alerts, as a worker does with a stream
   * message (the demo seeder uses it: it runs before the workers subscribe).
   */
  detect(message: EventBatchMessage): Promise<void>;
  close(): Promise<void>;
}

export function createLiveDetection(deps: LiveDetectionDeps): LiveDetection {
  const log = deps.log;
  let subscription: Subscription | null = null;
  let webhook: AlertWebhook | null = null;
  let detector: Detector | null = null;
  // The rule set is compiled once per process, on first use (workers or the demo seeder).
  const detectorOf = async (): Promise<Detector> => {
    if (detector) return detector;
    const ruleSet = compileRules(deps.ruleDirs, log);
    const filters = createSiteFilters(deps.db);
    await filters.refresh();
    const backoff = deps.webhookBackoffMs !== undefined ? { backoffMs: deps.webhookBackoffMs } : {};
    webhook = combineNotifiers(
      createAlertWebhook({
        url: deps.alertWebhookUrl,
        fetch: deps.fetch ?? fetch,
        log,
        ...backoff,
      }),
      createAlertEmail({
        smtpUrl: deps.email?.smtpUrl,
        to: deps.email?.to ?? [],
        from: deps.email?.from ?? 'ward@localhost',
        publicUrl: deps.email?.publicUrl,
        log,
        ...backoff,
      }),
    );
    detector = createDetector({ ...deps, ruleSet, filters, webhook });
    return detector;
  };

  return {
    async registerRoutes(http) {
      registerSourceRoutes(http, deps);
      registerAlertRoutes(http, deps);
      await registerIngestRoute(http, { ...deps, maxEvents: deps.ingestMaxEvents });
    },

    async startWorkers() {
      if (subscription) return;
      const worker = await detectorOf();
      subscription = await deps.stream.subscribe<EventBatchMessage>(
        EVENTS_SUBJECT,
        DETECT_GROUP,
        async (msg) => worker.handle(msg.data),
        { concurrency: deps.workerConcurrency ?? 2 },
      );
    },

    async detect(message) {
      await (await detectorOf()).handle(message);
    },

    async close() {
      await subscription?.stop();
      subscription = null;
      await webhook?.close();
    },
  };
}

/** Ward's pack plus the configured trees, compiled once per process. Rule errors are logged. */
function compileRules(ruleDirs: readonly string[], log: Logger): RuleSet {
  const loaded = loadRuleTree([...defaultRuleDirs(), ...ruleDirs]);
  const { ruleSet, errors } = compileRuleSet({ documents: loaded.documents });
  const problems = [...loaded.errors, ...errors];
  for (const p of problems.filter((e) => e.severity === 'error').slice(0, 20))
    log.warn({ path: p.path, line: p.line, problem: p.message }, 'Sigma rule skipped');
  log.info(
    {
      files: loaded.files,
      rules: ruleSet.rules.length,
      correlations: ruleSet.correlations.length,
      problems: problems.length,
    },
    'detection rules compiled',
  );
  return ruleSet;
}

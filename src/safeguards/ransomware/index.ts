import type { Core } from '../../core/index.ts';
import type { AuditLog } from '../../platform/audit/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, MigrationSet } from '../../platform/db/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import type { Logger } from '../../platform/log.ts';
import type { WardModule } from '../../platform/module.ts';
import type { EventStream } from '../../platform/stream/index.ts';
import { registerCaseRoutes, type CaseDeps } from './cases/index.ts';
import { createLiveDetection, type LiveDetection } from './live/index.ts';
import { createReadiness, type Readiness } from './readiness/index.ts';

export {
  addComment,
  completeContainmentStep,
  createCase,
  updateCase,
  type CaseDeps,
} from './cases/index.ts';
export { createReadiness, type Readiness } from './readiness/index.ts';

/** The ransomware tables: ingest sources, alerts, cases, site filters, readiness answers. */
export const RANSOMWARE_MIGRATIONS: MigrationSet = {
  module: 'ransomware',
  dir: new URL('./migrations/', import.meta.url),
};

/** The settings this safeguard reads, as app.ts takes them from the Config. */
export interface RansomwareOptions {
  ruleDirs: string[];
  groupMinutes: number;
  alertWebhookUrl?: string | undefined;
  containmentWebhookUrl?: string | undefined;
  ingestMaxEvents: number;
  /** Alert e-mail: relay URL, recipients, sender, and Ward's URL for links. */
  email: { smtpUrl: string | undefined; to: string[]; from: string; publicUrl: string | undefined };
}

export interface RansomwareDeps {
  db: Database;
  core: Core;
  audit: AuditLog;
  clock: Clock;
  jobs: JobQueue;
  stream: EventStream;
  log: Logger;
  options: RansomwareOptions;
}

/**
 * Safeguard 4 in the server: live ingest into detection workers that raise alerts, cases with
 * containment, and the recovery-readiness assessment. Hunting over files (`ward detect`) needs
 * none of this and lives in detect/.
 */
export interface Ransomware {
  module: WardModule;
  live: LiveDetection;
  readiness: Readiness;
  /** What the case functions need (the demo seeder opens a case through them). */
  cases: CaseDeps;
}

export function createRansomware(deps: RansomwareDeps): Ransomware {
  const { options } = deps;
  const live = createLiveDetection({
    db: deps.db,
    stream: deps.stream,
    audit: deps.audit,
    clock: deps.clock,
    log: deps.log.child({ part: 'live' }),
    ruleDirs: options.ruleDirs,
    groupMinutes: options.groupMinutes,
    alertWebhookUrl: options.alertWebhookUrl,
    ingestMaxEvents: options.ingestMaxEvents,
    email: options.email,
  });
  const readiness = createReadiness({
    db: deps.db,
    core: deps.core,
    audit: deps.audit,
    clock: deps.clock,
    jobs: deps.jobs,
    log: deps.log.child({ part: 'readiness' }),
  });
  const cases: CaseDeps = {
    db: deps.db,
    audit: deps.audit,
    clock: deps.clock,
    log: deps.log.child({ part: 'cases' }),
    containmentWebhookUrl: options.containmentWebhookUrl,
  };
  return {
    live,
    readiness,
    cases,
    module: {
      name: 'ransomware',
      migrations: RANSOMWARE_MIGRATIONS,
      async registerRoutes(http) {
        await live.registerRoutes(http);
        registerCaseRoutes(http, cases);
        readiness.registerRoutes(http);
      },
      async startWorkers() {
        await live.startWorkers();
        await readiness.startWorkers();
      },
      close: () => live.close(),
    },
  };
}

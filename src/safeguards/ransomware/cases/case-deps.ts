import type { AuditLog } from '../../../platform/audit/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Database } from '../../../platform/db/index.ts';
import type { Logger } from '../../../platform/log.ts';

/** What the case functions need; app.ts and the demo seeder pass the same object. */
export interface CaseDeps {
  db: Database;
  audit: AuditLog;
  clock: Clock;
  log: Logger;
  /** When set, each completed containment step is POSTed here (a SOAR or firewall hook). */
  containmentWebhookUrl?: string | undefined;
  /** Injected in tests; the global fetch otherwise. */
  fetch?: typeof fetch | undefined;
}

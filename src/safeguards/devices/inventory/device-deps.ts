import type { Core } from '../../../core/index.ts';
import type { AuditLog } from '../../../platform/audit/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Database } from '../../../platform/db/index.ts';
import type { Logger } from '../../../platform/log.ts';

/** What the devices safeguard needs from the app (structural, as the CLI's withApp gives it). */
export interface DevicesDeps {
  db: Database;
  core: Core;
  audit: AuditLog;
  clock: Clock;
  log: Logger;
}

import type { AuditLog } from '../platform/audit/index.ts';
import type { Clock } from '../platform/clock.ts';
import type { Database } from '../platform/db/index.ts';
import type { SlaPolicy } from './findings/sla.ts';

/**
 * What the core's write operations need besides their input: the database, the audit log that
 * records each change in the same transaction, the time, and the remediation policy.
 */
export interface CoreContext {
  db: Database;
  audit: AuditLog;
  clock: Clock;
  sla: SlaPolicy;
}

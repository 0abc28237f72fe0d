import { randomUUID } from 'node:crypto';
import type { AlertLevel } from '../../../api-types.ts';
import { AUDIT_MIGRATIONS, createAuditLog, type AuditLog } from '../../../platform/audit/index.ts';
import { AUTH_MIGRATIONS, createAuth, type Auth } from '../../../platform/auth/index.ts';
import { fixedClock } from '../../../platform/clock.ts';
import type { Database, PgliteDatabase } from '../../../platform/db/index.ts';
import type { HttpServer } from '../../../platform/http/index.ts';
import { createLogger } from '../../../platform/log.ts';
import { createSecretBox } from '../../../platform/secrets.ts';
import { createTestDatabase } from '../../../../test/pglite-template.ts';
import { createTestHttpServer } from '../../../../test/http-app.ts';
import type { CaseDeps } from './case-deps.ts';
import { registerCaseRoutes } from './case-routes.ts';

/** PGlite with audit, auth and ransomware tables, and the case routes served (not listening). */
export async function createCaseTestApp(): Promise<{
  db: PgliteDatabase;
  audit: AuditLog;
  auth: Auth;
  http: HttpServer;
  clock: ReturnType<typeof fixedClock>;
  deps: CaseDeps;
  close(): Promise<void>;
}> {
  const clock = fixedClock('2026-03-02T08:00:00Z');
  const db = await createTestDatabase([
    AUDIT_MIGRATIONS,
    AUTH_MIGRATIONS,
    { module: 'ransomware', dir: new URL('../migrations/', import.meta.url) },
  ]);
  const audit = createAuditLog(db, clock);
  const log = createLogger('silent');
  const auth = createAuth({
    db,
    secrets: createSecretBox(Buffer.alloc(32, 7)),
    clock,
    audit,
    log,
    sessionHours: 12,
    secureCookies: false,
  });
  // Mutable on purpose: tests switch the webhook and the fetch between requests.
  const deps: CaseDeps = { db, audit, clock, log };
  const http = await createTestHttpServer({
    auth,
    audit,
    modules: [
      auth.module,
      { name: 'ransomware-cases', registerRoutes: (server) => registerCaseRoutes(server, deps) },
    ],
  });
  return {
    db,
    audit,
    auth,
    http,
    clock,
    deps,
    async close() {
      await http.close();
      await db.close();
    },
  };
}

/** An alert as the detection workers write it (one rule, one host, one window). */
export async function insertAlert(
  db: Database,
  alert: {
    ruleId?: string;
    title: string;
    level: AlertLevel;
    host: string | null;
    sample: Record<string, unknown>;
    at?: string;
  },
): Promise<string> {
  const at = alert.at ?? '2026-03-02T07:30:00Z';
  const ruleId = alert.ruleId ?? randomUUID();
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO rw_alerts (group_key, rule_id, rule_title, rule_level, rule_tags, host,
       first_seen, last_seen, count, sample)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7, 3, $8::jsonb) RETURNING id`,
    [
      `${ruleId}|${alert.host}|${at}|${randomUUID()}`,
      ruleId,
      alert.title,
      alert.level,
      ['attack.impact'],
      alert.host,
      at,
      JSON.stringify(alert.sample),
    ],
  );
  return row!.id;
}

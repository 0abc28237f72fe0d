import { z } from 'zod';
import type { AuditEntry, Page } from '../../api-types.ts';
import type { MigrationSet } from '../db/migrate.ts';
import type { WardModule } from '../module.ts';
import type { AuditLog, AuditRecord, AuditVerifyResult } from './audit-log.ts';

// Auditors exist to read this; analysts do not need it.
const AUDIT_READERS = ['admin', 'auditor'] as const;

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  actor: z.string().min(1).max(200).optional(),
  action: z.string().min(1).max(200).optional(),
});

/** The audit_log table; also what tests migrate a database with. */
export const AUDIT_MIGRATIONS: MigrationSet = {
  module: 'audit',
  dir: new URL('./migrations/', import.meta.url),
};

/** The audit log's migrations and its read-only API. */
export function createAuditModule(audit: AuditLog): WardModule {
  return {
    name: 'audit',
    migrations: AUDIT_MIGRATIONS,
    registerRoutes(http) {
      http.get(
        '/api/audit',
        { config: { access: AUDIT_READERS }, schema: { querystring: listQuery } },
        async (request): Promise<Page<AuditEntry>> => {
          const q = request.query;
          const { items, total } = await audit.list(q);
          return { items: items.map(toAuditEntry), total, limit: q.limit, offset: q.offset };
        },
      );
      http.get(
        '/api/audit/verify',
        { config: { access: AUDIT_READERS } },
        async (): Promise<AuditVerifyResult> => audit.verify(),
      );
    },
  };
}

/** The API shape: the hashes stay server-side, `verify` speaks for them. */
export function toAuditEntry(r: AuditRecord): AuditEntry {
  return {
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    ip: r.ip,
    action: r.action,
    target: r.target,
    status: r.status,
    detail: r.detail,
  };
}

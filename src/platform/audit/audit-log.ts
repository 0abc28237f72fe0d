import type { AuditVerifyResult } from '../../api-types.ts';
import type { Queryable } from '../db/database.ts';

/** One change to record: who did what to which thing, from where, with what outcome. */
export interface AuditInput {
  /** Username, `system`, or `anonymous`. */
  actor: string;
  ip?: string | null;
  /** `POST /api/findings/:id/comments`, or a domain verb such as `finding.status`. */
  action: string;
  target?: string | null;
  /** HTTP status for request entries. */
  status?: number | null;
  detail?: unknown;
}

export interface AuditRecord {
  seq: number;
  at: string;
  actor: string;
  ip: string | null;
  action: string;
  target: string | null;
  status: number | null;
  detail: unknown;
  prevHash: string;
  hash: string;
}

export type { AuditVerifyResult } from '../../api-types.ts';

/**
 * Append-only, hash-chained log of every change. Each entry's hash covers its content and the
 * previous entry's hash, so editing or deleting any entry breaks the chain from there on.
 */
export interface AuditLog {
  /** Appends inside `tx` when given, so the entry commits or rolls back with the change. */
  append(entry: AuditInput, tx?: Queryable): Promise<void>;
  list(opts: {
    limit: number;
    offset: number;
    actor?: string;
    action?: string;
  }): Promise<{ items: AuditRecord[]; total: number }>;
  verify(): Promise<AuditVerifyResult>;
}

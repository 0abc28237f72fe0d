export type { AuditInput, AuditLog, AuditRecord, AuditVerifyResult } from './audit-log.ts';
export { createAuditLog } from './chained-audit-log.ts';
export { AUDIT_MIGRATIONS, createAuditModule, toAuditEntry } from './audit-module.ts';
export { GENESIS_HASH, hashEntry } from './audit-chain.ts';

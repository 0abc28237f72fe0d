import type { StoredHash } from './stored-hash.ts';
import type { ParsedAccount } from './types.ts';

/** One account while it is audited. `password` is in memory only and never leaves the audit. */
export interface AuditEntry {
  account: ParsedAccount;
  stored: StoredHash;
  /** Known when stored in plaintext or when a candidate matched the hash. */
  password?: string | undefined;
  /** Times seen in the breached corpus (0 = not seen, undefined = not looked up). */
  breached?: number | undefined;
}

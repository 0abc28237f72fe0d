import type { AuditLog } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/database.ts';
import type { Logger } from '../log.ts';
import type { SecretBox } from '../secrets.ts';
import type { PasswordChecker } from './password-policy.ts';

/** What the auth functions share; built once by createAuth. */
export interface AuthContext {
  db: Database;
  secrets: SecretBox;
  clock: Clock;
  audit: AuditLog;
  log: Logger;
  /** Sliding session lifetime: a session ends after this long without a request. */
  sessionHours: number;
  /** Mark cookies Secure (the server speaks HTTPS). */
  secureCookies: boolean;
  /** Why a new password for a Ward user is refused; app.ts passes the credentials safeguard's policy. */
  passwordPolicy: PasswordChecker;
}

/** Where a request came from, for sessions and audit entries. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

// Serialises changes that must see every user at once (first setup, "last admin" checks)
// across Ward processes on one PostgreSQL. "USER".
export const USERS_LOCK = 0x55534552;

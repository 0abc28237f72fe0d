import type {
  CredentialAuditFinding,
  CredentialCategory,
  CredentialFileFormat,
} from '../../../api-types.ts';
import type { BreachedLookup } from '../breached-lookup.ts';

/** Storage schemes the audit recognises; the keys of CredentialAuditReport.algorithms. */
export type HashAlgorithm =
  | 'argon2id'
  | 'argon2i'
  | 'argon2d'
  | 'scrypt'
  | 'yescrypt'
  | 'bcrypt'
  | 'pbkdf2-sha1'
  | 'pbkdf2-sha256'
  | 'pbkdf2-sha512'
  | 'sha512crypt'
  | 'sha256crypt'
  | 'md5crypt'
  | 'apr1'
  | 'descrypt'
  | 'ssha'
  | 'sha1-base64'
  | 'md5'
  | 'sha1'
  | 'sha256'
  | 'sha512'
  | 'ntlm'
  | 'md5-or-ntlm'
  | 'lm'
  | 'plaintext'
  /** No password at all (an empty shadow field or an empty CSV/htpasswd value). */
  | 'empty'
  /** Shadow "!", "*", "!!": no password can log in; not a finding. */
  | 'locked'
  | 'unknown';

/** Unsalted digests the candidate table can invert by lookup. */
export type UnsaltedKind = 'ntlm' | 'md5' | 'sha1' | 'sha256' | 'sha512';

/** One stored credential read from a dump; `hash` is never copied into any output. */
export interface ParsedAccount {
  /** 1-based line in the input. */
  line: number;
  /** The name as the dump shows it (DOMAIN\user, an e-mail address, ...). */
  account: string;
  /** The bare login name used for username-as-password checks. */
  username: string;
  hash: string;
  /** ntds only: the LM hash column, when one is stored. */
  lmHash?: string;
  /** The dump says the account cannot log in (shadow "!hash", secretsdump status=Disabled). */
  status?: 'locked' | 'disabled';
  /** ntds: a "user:CLEARTEXT:" line shows the domain keeps this password reversibly encrypted. */
  reversible?: boolean;
}

export interface SkippedLine {
  line: number;
  reason: string;
}

export interface ParsedDump {
  accounts: ParsedAccount[];
  skippedLines: SkippedLine[];
  notes: string[];
}

export interface AuditWords {
  /** Most likely first: the first entries get the most variants (see candidate-variants.ts). */
  dictionary: readonly string[];
  /** Organisation words (hospital name, departments, city). */
  context: readonly string[];
}

export interface AuditInput {
  text: string | Buffer;
  fileName: string;
  format?: CredentialFileFormat | 'auto';
  csv?: { userColumn?: string | undefined; hashColumn?: string | undefined };
}

export interface AuditDeps {
  breached?: BreachedLookup;
  words: AuditWords;
  now?: Date;
  onProgress?: (done: number, total: number) => void;
  /**
   * Time for trying candidates against salted and slow hashes (md5crypt, sha512crypt, bcrypt,
   * argon2, ...), in milliseconds; default 30,000. Unsalted lookups are not limited.
   */
  saltedBudgetMs?: number;
}

export interface CredentialAuditReport {
  format: CredentialFileFormat;
  fileName: string;
  accounts: number;
  skippedLines: SkippedLine[];
  algorithms: Record<string, number>;
  findings: CredentialAuditFinding[];
  summary: Partial<Record<CredentialCategory, number>>;
  notes: string[];
}

// Credentials (safeguard 2): password checks, the breached-password corpus, audits, directories;
// part of the shared API contract (web code imports it through src/api-types.ts).

/** Why a password was refused; `code` is stable, `message` is the sentence shown to the user. */
export interface PasswordReason {
  code:
    | 'too_short'
    | 'too_long'
    | 'control_characters'
    | 'breached'
    | 'common_password'
    | 'dictionary_word'
    | 'context_word'
    | 'username'
    | 'personal_name'
    | 'season_or_year'
    | 'medical_term'
    | 'pattern'
    | 'weak';
  message: string;
}

export interface PasswordStrength {
  /** zxcvbn score 0 (guessable) to 4 (very unguessable). */
  score: 0 | 1 | 2 | 3 | 4;
  /** Estimated time to guess offline against a slow hash, human-readable ("3 centuries"). */
  crackTime: string;
  warning: string | null;
  suggestions: string[];
}

export interface PasswordCheckRequest {
  password: string;
  username?: string;
  displayName?: string;
  /** Account class from the configured list (default: single_factor). */
  accountClass?: string;
}

export interface PasswordCheckResult {
  ok: boolean;
  reasons: PasswordReason[];
  strength: PasswordStrength;
  /** Times seen in the breached corpus; null when no corpus is imported. */
  breachedCount: number | null;
  minLength: number;
}

export type CorpusKind = 'sha1' | 'ntlm';

export interface CorpusIndexStatus {
  kind: CorpusKind;
  entries: number;
  bytes: number;
  /** Fingerprint-only index: lookups work, the range API does not. */
  compact: boolean;
  importedAt: string;
  sources: string[];
}

export interface CorpusStatus {
  indexes: CorpusIndexStatus[];
}

export type CredentialCategory =
  | 'empty'
  | 'lm_hash'
  | 'breached'
  | 'username_as_password'
  | 'dictionary'
  | 'shared_password'
  | 'weak_storage';

export type CredentialFileFormat = 'ntds' | 'shadow' | 'htpasswd' | 'csv';

/** One problem with one stored credential. Never carries a password or a full hash. */
export interface CredentialAuditFinding {
  account: string;
  category: CredentialCategory;
  detail: string;
}

export interface CredentialAuditRun {
  id: string;
  fileName: string;
  format: CredentialFileFormat;
  accounts: number;
  /** Findings per category. */
  summary: Partial<Record<CredentialCategory, number>>;
  /** Storage algorithms seen, with how many accounts use each. */
  algorithms: Record<string, number>;
  createdBy: string;
  createdAt: string;
}

export interface CredentialAuditDetail extends CredentialAuditRun {
  findings: CredentialAuditFinding[];
}

export type DirectorySource = 'ad' | 'entra' | 'okta';

export type DirectoryCheck =
  | 'no_mfa'
  | 'privileged_no_mfa'
  | 'stale_account'
  | 'leaver_enabled'
  | 'password_never_expires'
  | 'shared_account';

export interface DirectoryImportResult {
  id: string;
  source: DirectorySource;
  fileName: string;
  users: number;
  enabledUsers: number;
  /** Problems found per check in this export. */
  checks: Partial<Record<DirectoryCheck, number>>;
  findingsOpened: number;
  findingsFixed: number;
  /** False when the export has no MFA data (Active Directory alone): coverage counts are 0, not measured. */
  mfaKnown: boolean;
  coverage: MfaCoveragePoint;
}

export interface MfaCoveragePoint {
  at: string;
  source: DirectorySource;
  users: number;
  usersWithMfa: number;
  privileged: number;
  privilegedWithMfa: number;
  phishingResistant: number;
}

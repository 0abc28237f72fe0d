-- Credentials safeguard: identity directory imports and MFA coverage (directory/), and the
-- stored-credential audit runs.

-- One row per directory export imported. checks: problems found per check; a check absent from
-- it could not be judged from that export (no MFA data, no sign-in times, no leavers list).
CREATE TABLE creds_directory_imports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  source text NOT NULL CHECK (source IN ('ad', 'entra', 'okta')),
  file_name text NOT NULL,
  users integer NOT NULL,
  enabled_users integer NOT NULL,
  checks jsonb NOT NULL,
  findings_opened integer NOT NULL,
  findings_fixed integer NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX creds_directory_imports_created_idx ON creds_directory_imports (created_at);

-- MFA coverage of the enabled users of one import. An export without MFA data (AD on its own)
-- writes no row, so the trend never shows an unknown as 0 %. id is a sequence: it orders
-- snapshots taken at the same instant.
CREATE TABLE creds_mfa_snapshots (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source text NOT NULL CHECK (source IN ('ad', 'entra', 'okta')),
  taken_at timestamptz NOT NULL,
  users integer NOT NULL,
  users_with_mfa integer NOT NULL,
  privileged integer NOT NULL,
  privileged_with_mfa integer NOT NULL,
  phishing_resistant integer NOT NULL,
  import_id uuid NOT NULL REFERENCES creds_directory_imports (id) ON DELETE CASCADE
);
CREATE INDEX creds_mfa_snapshots_taken_idx ON creds_mfa_snapshots (source, taken_at);
CREATE INDEX creds_mfa_snapshots_import_idx ON creds_mfa_snapshots (import_id);

-- The findings directory imports opened, per source, account (lower-case asset name) and check,
-- so that the next import from that source can close what got better. active: the source
-- still reported the problem at its last import. One finding may be listed by several sources
-- (the same account in AD and Entra ID); it is closed when none of them reports it any more.
CREATE TABLE creds_directory_findings (
  source text NOT NULL CHECK (source IN ('ad', 'entra', 'okta')),
  account text NOT NULL,
  check_name text NOT NULL,
  finding_id uuid NOT NULL,
  active boolean NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (source, account, check_name)
);
CREATE INDEX creds_directory_findings_finding_idx ON creds_directory_findings (finding_id);

-- Stored-credential audits (NTDS, shadow, htpasswd, CSV). findings holds only account, category
-- and detail for each problem: never a password or a password hash, whole or in part.
CREATE TABLE creds_audit_runs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  file_name text NOT NULL,
  format text NOT NULL,
  accounts int NOT NULL,
  summary jsonb NOT NULL,
  algorithms jsonb NOT NULL,
  findings jsonb NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX creds_audit_runs_created_idx ON creds_audit_runs (created_at);

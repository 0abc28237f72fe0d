-- Ransomware safeguard: live ingest sources, alerts grouped from Sigma matches, cases with
-- containment and evidence, site filters from false positives, and the recovery-readiness
-- answers. Rules themselves live in files (Ward's pack and configured trees), not here.

-- A log shipper allowed to POST events. The token is shown once; only its SHA-256 is kept.
CREATE TABLE rw_ingest_sources (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL UNIQUE CHECK (name <> ''),
  description text,
  token_hash bytea NOT NULL UNIQUE,
  token_prefix text NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  events bigint NOT NULL DEFAULT 0,
  last_event_at timestamptz,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Matches of one rule on one host inside the grouping window. group_key = rule id + host +
-- window start, unique, so concurrent detection workers join the same alert (ON CONFLICT).
CREATE TABLE rw_alerts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  group_key text NOT NULL UNIQUE,
  rule_id text NOT NULL,
  rule_title text NOT NULL,
  rule_author text,
  rule_level text NOT NULL CHECK (rule_level IN ('informational', 'low', 'medium', 'high', 'critical')),
  rule_tags text[] NOT NULL DEFAULT '{}',
  rule_link text,
  rule_path text,
  host text,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'closed')),
  first_seen timestamptz NOT NULL,
  last_seen timestamptz NOT NULL,
  count integer NOT NULL DEFAULT 0,
  sample jsonb NOT NULL,
  case_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rw_alerts_last_seen_idx ON rw_alerts (last_seen DESC);
CREATE INDEX rw_alerts_status_idx ON rw_alerts (status, last_seen DESC);
CREATE INDEX rw_alerts_host_idx ON rw_alerts (lower(host));
CREATE INDEX rw_alerts_case_idx ON rw_alerts (case_id);

-- The first events of each alert (the alert keeps counting past the cap, see live/).
CREATE TABLE rw_alert_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  alert_id uuid NOT NULL REFERENCES rw_alerts (id) ON DELETE CASCADE,
  at timestamptz NOT NULL,
  source text,
  record_id bigint,
  fields jsonb NOT NULL
);
CREATE INDEX rw_alert_events_alert_idx ON rw_alert_events (alert_id, at);

-- Exclusions added when a case is closed as a false positive: a Sigma-style selection (field ->
-- exact value) for one rule, applied by every detection worker before an alert is raised.
CREATE TABLE rw_site_filters (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  rule_id text NOT NULL,
  selection jsonb NOT NULL,
  reason text NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rw_site_filters_rule_idx ON rw_site_filters (rule_id);

CREATE TABLE rw_cases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title text NOT NULL CHECK (title <> ''),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'closed')),
  severity text NOT NULL CHECK (severity IN ('informational', 'low', 'medium', 'high', 'critical')),
  assignee text,
  resolution text CHECK (resolution IN ('true_positive', 'benign', 'false_positive')),
  close_note text,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  CHECK ((status = 'closed') = (resolution IS NOT NULL))
);
CREATE INDEX rw_cases_status_idx ON rw_cases (status, updated_at DESC);
ALTER TABLE rw_alerts ADD CONSTRAINT rw_alerts_case_fk FOREIGN KEY (case_id) REFERENCES rw_cases (id) ON DELETE SET NULL;

-- The case timeline: every change and comment, in order.
CREATE TABLE rw_case_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES rw_cases (id) ON DELETE CASCADE,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  kind text NOT NULL,
  text text
);
CREATE INDEX rw_case_events_case_idx ON rw_case_events (case_id, id);

CREATE TABLE rw_case_evidence (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES rw_cases (id) ON DELETE CASCADE,
  label text NOT NULL CHECK (label <> ''),
  url text,
  note text,
  added_by text NOT NULL,
  added_at timestamptz NOT NULL
);
CREATE INDEX rw_case_evidence_case_idx ON rw_case_evidence (case_id);

-- One row per containment step of a case (isolate_host, disable_account, block_hash, ...).
CREATE TABLE rw_case_containment (
  case_id uuid NOT NULL REFERENCES rw_cases (id) ON DELETE CASCADE,
  step text NOT NULL,
  target text,
  done_by text,
  done_at timestamptz,
  webhook text,
  PRIMARY KEY (case_id, step)
);

-- Recovery readiness: the latest answer per question; history lives in the audit log.
CREATE TABLE rw_readiness_answers (
  key text PRIMARY KEY,
  answer text NOT NULL CHECK (answer IN ('yes', 'partial', 'no', 'unknown')),
  evidence text,
  answered_by text NOT NULL,
  answered_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);

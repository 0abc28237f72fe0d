-- Core domain: one asset registry, one findings model, scanner imports and the posture trend.
-- Every safeguard writes findings here; see src/core/findings/ for the rules the columns carry.

CREATE TABLE assets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  type text NOT NULL CHECK (type IN ('host', 'medical_device', 'iot_device', 'domain', 'mailbox', 'account', 'application', 'vendor')),
  name text NOT NULL CHECK (name <> ''),
  -- Identifiers are stored normalised (MACs upper-case with colons, host names lower-case) so
  -- that array overlap (&&) on the GIN indexes below is the whole matching query.
  ips text[] NOT NULL DEFAULT '{}',
  macs text[] NOT NULL DEFAULT '{}',
  hostnames text[] NOT NULL DEFAULT '{}',
  fqdn text,
  email text,
  owner text,
  department text,
  location text,
  criticality text NOT NULL DEFAULT 'it' CHECK (criticality IN ('life_critical', 'clinical', 'business', 'it')),
  tags text[] NOT NULL DEFAULT '{}',
  os text,
  first_seen timestamptz NOT NULL DEFAULT now(),
  last_seen timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assets_ips_idx ON assets USING gin (ips);
CREATE INDEX assets_macs_idx ON assets USING gin (macs);
CREATE INDEX assets_hostnames_idx ON assets USING gin (hostnames);
CREATE INDEX assets_fqdn_idx ON assets (lower(fqdn));
CREATE INDEX assets_name_idx ON assets (lower(name));
CREATE INDEX assets_type_idx ON assets (type);

CREATE TABLE imports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  file_name text NOT NULL,
  -- What the uploader asked for; `format` is what the file turned out to be.
  requested_format text NOT NULL DEFAULT 'auto' CHECK (requested_format IN ('auto', 'nmap', 'nessus')),
  format text CHECK (format IN ('nmap', 'nessus')),
  state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
  progress real NOT NULL DEFAULT 0,
  size_bytes bigint,
  sha256 text,
  -- Set when a file with the same sha256 was imported before: the re-import is recorded, and
  -- its findings_seen says how many findings it confirmed.
  reimport_of uuid REFERENCES imports (id) ON DELETE SET NULL,
  hosts integer NOT NULL DEFAULT 0,
  findings_new integer NOT NULL DEFAULT 0,
  findings_seen integer NOT NULL DEFAULT 0,
  findings_fixed integer NOT NULL DEFAULT 0,
  error text,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  -- Claims of this run by a worker (more than 1 only when a dead worker's run was taken over)
  -- and the process that claimed it last (host:pid): evidence that each upload ran once.
  attempts integer NOT NULL DEFAULT 0,
  worker text
);
CREATE INDEX imports_created_idx ON imports (created_at DESC);
CREATE INDEX imports_sha256_idx ON imports (sha256) WHERE state = 'done';

-- Uploaded files live in the database, in 1 MiB pieces, so a worker on any machine can read
-- them; the rows are deleted when the import ends.
CREATE TABLE import_chunks (
  import_id uuid NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
  seq integer NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (import_id, seq)
);

-- What a check says, stored once: scanners repeat the same title, description and solution
-- (one per plugin or script) across thousands of hosts, so findings point here instead of
-- carrying copies. That halves the findings row, which is what an import writes 50,000 times,
-- and makes title search a substring match over this small table (no pg_trgm: PGlite ships no
-- extensions by default), followed by an index lookup of findings by text_id.
CREATE TABLE finding_texts (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- 128 bits of SHA-256 over title, description and solution.
  hash uuid NOT NULL UNIQUE,
  title text NOT NULL,
  description text NOT NULL,
  solution text
);

CREATE TABLE findings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  safeguard text NOT NULL CHECK (safeguard IN ('email', 'credentials', 'awareness', 'ransomware', 'devices', 'suppliers', 'drills')),
  source text NOT NULL CHECK (source IN ('scanner', 'analyzer', 'manual')),
  tool text,
  tool_id text,
  -- A copy of finding_texts.title, so that the list shows and sorts titles without a join.
  title text NOT NULL CHECK (title <> ''),
  -- finding_texts.id: title, description and solution. No foreign key: it would cost a lookup
  -- per imported row, and only the code in findings/ writes either table.
  text_id integer NOT NULL,
  severity text NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low', 'info')),
  -- Sorting by severity means sorting by this rank (critical first), which an index can serve.
  severity_rank smallint GENERATED ALWAYS AS (
    CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END
  ) STORED,
  cvss_score numeric(3, 1) CHECK (cvss_score BETWEEN 0 AND 10),
  cvss_vector text,
  cwes text[] NOT NULL DEFAULT '{}',
  cves text[] NOT NULL DEFAULT '{}',
  asset_id uuid REFERENCES assets (id) ON DELETE SET NULL,
  location text,
  evidence text,
  -- 128 bits of SHA-256 over what the scanner said (text, severity, scores, ids, evidence): a
  -- re-import that reports the same thing only moves last_seen.
  content_hash uuid,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'fixed', 'accepted_risk', 'false_positive')),
  accepted_until timestamptz,
  justification text,
  first_seen timestamptz NOT NULL,
  -- first_seen + the SLA for the severity; NULL for info (no deadline).
  due_at timestamptz,
  assignee text,
  -- 128 bits of SHA-256 over (tool, asset id, tool id, location); see findings/dedup-key.ts.
  dedup_key uuid NOT NULL UNIQUE,
  fixed_at timestamptz,
  created_by text NOT NULL,
  -- The import that created the finding: provenance only, without a foreign key (same reason
  -- as text_id).
  import_id uuid,
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- Every index here is paid for by every imported row, so each serves a query that must stay fast
-- at 100,000 findings: every order the list offers (each index read forwards or backwards), the
-- open findings in the default order, the asset page and scope closing, title and CVE search.
CREATE INDEX findings_rank_due_idx ON findings (severity_rank, due_at, id);
CREATE INDEX findings_due_idx ON findings (due_at, severity_rank, id);
CREATE INDEX findings_cvss_idx ON findings (cvss_score NULLS FIRST, severity_rank DESC, id DESC);
CREATE INDEX findings_first_seen_idx ON findings (first_seen, id);
CREATE INDEX findings_title_sort_idx ON findings (lower(title), id);
-- status is included so that counting open (or only in-progress) findings reads the index alone.
CREATE INDEX findings_open_rank_due_idx ON findings (severity_rank, due_at, id) INCLUDE (status)
  WHERE status IN ('open', 'in_progress');
CREATE INDEX findings_asset_idx ON findings (asset_id);
CREATE INDEX findings_text_idx ON findings (text_id);
CREATE INDEX findings_cves_idx ON findings USING gin (cves);
CREATE INDEX findings_accepted_until_idx ON findings (accepted_until) WHERE status = 'accepted_risk';
-- Embedded mode has no autovacuum; the importer analyzes these columns itself (see
-- imports/table-maintenance.ts). A smaller sample keeps that under a second at 100,000 rows and
-- is plenty for columns with a handful of values.
ALTER TABLE findings ALTER COLUMN status SET STATISTICS 20;
ALTER TABLE findings ALTER COLUMN severity_rank SET STATISTICS 20;
ALTER TABLE findings ALTER COLUMN safeguard SET STATISTICS 20;
ALTER TABLE findings ALTER COLUMN source SET STATISTICS 20;
ALTER TABLE findings ALTER COLUMN tool SET STATISTICS 20;
ALTER TABLE findings ALTER COLUMN asset_id SET STATISTICS 20;
ALTER TABLE findings ALTER COLUMN text_id SET STATISTICS 20;
ALTER TABLE findings ALTER COLUMN due_at SET STATISTICS 20;
ALTER TABLE findings ALTER COLUMN cvss_score SET STATISTICS 20;
ALTER TABLE findings ALTER COLUMN first_seen SET STATISTICS 20;

-- When each finding was last reported, apart from the finding: a re-import moves last_seen on
-- every finding it confirms, and writing these narrow rows (instead of new versions of whole
-- findings and all their index entries) keeps re-importing 50,000 findings to seconds, while
-- last_seen keeps an index for sorting. One row per finding, written with it.
CREATE TABLE finding_sightings (
  finding_id uuid PRIMARY KEY,
  -- A copy of the finding's (never changing) safeguard, for the posture's "last assessed".
  safeguard text NOT NULL,
  last_seen timestamptz NOT NULL,
  -- The last import that reported the finding: scope closing compares against it, so two
  -- imports at the same instant still close correctly.
  last_import_id uuid
);
CREATE INDEX finding_sightings_last_seen_idx ON finding_sightings (last_seen, finding_id);

CREATE TABLE finding_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- No foreign key: an import writes one history row per new finding, and a per-row check would
  -- be a large share of its time. Only core code writes here, always for a finding it holds.
  finding_id uuid NOT NULL,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  -- created, status, assignee, comment, reopened
  kind text NOT NULL,
  from_value text,
  to_value text,
  note text
);
CREATE INDEX finding_events_finding_idx ON finding_events (finding_id, id);

CREATE TABLE finding_comments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  finding_id uuid NOT NULL REFERENCES findings (id) ON DELETE CASCADE,
  author text NOT NULL,
  body text NOT NULL CHECK (body <> ''),
  created_at timestamptz NOT NULL
);
CREATE INDEX finding_comments_finding_idx ON finding_comments (finding_id, created_at);

-- Daily open counts for the posture trend. Today's rows are rewritten after every import and
-- status change; earlier days stay as they were recorded.
CREATE TABLE finding_snapshots (
  day date NOT NULL,
  safeguard text NOT NULL,
  severity text NOT NULL,
  open_count integer NOT NULL,
  PRIMARY KEY (day, safeguard, severity)
);

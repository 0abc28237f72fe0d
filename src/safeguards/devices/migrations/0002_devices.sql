-- Device inventory: each device is a core asset (medical_device, iot_device or host) with the
-- clinical-engineering facts the asset registry does not carry, its SBOM components, a change
-- log per field, VEX decisions and the latest vulnerability matches with their risk.

CREATE TABLE devices (
  asset_id uuid PRIMARY KEY REFERENCES assets (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (name <> ''),
  manufacturer text,
  model text,
  -- Healthcare taxonomy (Cisco medical NAC whitepaper, refined): drives clinical impact in risk.
  device_class text NOT NULL DEFAULT 'it'
    CHECK (device_class IN ('life_critical', 'clinical', 'clinical_support', 'building_iot', 'it')),
  device_type text,
  os text,
  version text,
  serial text,
  udi text,
  -- Identity as the inventory states it; the asset carries the same, for scanner matching.
  ip text,
  mac text,
  hostname text,
  department text,
  location text,
  vlan text,
  cmms_id text,
  owner text,
  support_end date,
  -- Stores or transmits patient data.
  phi boolean NOT NULL DEFAULT false,
  internet_facing boolean NOT NULL DEFAULT false,
  -- Safe scanning: discovery only by default; do_not_scan excludes the device from active scans.
  scan_policy text NOT NULL DEFAULT 'discovery_only' CHECK (scan_policy IN ('discovery_only', 'do_not_scan')),
  -- CPEs given by the inventory (derived candidates are computed at match time, not stored).
  cpes text[] NOT NULL DEFAULT '{}',
  source text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX devices_mac_idx ON devices (mac);
CREATE INDEX devices_serial_idx ON devices (lower(serial));
CREATE INDEX devices_ip_idx ON devices (ip);
CREATE INDEX devices_name_idx ON devices (lower(name));

CREATE TABLE device_components (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  device_id uuid NOT NULL REFERENCES devices (asset_id) ON DELETE CASCADE,
  name text NOT NULL,
  version text,
  purl text,
  cpe text,
  supplier text,
  -- The SBOM file it came from; a new SBOM for the device replaces the components.
  sbom text NOT NULL,
  added_at timestamptz NOT NULL
);
CREATE INDEX device_components_device_idx ON device_components (device_id);

CREATE TABLE device_history (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  device_id uuid NOT NULL REFERENCES devices (asset_id) ON DELETE CASCADE,
  field text NOT NULL,
  old_value text,
  new_value text,
  source text NOT NULL,
  changed_by text NOT NULL,
  changed_at timestamptz NOT NULL
);
CREATE INDEX device_history_device_idx ON device_history (device_id, changed_at);

-- VEX: what the hospital decided about one CVE on one device. not_affected removes the match.
CREATE TABLE device_vuln_decisions (
  device_id uuid NOT NULL REFERENCES devices (asset_id) ON DELETE CASCADE,
  cve text NOT NULL,
  status text NOT NULL CHECK (status IN ('not_affected', 'affected', 'fixed', 'under_investigation')),
  justification text,
  decided_by text NOT NULL,
  decided_at timestamptz NOT NULL,
  PRIMARY KEY (device_id, cve)
);

-- The latest matching run's results, replaced by every run: the device list's risk column and
-- the device page's vulnerabilities with why.
CREATE TABLE device_vulns (
  device_id uuid NOT NULL REFERENCES devices (asset_id) ON DELETE CASCADE,
  cve text NOT NULL,
  source text NOT NULL CHECK (source IN ('nvd', 'csaf', 'osv')),
  why text NOT NULL,
  kev boolean NOT NULL DEFAULT false,
  cvss numeric(3, 1),
  epss real,
  risk smallint NOT NULL CHECK (risk BETWEEN 0 AND 100),
  risk_why text NOT NULL,
  finding_id uuid,
  matched_at timestamptz NOT NULL,
  PRIMARY KEY (device_id, cve)
);
CREATE INDEX device_vulns_risk_idx ON device_vulns (risk DESC);

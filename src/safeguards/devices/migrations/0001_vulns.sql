-- Devices safeguard: vulnerability knowledge imported offline from feed files (feeds/): NVD CVE
-- API 2.0 records, the CISA KEV catalog, FIRST EPSS scores and CSAF 2.0 advisories. Each feed
-- has its own table keyed by CVE id, so a KEV or EPSS row may exist before its NVD record.

-- One row per CVE from the NVD (CVE API 2.0 schema). cvss_*: the NVD "Primary" metric of each
-- CVSS version when present, else the first listed. severity: of the newest version scored.
-- configurations: the `configurations` array exactly as published (AND/OR trees with
-- vulnerable:false platform nodes); the matcher interprets it. cpe_products: the distinct
-- lower-case "vendor:product" pairs named in its cpeMatch criteria, for lookups by product.
CREATE TABLE vuln_cves (
  id text PRIMARY KEY,
  source_identifier text,
  published timestamptz,
  last_modified timestamptz NOT NULL,
  status text,
  description text NOT NULL DEFAULT '',
  cvss_v40_score real,
  cvss_v40_vector text,
  cvss_v31_score real,
  cvss_v31_vector text,
  cvss_v30_score real,
  cvss_v30_vector text,
  cvss_v2_score real,
  cvss_v2_vector text,
  severity text,
  cwes text[] NOT NULL DEFAULT '{}',
  configurations jsonb NOT NULL DEFAULT '[]',
  cpe_products text[] NOT NULL DEFAULT '{}',
  source text NOT NULL DEFAULT 'nvd',
  imported_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX vuln_cves_cpe_products_idx ON vuln_cves USING gin (cpe_products);
CREATE INDEX vuln_cves_last_modified_idx ON vuln_cves (last_modified);

-- CISA Known Exploited Vulnerabilities, one row per catalog entry (cveID). ransomware: the
-- catalog's knownRansomwareCampaignUse is "Known".
CREATE TABLE vuln_kev (
  cve_id text PRIMARY KEY,
  vendor_project text NOT NULL,
  product text NOT NULL,
  vulnerability_name text NOT NULL,
  short_description text NOT NULL DEFAULT '',
  required_action text NOT NULL DEFAULT '',
  date_added date NOT NULL,
  due_date date,
  ransomware boolean NOT NULL,
  notes text NOT NULL DEFAULT '',
  cwes text[] NOT NULL DEFAULT '{}',
  catalog_version text,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX vuln_kev_vendor_product_idx ON vuln_kev (lower(vendor_project), lower(product));

-- FIRST EPSS: the latest imported score per CVE. EPSS is recomputed daily and volatile, so only
-- the newest value is kept; score_date and model_version come from the CSV's comment line.
CREATE TABLE vuln_epss (
  cve_id text PRIMARY KEY,
  score real NOT NULL CHECK (score >= 0 AND score <= 1),
  percentile real NOT NULL CHECK (percentile >= 0 AND percentile <= 1),
  score_date date,
  model_version text,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- CSAF 2.0 advisories (OASIS CSAF 2.0 §3.2.1), one row per document.tracking.id holding the
-- newest release imported; document is the whole advisory as published.
CREATE TABLE vuln_csaf_advisories (
  tracking_id text PRIMARY KEY,
  title text NOT NULL,
  publisher text NOT NULL,
  release_date timestamptz NOT NULL,
  version text NOT NULL,
  file_name text NOT NULL,
  document jsonb NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now()
);

-- The products of an advisory's product_tree (§3.2.2), flattened from its branches,
-- full_product_names and relationships. version: product_version text, or the
-- product_version_range text when version_is_range (free text such as "<= 3.64" or "vers:").
CREATE TABLE vuln_csaf_products (
  tracking_id text NOT NULL REFERENCES vuln_csaf_advisories (tracking_id) ON DELETE CASCADE,
  product_id text NOT NULL,
  vendor text,
  product_family text,
  product text,
  version text,
  version_is_range boolean NOT NULL DEFAULT false,
  full_name text NOT NULL,
  details jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (tracking_id, product_id)
);
CREATE INDEX vuln_csaf_products_vendor_idx ON vuln_csaf_products (lower(vendor), lower(product));

-- The vulnerabilities of an advisory (§3.2.3) in document order (idx); cve may be absent.
-- cvss_score/cvss_vector: the highest cvss_v3 base score listed in its scores.
CREATE TABLE vuln_csaf_vulnerabilities (
  tracking_id text NOT NULL REFERENCES vuln_csaf_advisories (tracking_id) ON DELETE CASCADE,
  idx integer NOT NULL,
  cve text,
  title text,
  cvss_score real,
  cvss_vector text,
  PRIMARY KEY (tracking_id, idx)
);
CREATE INDEX vuln_csaf_vulnerabilities_cve_idx ON vuln_csaf_vulnerabilities (cve);

-- product_status (§3.2.3.9) as rows: status is the CSAF key (known_affected, fixed,
-- known_not_affected, first_affected, last_affected, first_fixed, recommended,
-- under_investigation).
CREATE TABLE vuln_csaf_product_status (
  tracking_id text NOT NULL,
  idx integer NOT NULL,
  product_id text NOT NULL,
  status text NOT NULL,
  PRIMARY KEY (tracking_id, idx, product_id, status),
  FOREIGN KEY (tracking_id, idx) REFERENCES vuln_csaf_vulnerabilities (tracking_id, idx)
    ON DELETE CASCADE
);

-- One row per feed file imported. unchanged: records already stored as new or newer (NVD
-- lastModified, same KEV/EPSS values, same CSAF release). rejected: bad records skipped;
-- errors holds the first few reasons with their JSON path or line.
CREATE TABLE vuln_feed_imports (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('nvd', 'kev', 'epss', 'csaf')),
  file_name text NOT NULL,
  records integer NOT NULL,
  inserted integer NOT NULL,
  updated integer NOT NULL,
  unchanged integer NOT NULL,
  rejected integer NOT NULL,
  errors jsonb NOT NULL DEFAULT '[]',
  imported_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX vuln_feed_imports_at_idx ON vuln_feed_imports (imported_at);

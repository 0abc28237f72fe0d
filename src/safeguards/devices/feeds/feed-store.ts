import type { Queryable } from '../../../platform/db/index.ts';
import type { EpssRow, KevRow, NvdCveRow } from './types.ts';

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/**
 * Upserts NVD records in one statement. A record whose lastModified is not newer than the stored
 * one changes nothing and counts as unchanged (the NVD bumps lastModified on every edit).
 */
export async function upsertNvdCves(
  db: Queryable,
  rows: NvdCveRow[],
  now: Date,
): Promise<UpsertCounts> {
  // ON CONFLICT may not touch one row twice in a statement: keep the newest of duplicates.
  const byId = new Map<string, NvdCveRow>();
  for (const r of rows) {
    const seen = byId.get(r.id);
    if (!seen || Date.parse(seen.last_modified) < Date.parse(r.last_modified)) byId.set(r.id, r);
  }
  const result = await db.query<{ inserted: boolean }>(
    `INSERT INTO vuln_cves (id, source_identifier, published, last_modified, status, description,
       cvss_v40_score, cvss_v40_vector, cvss_v31_score, cvss_v31_vector, cvss_v30_score,
       cvss_v30_vector, cvss_v2_score, cvss_v2_vector, severity, cwes, configurations,
       cpe_products, source, imported_at)
     SELECT id, source_identifier, published, last_modified, status, description,
       cvss_v40_score, cvss_v40_vector, cvss_v31_score, cvss_v31_vector, cvss_v30_score,
       cvss_v30_vector, cvss_v2_score, cvss_v2_vector, severity, cwes, configurations,
       cpe_products, 'nvd', $2
     FROM jsonb_to_recordset($1::jsonb) AS x(id text, source_identifier text,
       published timestamptz, last_modified timestamptz, status text, description text,
       cvss_v40_score real, cvss_v40_vector text, cvss_v31_score real, cvss_v31_vector text,
       cvss_v30_score real, cvss_v30_vector text, cvss_v2_score real, cvss_v2_vector text,
       severity text, cwes text[], configurations jsonb, cpe_products text[])
     ON CONFLICT (id) DO UPDATE SET
       source_identifier = excluded.source_identifier, published = excluded.published,
       last_modified = excluded.last_modified, status = excluded.status,
       description = excluded.description,
       cvss_v40_score = excluded.cvss_v40_score, cvss_v40_vector = excluded.cvss_v40_vector,
       cvss_v31_score = excluded.cvss_v31_score, cvss_v31_vector = excluded.cvss_v31_vector,
       cvss_v30_score = excluded.cvss_v30_score, cvss_v30_vector = excluded.cvss_v30_vector,
       cvss_v2_score = excluded.cvss_v2_score, cvss_v2_vector = excluded.cvss_v2_vector,
       severity = excluded.severity, cwes = excluded.cwes,
       configurations = excluded.configurations, cpe_products = excluded.cpe_products,
       imported_at = excluded.imported_at
     WHERE vuln_cves.last_modified < excluded.last_modified
     RETURNING (xmax = 0) AS inserted`,
    [JSON.stringify([...byId.values()]), now],
  );
  return counts(rows.length, result);
}

/** Upserts KEV entries; an entry whose values are all the same counts as unchanged. */
export async function upsertKev(
  db: Queryable,
  rows: KevRow[],
  catalogVersion: string | null,
  now: Date,
): Promise<UpsertCounts> {
  const result = await db.query<{ inserted: boolean }>(
    `INSERT INTO vuln_kev (cve_id, vendor_project, product, vulnerability_name,
       short_description, required_action, date_added, due_date, ransomware, notes, cwes,
       catalog_version, updated_at)
     SELECT DISTINCT ON (cve_id) cve_id, vendor_project, product, vulnerability_name,
       short_description, required_action, date_added, due_date, ransomware, notes, cwes, $2, $3
     FROM jsonb_to_recordset($1::jsonb) AS x(cve_id text, vendor_project text, product text,
       vulnerability_name text, short_description text, required_action text, date_added date,
       due_date date, ransomware boolean, notes text, cwes text[])
     ON CONFLICT (cve_id) DO UPDATE SET
       vendor_project = excluded.vendor_project, product = excluded.product,
       vulnerability_name = excluded.vulnerability_name,
       short_description = excluded.short_description,
       required_action = excluded.required_action, date_added = excluded.date_added,
       due_date = excluded.due_date, ransomware = excluded.ransomware, notes = excluded.notes,
       cwes = excluded.cwes, catalog_version = excluded.catalog_version,
       updated_at = excluded.updated_at
     WHERE (vuln_kev.vendor_project, vuln_kev.product, vuln_kev.vulnerability_name,
       vuln_kev.short_description, vuln_kev.required_action, vuln_kev.date_added,
       vuln_kev.due_date, vuln_kev.ransomware, vuln_kev.notes, vuln_kev.cwes)
       IS DISTINCT FROM (excluded.vendor_project, excluded.product, excluded.vulnerability_name,
       excluded.short_description, excluded.required_action, excluded.date_added,
       excluded.due_date, excluded.ransomware, excluded.notes, excluded.cwes)
     RETURNING (xmax = 0) AS inserted`,
    [JSON.stringify(rows), catalogVersion, now],
  );
  return counts(rows.length, result);
}

/** Upserts EPSS scores; the same score and percentile again counts as unchanged. */
export async function upsertEpss(
  db: Queryable,
  rows: EpssRow[],
  meta: { scoreDate: string | null; modelVersion: string | null },
  now: Date,
): Promise<UpsertCounts> {
  const result = await db.query<{ inserted: boolean }>(
    `INSERT INTO vuln_epss (cve_id, score, percentile, score_date, model_version, updated_at)
     SELECT DISTINCT ON (cve_id) cve_id, score, percentile, $2::date, $3, $4
     FROM jsonb_to_recordset($1::jsonb) AS x(cve_id text, score real, percentile real)
     ON CONFLICT (cve_id) DO UPDATE SET
       score = excluded.score, percentile = excluded.percentile,
       score_date = excluded.score_date, model_version = excluded.model_version,
       updated_at = excluded.updated_at
     WHERE (vuln_epss.score, vuln_epss.percentile, vuln_epss.score_date)
       IS DISTINCT FROM (excluded.score, excluded.percentile, excluded.score_date)
     RETURNING (xmax = 0) AS inserted`,
    [JSON.stringify(rows), meta.scoreDate, meta.modelVersion, now],
  );
  return counts(rows.length, result);
}

function counts(total: number, returned: { inserted: boolean }[]): UpsertCounts {
  const inserted = returned.filter((r) => r.inserted).length;
  const updated = returned.length - inserted;
  return { inserted, updated, unchanged: total - returned.length };
}

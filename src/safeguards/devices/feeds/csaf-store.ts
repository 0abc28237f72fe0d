import type { Queryable } from '../../../platform/db/index.ts';
import type { CsafAdvisoryRow } from './types.ts';
import type { UpsertCounts } from './feed-store.ts';

/**
 * Stores one CSAF advisory. The same release again (same tracking.version and
 * current_release_date), or an older one, changes nothing. A newer release replaces the
 * advisory's products and statuses whole, since product ids may be renumbered between releases.
 */
export async function storeCsafAdvisory(
  tx: Queryable,
  adv: CsafAdvisoryRow,
  document: unknown,
  fileName: string,
  now: Date,
): Promise<UpsertCounts> {
  const [stored] = await tx.query<{ version: string; newer: boolean; same: boolean }>(
    `SELECT version, release_date > $2::timestamptz AS newer, release_date = $2::timestamptz AS same
     FROM vuln_csaf_advisories WHERE tracking_id = $1`,
    [adv.trackingId, adv.releaseDate],
  );
  if (stored && (stored.newer || (stored.same && stored.version === adv.version))) {
    return { inserted: 0, updated: 0, unchanged: 1 };
  }
  if (stored)
    await tx.query('DELETE FROM vuln_csaf_advisories WHERE tracking_id = $1', [adv.trackingId]);
  await tx.query(
    `INSERT INTO vuln_csaf_advisories (tracking_id, title, publisher, release_date, version,
       file_name, document, imported_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)`,
    [
      adv.trackingId,
      adv.title,
      adv.publisher,
      adv.releaseDate,
      adv.version,
      fileName,
      JSON.stringify(document),
      now,
    ],
  );
  await tx.query(
    `INSERT INTO vuln_csaf_products (tracking_id, product_id, vendor, product_family, product,
       version, version_is_range, full_name, details)
     SELECT $1, product_id, vendor, product_family, product, version, version_is_range,
       full_name, details
     FROM jsonb_to_recordset($2::jsonb) AS x(product_id text, vendor text, product_family text,
       product text, version text, version_is_range boolean, full_name text, details jsonb)`,
    [
      adv.trackingId,
      JSON.stringify(
        adv.products.map((p) => ({
          product_id: p.productId,
          vendor: p.vendor,
          product_family: p.productFamily,
          product: p.product,
          version: p.version,
          version_is_range: p.versionIsRange,
          full_name: p.fullName,
          details: { identification: p.identification, relationship: p.relationship },
        })),
      ),
    ],
  );
  await tx.query(
    `INSERT INTO vuln_csaf_vulnerabilities (tracking_id, idx, cve, title, cvss_score, cvss_vector)
     SELECT $1, idx, cve, title, cvss_score, cvss_vector
     FROM jsonb_to_recordset($2::jsonb) AS x(idx integer, cve text, title text, cvss_score real,
       cvss_vector text)`,
    [
      adv.trackingId,
      JSON.stringify(
        adv.vulnerabilities.map((v, idx) => ({
          idx,
          cve: v.cve,
          title: v.title,
          cvss_score: v.cvssScore,
          cvss_vector: v.cvssVector,
        })),
      ),
    ],
  );
  const statuses = adv.vulnerabilities.flatMap((v, idx) =>
    Object.entries(v.status).flatMap(([status, ids]) =>
      ids.map((product_id) => ({ idx, product_id, status })),
    ),
  );
  await tx.query(
    `INSERT INTO vuln_csaf_product_status (tracking_id, idx, product_id, status)
     SELECT $1, idx, product_id, status
     FROM jsonb_to_recordset($2::jsonb) AS x(idx integer, product_id text, status text)`,
    [adv.trackingId, JSON.stringify(statuses)],
  );
  return stored
    ? { inserted: 0, updated: 1, unchanged: 0 }
    : { inserted: 1, updated: 0, unchanged: 0 };
}

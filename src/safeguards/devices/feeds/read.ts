import type { Database } from '../../../platform/db/index.ts';
import type { CsafProduct } from './types.ts';

const PAGE = 5_000;

/**
 * Every stored NVD configurations array, streamed in pages of 5,000 by CVE id (keyset paging,
 * so memory stays flat over the ~300,000 NVD records). CVEs without configurations ("Awaiting
 * Analysis", or rejected) are left out: there is nothing in them to match.
 */
export async function* loadNvdConfigurations(
  db: Database,
): AsyncIterable<{ id: string; configurations: unknown[] }> {
  let after = '';
  for (;;) {
    const rows = await db.query<{ id: string; configurations: unknown[] }>(
      `SELECT id, configurations FROM vuln_cves
       WHERE id > $1 AND jsonb_array_length(configurations) > 0
       ORDER BY id LIMIT ${PAGE}`,
      [after],
    );
    yield* rows;
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.id;
  }
}

export interface CsafAdvisorySummary {
  trackingId: string;
  title: string;
  publisher: string;
  releaseDate: string;
  products: CsafProduct[];
  vulnerabilities: Array<{
    cve: string | null;
    /** known_affected, first_affected and last_affected. */
    affected: string[];
    /** fixed and first_fixed. */
    fixed: string[];
    notAffected: string[];
    underInvestigation: string[];
  }>;
}

const AFFECTED = new Set(['known_affected', 'first_affected', 'last_affected']);
const FIXED = new Set(['fixed', 'first_fixed']);

/** All stored CSAF advisories with their flat products and per-vulnerability product status. */
export async function loadCsafAdvisories(db: Database): Promise<CsafAdvisorySummary[]> {
  const advisories = await db.query<{
    tracking_id: string;
    title: string;
    publisher: string;
    release_date: Date;
  }>(
    'SELECT tracking_id, title, publisher, release_date FROM vuln_csaf_advisories ORDER BY tracking_id',
  );
  const byId = new Map<string, CsafAdvisorySummary>();
  const vulnsByKey = new Map<string, CsafAdvisorySummary['vulnerabilities'][number]>();
  for (const a of advisories) {
    byId.set(a.tracking_id, {
      trackingId: a.tracking_id,
      title: a.title,
      publisher: a.publisher,
      releaseDate: new Date(a.release_date).toISOString(),
      products: [],
      vulnerabilities: [],
    });
  }
  const products = await db.query<{
    tracking_id: string;
    product_id: string;
    vendor: string | null;
    product_family: string | null;
    product: string | null;
    version: string | null;
    version_is_range: boolean;
    full_name: string;
    details: {
      identification?: CsafProduct['identification'];
      relationship?: CsafProduct['relationship'];
    };
  }>('SELECT * FROM vuln_csaf_products ORDER BY tracking_id, product_id');
  for (const p of products) {
    byId.get(p.tracking_id)?.products.push({
      productId: p.product_id,
      vendor: p.vendor,
      productFamily: p.product_family,
      product: p.product,
      version: p.version,
      versionIsRange: p.version_is_range,
      fullName: p.full_name,
      identification: p.details.identification ?? null,
      relationship: p.details.relationship ?? null,
    });
  }
  const vulns = await db.query<{ tracking_id: string; idx: number; cve: string | null }>(
    'SELECT tracking_id, idx, cve FROM vuln_csaf_vulnerabilities ORDER BY tracking_id, idx',
  );
  for (const v of vulns) {
    const entry = { cve: v.cve, affected: [], fixed: [], notAffected: [], underInvestigation: [] };
    byId.get(v.tracking_id)?.vulnerabilities.push(entry);
    vulnsByKey.set(`${v.tracking_id}\n${v.idx}`, entry);
  }
  const statuses = await db.query<{
    tracking_id: string;
    idx: number;
    product_id: string;
    status: string;
  }>('SELECT tracking_id, idx, product_id, status FROM vuln_csaf_product_status ORDER BY 1, 2, 3');
  for (const s of statuses) {
    const v = vulnsByKey.get(`${s.tracking_id}\n${s.idx}`);
    if (!v) continue;
    if (AFFECTED.has(s.status)) v.affected.push(s.product_id);
    else if (FIXED.has(s.status)) v.fixed.push(s.product_id);
    else if (s.status === 'known_not_affected') v.notAffected.push(s.product_id);
    else if (s.status === 'under_investigation') v.underInvestigation.push(s.product_id);
  }
  return [...byId.values()];
}

export interface CveFacts {
  /** Base score of the newest CVSS version NVD lists (v4.0, v3.1, v3.0, v2), else CSAF's. */
  cvss: number | null;
  severity: string | null;
  kev: boolean;
  kevRansomware: boolean;
  kevDueDate: string | null;
  epss: number | null;
  epssPercentile: number | null;
  description: string;
}

/** What the feeds say about each CVE; ids no feed mentions are absent from the map. */
export async function getCveFacts(db: Database, ids: string[]): Promise<Map<string, CveFacts>> {
  const unique = [...new Set(ids)];
  const rows = await db.query<{
    id: string;
    nvd_score: number | null;
    severity: string | null;
    description: string | null;
    kev: boolean;
    ransomware: boolean | null;
    due_date: string | null;
    kev_description: string | null;
    epss: number | null;
    percentile: number | null;
    csaf_score: number | null;
  }>(
    `SELECT i.id,
       coalesce(c.cvss_v40_score, c.cvss_v31_score, c.cvss_v30_score, c.cvss_v2_score) AS nvd_score,
       c.severity, c.description,
       k.cve_id IS NOT NULL AS kev, k.ransomware, to_char(k.due_date, 'YYYY-MM-DD') AS due_date,
       k.short_description AS kev_description,
       e.score AS epss, e.percentile,
       (SELECT max(v.cvss_score) FROM vuln_csaf_vulnerabilities v WHERE v.cve = i.id) AS csaf_score
     FROM unnest($1::text[]) AS i(id)
     LEFT JOIN vuln_cves c ON c.id = i.id
     LEFT JOIN vuln_kev k ON k.cve_id = i.id
     LEFT JOIN vuln_epss e ON e.cve_id = i.id`,
    [unique],
  );
  const out = new Map<string, CveFacts>();
  for (const r of rows) {
    const known = r.description !== null || r.kev || r.epss !== null || r.csaf_score !== null;
    if (!known) continue;
    const cvss = r.nvd_score ?? r.csaf_score;
    out.set(r.id, {
      cvss: cvss === null ? null : Math.round(cvss * 10) / 10,
      severity: r.severity ?? (r.nvd_score === null && cvss !== null ? severityOf(cvss) : null),
      kev: r.kev,
      kevRansomware: r.ransomware ?? false,
      kevDueDate: r.due_date,
      epss: r.epss,
      epssPercentile: r.percentile,
      description: r.description || r.kev_description || '',
    });
  }
  return out;
}

/** CVSS v3.x qualitative severity rating scale (FIRST CVSS v3.1 specification §5). */
function severityOf(score: number): string {
  if (score === 0) return 'NONE';
  if (score < 4) return 'LOW';
  if (score < 7) return 'MEDIUM';
  if (score < 9) return 'HIGH';
  return 'CRITICAL';
}

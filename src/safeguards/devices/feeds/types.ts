/** The feed formats Ward imports offline. */
export type FeedKind = 'nvd' | 'kev' | 'epss' | 'csaf';

/** A bad record that was skipped: `at` is its JSON path (`vulnerabilities[12].cve.id`) or line. */
export interface FeedRejection {
  at: string;
  reason: string;
}

/** The outcome of importing one file. */
export interface FeedFileSummary {
  file: string;
  kind: FeedKind;
  records: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** The first few rejections (at most 20). */
  errors: FeedRejection[];
}

/** A file found inside a directory that is not a feed Ward knows; it was not imported. */
export interface FeedSkippedFile {
  file: string;
  reason: string;
}

export interface FeedImportSummary {
  files: FeedFileSummary[];
  skippedFiles: FeedSkippedFile[];
  totals: {
    records: number;
    inserted: number;
    updated: number;
    unchanged: number;
    rejected: number;
  };
}

export interface FeedProgress {
  file: string;
  kind: FeedKind;
  records: number;
}

export interface ImportFeedsOptions {
  onProgress?(p: FeedProgress): void;
  now?: Date;
}

/**
 * One product of a CSAF product_tree, flattened. version is the product_version, or the
 * product_version_range text when versionIsRange (free text such as "<= 3.64", or "vers:…");
 * the matcher interprets it. A relationship product (§3.2.2.3) takes vendor, product and version
 * from its product_reference and records what it relates to.
 */
export interface CsafProduct {
  productId: string;
  vendor: string | null;
  productFamily: string | null;
  product: string | null;
  version: string | null;
  versionIsRange: boolean;
  fullName: string;
  /** product_identification_helper (cpe, purl, model_numbers…), when the advisory gives one. */
  identification: Record<string, unknown> | null;
  relationship: { category: string; productReference: string; relatesTo: string } | null;
}

export interface CsafVulnerabilityRow {
  cve: string | null;
  title: string | null;
  cvssScore: number | null;
  cvssVector: string | null;
  /** product_status key → product ids. */
  status: Record<string, string[]>;
}

export interface CsafAdvisoryRow {
  trackingId: string;
  title: string;
  publisher: string;
  releaseDate: string;
  version: string;
  products: CsafProduct[];
  vulnerabilities: CsafVulnerabilityRow[];
}

/** An NVD CVE record reduced to the stored columns. */
export interface NvdCveRow {
  id: string;
  source_identifier: string | null;
  published: string | null;
  last_modified: string;
  status: string | null;
  description: string;
  cvss_v40_score: number | null;
  cvss_v40_vector: string | null;
  cvss_v31_score: number | null;
  cvss_v31_vector: string | null;
  cvss_v30_score: number | null;
  cvss_v30_vector: string | null;
  cvss_v2_score: number | null;
  cvss_v2_vector: string | null;
  severity: string | null;
  cwes: string[];
  configurations: unknown[];
  cpe_products: string[];
}

export interface KevRow {
  cve_id: string;
  vendor_project: string;
  product: string;
  vulnerability_name: string;
  short_description: string;
  required_action: string;
  date_added: string;
  due_date: string | null;
  ransomware: boolean;
  notes: string;
  cwes: string[];
}

export interface EpssRow {
  cve_id: string;
  score: number;
  percentile: number;
}

/** Thrown by record parsers: `at` is relative to the record (`metrics.cvssMetricV31[0]`). */
export class RecordError extends Error {
  readonly at: string;
  constructor(at: string, message: string) {
    super(message);
    this.at = at;
  }
}

export const CVE_ID = /^CVE-\d{4}-\d{4,}$/;

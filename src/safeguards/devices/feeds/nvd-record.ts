import { CVE_ID, RecordError, type NvdCveRow } from './types.ts';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The metric keys of the CVE API 2.0 schema (`metrics`), newest CVSS version first. */
const METRIC_KEYS = [
  ['cvssMetricV40', 'v40'],
  ['cvssMetricV31', 'v31'],
  ['cvssMetricV30', 'v30'],
  ['cvssMetricV2', 'v2'],
] as const;

/**
 * Reduces one CVE API 2.0 `cve` object (the record itself, not the `{ cve }` wrapper) to the
 * stored columns. Throws RecordError with the path of the first problem.
 */
export function parseNvdCve(record: unknown): NvdCveRow {
  if (!isObject(record)) throw new RecordError('', 'a CVE record must be a JSON object');
  const id = record['id'];
  if (typeof id !== 'string' || !CVE_ID.test(id)) {
    throw new RecordError(
      'id',
      `expected a CVE id like "CVE-2024-12345", got ${JSON.stringify(id)}`,
    );
  }
  const lastModified = timestamp(record['lastModified'], 'lastModified', true)!;
  const configurations = record['configurations'] ?? [];
  if (!Array.isArray(configurations)) {
    throw new RecordError('configurations', 'expected an array of configurations');
  }
  const row: NvdCveRow = {
    id,
    source_identifier: optionalString(record['sourceIdentifier']),
    published: timestamp(record['published'], 'published', false),
    last_modified: lastModified,
    status: optionalString(record['vulnStatus']),
    description: englishDescription(record['descriptions']),
    cvss_v40_score: null,
    cvss_v40_vector: null,
    cvss_v31_score: null,
    cvss_v31_vector: null,
    cvss_v30_score: null,
    cvss_v30_vector: null,
    cvss_v2_score: null,
    cvss_v2_vector: null,
    severity: null,
    cwes: weaknesses(record['weaknesses']),
    configurations,
    cpe_products: cpeProducts(configurations),
  };
  const metrics = record['metrics'] ?? {};
  if (!isObject(metrics)) throw new RecordError('metrics', 'expected an object');
  for (const [key, col] of METRIC_KEYS) {
    const list = metrics[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) throw new RecordError(`metrics.${key}`, 'expected an array');
    // NVD lists its own assessment as type "Primary" and CNA ones as "Secondary"; prefer the
    // primary, as the NVD website does, and fall back to the first one listed.
    const index = Math.max(
      0,
      list.findIndex((m) => isObject(m) && m['type'] === 'Primary'),
    );
    const metric = list[index];
    if (metric === undefined) continue;
    const at = `metrics.${key}[${index}]`;
    const data = isObject(metric) ? metric['cvssData'] : undefined;
    if (!isObject(data)) throw new RecordError(`${at}.cvssData`, 'expected an object');
    const score = data['baseScore'];
    if (typeof score !== 'number' || score < 0 || score > 10) {
      throw new RecordError(`${at}.cvssData.baseScore`, 'expected a number from 0 to 10');
    }
    row[`cvss_${col}_score`] = score;
    row[`cvss_${col}_vector`] = optionalString(data['vectorString']);
    // CVSS v2 keeps baseSeverity on the metric, v3.x and v4.0 inside cvssData.
    const severity = optionalString(data['baseSeverity'] ?? (metric as Json)['baseSeverity']);
    row.severity ??= severity?.toUpperCase() ?? null;
  }
  return row;
}

function optionalString(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function timestamp(v: unknown, at: string, required: boolean): string | null {
  if (v === undefined || v === null) {
    if (required) throw new RecordError(at, 'missing');
    return null;
  }
  // The API publishes local-less ISO times ("2024-05-01T12:00:00.000"); they are UTC.
  if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) {
    throw new RecordError(at, `expected an ISO date-time, got ${JSON.stringify(v)}`);
  }
  return /[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`;
}

function englishDescription(v: unknown): string {
  if (!Array.isArray(v)) return '';
  const en = v.find((d) => isObject(d) && d['lang'] === 'en') ?? v[0];
  return isObject(en) && typeof en['value'] === 'string' ? en['value'] : '';
}

function weaknesses(v: unknown): string[] {
  const out = new Set<string>();
  if (!Array.isArray(v)) return [];
  for (const w of v) {
    if (!isObject(w) || !Array.isArray(w['description'])) continue;
    for (const d of w['description']) {
      // NVD also lists "NVD-CWE-Other" and "NVD-CWE-noinfo", which name no weakness.
      if (isObject(d) && typeof d['value'] === 'string' && /^CWE-\d+$/.test(d['value'])) {
        out.add(d['value']);
      }
    }
  }
  return [...out];
}

/** Distinct lower-case "vendor:product" of every cpeMatch criteria (CPE 2.3 parts 3 and 4). */
function cpeProducts(configurations: unknown[]): string[] {
  const out = new Set<string>();
  for (const config of configurations) {
    if (!isObject(config) || !Array.isArray(config['nodes'])) continue;
    for (const node of config['nodes']) {
      if (!isObject(node) || !Array.isArray(node['cpeMatch'])) continue;
      for (const m of node['cpeMatch']) {
        const criteria = isObject(m) ? m['criteria'] : undefined;
        if (typeof criteria !== 'string') continue;
        const parts = criteria.split(/(?<!\\):/);
        if (parts[3] && parts[4]) out.add(`${parts[3]}:${parts[4]}`.toLowerCase());
      }
    }
  }
  return [...out];
}

import {
  RecordError,
  type CsafAdvisoryRow,
  type CsafProduct,
  type CsafVulnerabilityRow,
} from './types.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** True when the parsed JSON looks like a CSAF document (§3.2.1.5 document.csaf_version). */
export function isCsafDocument(doc: unknown): boolean {
  return isObject(doc) && isObject(doc['document']) && 'csaf_version' in doc['document'];
}

/**
 * Reads a CSAF 2.0 advisory: the tracking fields (§3.2.1.12), the product tree flattened to a
 * product list, and per vulnerability its product_status. Throws RecordError with the JSON path
 * of a missing required field.
 */
export function parseCsafDocument(doc: unknown): CsafAdvisoryRow {
  if (!isObject(doc) || !isObject(doc['document'])) {
    throw new RecordError('document', 'missing');
  }
  const d = doc['document'];
  if (d['csaf_version'] !== '2.0') {
    throw new RecordError(
      'document.csaf_version',
      `expected "2.0", got ${JSON.stringify(d['csaf_version'])}`,
    );
  }
  const tracking = d['tracking'];
  if (!isObject(tracking)) throw new RecordError('document.tracking', 'missing');
  const str = (v: unknown, at: string): string => {
    if (typeof v === 'string' && v.trim() !== '') return v;
    throw new RecordError(at, 'expected a non-empty string');
  };
  const releaseDate = str(
    tracking['current_release_date'],
    'document.tracking.current_release_date',
  );
  if (Number.isNaN(Date.parse(releaseDate))) {
    throw new RecordError('document.tracking.current_release_date', 'expected an ISO date-time');
  }
  const publisher = isObject(d['publisher']) ? d['publisher']['name'] : undefined;
  return {
    trackingId: str(tracking['id'], 'document.tracking.id'),
    version: str(tracking['version'], 'document.tracking.version'),
    releaseDate,
    title: str(d['title'], 'document.title'),
    publisher: str(publisher, 'document.publisher.name'),
    products: flattenProductTree(doc['product_tree']),
    vulnerabilities: vulnerabilities(doc['vulnerabilities']),
  };
}

interface Path {
  vendor: string | null;
  productFamily: string | null;
  product: string | null;
  version: string | null;
  versionIsRange: boolean;
}

/** §3.2.2: branches (recursive), full_product_names and relationships, in that order. */
export function flattenProductTree(tree: unknown): CsafProduct[] {
  if (tree === undefined) return [];
  if (!isObject(tree)) throw new RecordError('product_tree', 'expected an object');
  const byId = new Map<string, CsafProduct>();
  const add = (p: CsafProduct) => {
    if (!byId.has(p.productId)) byId.set(p.productId, p);
  };
  const walk = (branches: unknown, at: string, path: Path) => {
    if (branches === undefined) return;
    if (!Array.isArray(branches)) throw new RecordError(at, 'expected an array of branches');
    branches.forEach((b, i) => {
      const here = `${at}[${i}]`;
      if (!isObject(b)) throw new RecordError(here, 'expected a branch object');
      const name = typeof b['name'] === 'string' ? b['name'] : null;
      const next = { ...path };
      switch (b['category']) {
        case 'vendor':
          next.vendor = name;
          break;
        case 'product_family':
          next.productFamily = name;
          break;
        case 'product_name':
          next.product = name;
          break;
        case 'product_version':
          next.version = name;
          next.versionIsRange = false;
          break;
        case 'product_version_range':
          next.version = name;
          next.versionIsRange = true;
          break;
      }
      if (b['product'] !== undefined) add(fullProduct(b['product'], `${here}.product`, next));
      walk(b['branches'], `${here}.branches`, next);
    });
  };
  const none: Path = {
    vendor: null,
    productFamily: null,
    product: null,
    version: null,
    versionIsRange: false,
  };
  walk(tree['branches'], 'product_tree.branches', none);
  const names = tree['full_product_names'] ?? [];
  if (!Array.isArray(names))
    throw new RecordError('product_tree.full_product_names', 'expected an array');
  names.forEach((p, i) => add(fullProduct(p, `product_tree.full_product_names[${i}]`, none)));
  const relationships = tree['relationships'] ?? [];
  if (!Array.isArray(relationships))
    throw new RecordError('product_tree.relationships', 'expected an array');
  relationships.forEach((r, i) => {
    const at = `product_tree.relationships[${i}]`;
    if (!isObject(r)) throw new RecordError(at, 'expected an object');
    const ref = String(r['product_reference'] ?? '');
    const base = byId.get(ref);
    const p = fullProduct(r['full_product_name'], `${at}.full_product_name`, base ?? none);
    p.relationship = {
      category: String(r['category'] ?? ''),
      productReference: ref,
      relatesTo: String(r['relates_to_product_reference'] ?? ''),
    };
    add(p);
  });
  return [...byId.values()];
}

function fullProduct(p: unknown, at: string, path: Path): CsafProduct {
  if (!isObject(p)) throw new RecordError(at, 'expected a full_product_name object');
  if (typeof p['product_id'] !== 'string' || p['product_id'] === '') {
    throw new RecordError(`${at}.product_id`, 'expected a non-empty string');
  }
  const helper = p['product_identification_helper'];
  return {
    productId: p['product_id'],
    vendor: path.vendor,
    productFamily: path.productFamily,
    product: path.product ?? path.productFamily,
    version: path.version,
    versionIsRange: path.versionIsRange,
    fullName: typeof p['name'] === 'string' ? p['name'] : p['product_id'],
    identification: isObject(helper) ? helper : null,
    relationship: null,
  };
}

function vulnerabilities(list: unknown): CsafVulnerabilityRow[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new RecordError('vulnerabilities', 'expected an array');
  return list.map((v, i) => {
    const at = `vulnerabilities[${i}]`;
    if (!isObject(v)) throw new RecordError(at, 'expected an object');
    const status: Record<string, string[]> = {};
    const ps = v['product_status'] ?? {};
    if (!isObject(ps)) throw new RecordError(`${at}.product_status`, 'expected an object');
    for (const [key, ids] of Object.entries(ps)) {
      if (!Array.isArray(ids) || ids.some((x) => typeof x !== 'string')) {
        throw new RecordError(`${at}.product_status.${key}`, 'expected an array of product ids');
      }
      status[key] = [...new Set(ids as string[])];
    }
    // §3.2.3.12 scores: several may apply to different products; keep the highest v3 score.
    let best: { score: number; vector: string | null } | null = null;
    for (const s of Array.isArray(v['scores']) ? v['scores'] : []) {
      const c = isObject(s) ? s['cvss_v3'] : undefined;
      if (
        isObject(c) &&
        typeof c['baseScore'] === 'number' &&
        (!best || c['baseScore'] > best.score)
      ) {
        best = {
          score: c['baseScore'],
          vector: typeof c['vectorString'] === 'string' ? c['vectorString'] : null,
        };
      }
    }
    return {
      cve: typeof v['cve'] === 'string' ? v['cve'] : null,
      title: typeof v['title'] === 'string' ? v['title'] : null,
      cvssScore: best?.score ?? null,
      cvssVector: best?.vector ?? null,
      status,
    };
  });
}

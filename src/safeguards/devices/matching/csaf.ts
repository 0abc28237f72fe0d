// Matching a device against an ICSMA CSAF advisory. These advisories carry no CPE, purl or model
// number (CSAF 2.0 3.1.3.3 product identification is absent in all 144), so the product tree's
// vendor / product_name / product_version(_range) text is all there is: vendor aliases, fuzzy
// model tokens and a free-text range parser.
import { matchProduct } from './product-match.ts';
import { buildVendorTable, matchVendor } from './vendor-aliases.ts';
import { parseVersionRangeText, versionInRange } from './version-range-text.ts';

export interface CsafProduct {
  productId: string;
  vendor: string;
  product: string;
  version?: string | null;
  versionRange?: string | null;
  fullName: string;
}
export interface CsafVulnerability {
  cve: string | null;
  /** CSAF 3.2.3.9 product_status: known_affected, fixed, known_not_affected product ids. */
  affected: string[];
  fixed: string[];
  notAffected: string[];
}
export interface CsafAdvisory {
  trackingId: string;
  products: CsafProduct[];
  vulnerabilities: CsafVulnerability[];
}
export interface CsafDevice {
  manufacturer: string;
  model: string;
  version?: string | null;
}
export type CsafStatus = 'affected' | 'fixed' | 'not_affected';
/**
 * `version`: the device version was checked against a parsed range. `unknown-version`: the device
 * has no version, so the match is possible only. `unparsed-range`: the advisory's range text was
 * not understood, so the match is possible only.
 */
export type CsafConfidence = 'version' | 'unknown-version' | 'unparsed-range' | 'no-range';
export interface CsafMatch {
  cve: string | null;
  advisory: string;
  productId: string;
  status: CsafStatus;
  confidence: CsafConfidence;
  why: string;
}

type ProductVerdict = { why: string; confidence: CsafConfidence } | null;

/** Does the version field merely name the model ("MMT-1754", "35700BAX")? */
function versionNamesModel(text: string, model: string): boolean {
  const compact = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const m = compact(model);
  return text
    .split(/\s*[|/]\s*/)
    .map(compact)
    .some((v) => v.length >= 4 && /\d/.test(v) && /[a-z]/.test(v) && m.includes(v));
}

function checkProduct(p: CsafProduct, device: CsafDevice, vendorWhy: string): ProductVerdict {
  const productWhy = matchProduct(device.model, p.product, p.vendor);
  const rangeText = p.versionRange ?? p.version ?? null;
  if (!productWhy) {
    // Model numbers sometimes sit in the version field (Medtronic "MiniMed 630G", "MMT-1754").
    if (!rangeText || !versionNamesModel(rangeText, device.model)) return null;
    const viaFull = matchProduct(device.model, p.fullName, p.vendor);
    if (!viaFull) return null;
    return {
      why: `${vendorWhy}; ${viaFull}; version field "${rangeText}" names the model`,
      confidence: 'no-range',
    };
  }
  if (!rangeText)
    return { why: `${vendorWhy}; ${productWhy}; no version given`, confidence: 'no-range' };
  if (versionNamesModel(rangeText, device.model)) {
    return {
      why: `${vendorWhy}; ${productWhy}; version field "${rangeText}" names the model`,
      confidence: 'no-range',
    };
  }
  const range = parseVersionRangeText(rangeText);
  if (!range) {
    return {
      why: `${vendorWhy}; ${productWhy}; version range "${rangeText}" not understood`,
      confidence: 'unparsed-range',
    };
  }
  if (range.all)
    return {
      why: `${vendorWhy}; ${productWhy}; all versions ("${rangeText}")`,
      confidence: 'version',
    };
  if (!device.version) {
    return {
      why: `${vendorWhy}; ${productWhy}; device version unknown, advisory names "${rangeText}"`,
      confidence: 'unknown-version',
    };
  }
  if (!versionInRange(device.version, range)) return null;
  return {
    why: `${vendorWhy}; ${productWhy}; version ${device.version} within "${rangeText}"`,
    confidence: 'version',
  };
}

/**
 * Matches a device against one advisory. A product whose range the device version falls outside
 * gives no match; `fixed` and `not_affected` statuses come from the advisory's own product_status
 * lists. When the device version is known and a definite fixed/not_affected match exists for a
 * CVE, possible-only affected matches for that CVE are dropped.
 */
export function matchCsafAdvisory(
  advisory: CsafAdvisory,
  device: CsafDevice,
  opts: { vendorAliases?: Record<string, string[]> } = {},
): CsafMatch[] {
  const table = buildVendorTable(opts.vendorAliases);
  const verdicts = new Map<string, ProductVerdict>();
  for (const p of advisory.products) {
    const vendorWhy = matchVendor(device.manufacturer, p.vendor, table);
    verdicts.set(p.productId, vendorWhy ? checkProduct(p, device, vendorWhy) : null);
  }
  const out: CsafMatch[] = [];
  for (const v of advisory.vulnerabilities) {
    const found: CsafMatch[] = [];
    const lists: [CsafStatus, string[]][] = [
      ['affected', v.affected],
      ['fixed', v.fixed],
      ['not_affected', v.notAffected],
    ];
    for (const [status, ids] of lists) {
      for (const productId of ids) {
        const verdict = verdicts.get(productId);
        if (verdict)
          found.push({ cve: v.cve, advisory: advisory.trackingId, productId, status, ...verdict });
      }
    }
    const definiteClear = found.some((m) => m.status !== 'affected' && m.confidence === 'version');
    out.push(
      ...found.filter(
        (m) => !(definiteClear && m.status === 'affected' && m.confidence !== 'version'),
      ),
    );
  }
  return out;
}

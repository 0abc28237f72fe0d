// Evaluation of compiled NVD configurations against the products on one device.
//
// NVD semantics (CVE API 2.0): a configuration's nodes combine with the configuration's
// operator (OR when absent); a node's cpeMatch entries combine with the node's operator; `negate`
// inverts a node. A CVE affects the device when some configuration is satisfied *and* a
// `vulnerable: true` entry of a satisfied, non-negated node matched. `vulnerable: false` entries
// (typically the hardware platform in "firmware AND hardware") must be present but are never
// reported as the vulnerable thing.
import { ANY, NA, compareAttribute, formatCpe, parseCpe, unescapeValue, type Cpe } from './cpe.ts';
import {
  F_AND,
  F_NEGATE,
  M_END_EXCL,
  M_END_INCL,
  M_INVALID,
  M_START_EXCL,
  M_START_INCL,
  M_VULNERABLE,
  M_WILD_KEY,
  type ConfigStore,
} from './config-store.ts';
import { compareVersionTokens, versionTokens, type VersionToken } from './version.ts';

/** A product on a device: a CPE string, a parsed CPE, or an SBOM component carrying a CPE. */
export type DeviceProduct = string | Cpe | { cpe?: string | null };

export interface PreparedProduct {
  cpe: Cpe;
  key: string;
  tokens: VersionToken[];
  text: string;
}

export interface ConfigMatch {
  /** 1-based position of the satisfied configuration. */
  configuration: number;
  /** The `vulnerable: true` criteria that matched (short CPE 2.3 form). */
  criteria: string;
  /** The device's product that matched it. */
  product: string;
  /** `vulnerable: false` criteria (platforms) that had to be present. */
  platforms: string[];
  why: string;
}

/** Parses the device's products, dropping those without a usable CPE. */
export function prepareProducts(products: Iterable<DeviceProduct>): PreparedProduct[] {
  const out: PreparedProduct[] = [];
  for (const p of products) {
    const cpe =
      typeof p === 'string'
        ? parseCpe(p)
        : 'part' in p
          ? p
          : typeof p.cpe === 'string'
            ? parseCpe(p.cpe)
            : null;
    // A device CPE with ANY vendor or product is evidence of nothing (Dependency-Track #3178).
    if (!cpe || cpe.vendor === ANY || cpe.product === ANY) continue;
    const version = unescapeValue(cpe.version);
    out.push({
      cpe,
      key: `${cpe.vendor}:${cpe.product}`,
      tokens: cpe.version === ANY || cpe.version === NA ? [] : versionTokens(version),
      text: formatCpe(cpe, { short: true }),
    });
  }
  return out;
}

const okRelation = (source: string, target: string): boolean => {
  const rel = compareAttribute(source, target);
  return rel !== 'DISJOINT' && rel !== 'UNDEFINED';
};

/** Version part of the test: exact attribute, then the NVD range bounds. */
function versionMatches(store: ConfigStore, m: number, p: PreparedProduct): boolean {
  const flags = store.mFlags.get(m);
  const version = store.versions.value(store.mVersion.get(m));
  const target = p.cpe.version;
  // ANY source accepts every target; skipping the call avoids a wildcard scan per entry.
  if (version !== ANY && !okRelation(version, target)) return false;
  const ranged = flags & (M_START_INCL | M_START_EXCL | M_END_INCL | M_END_EXCL);
  if (!ranged || target === ANY) return true; // unknown version: cannot be excluded (as DT)
  if (target === NA) return false;
  if (flags & (M_START_INCL | M_START_EXCL)) {
    const c = compareVersionTokens(p.tokens, store.versionTokensOf(store.mStart.get(m)));
    if (c < 0 || (c === 0 && flags & M_START_EXCL)) return false;
  }
  if (flags & (M_END_INCL | M_END_EXCL)) {
    const c = compareVersionTokens(p.tokens, store.versionTokensOf(store.mEnd.get(m)));
    if (c > 0 || (c === 0 && flags & M_END_EXCL)) return false;
  }
  return true;
}

/** Does cpeMatch entry `m` match product `p`? The caller has checked the key unless wildcarded. */
export function entryMatches(store: ConfigStore, m: number, p: PreparedProduct): boolean {
  const flags = store.mFlags.get(m);
  if (flags & M_INVALID) return false;
  if (flags & M_WILD_KEY) {
    const [vendor = ANY, product = ANY] = store.keys.value(store.mKey.get(m)).split(/(?<!\\):/);
    const rv = compareAttribute(vendor, p.cpe.vendor);
    const rp = compareAttribute(product, p.cpe.product);
    if (!(rv === 'EQUAL' || rv === 'SUPERSET') || !(rp === 'EQUAL' || rp === 'SUPERSET'))
      return false;
  } else if (store.keys.value(store.mKey.get(m)) !== p.key) return false;
  return restMatches(store, m, p) && versionMatches(store, m, p);
}

/** The attributes other than vendor, product and version (part, update, ..., other). */
export function restMatches(store: ConfigStore, m: number, p: PreparedProduct): boolean {
  const restId = store.mRest.get(m);
  const rest = store.restOf(restId);
  const c = p.cpe;
  if (!okRelation(rest[0] ?? ANY, c.part)) return false;
  if (!store.restIsAny(restId)) {
    const targets = [c.update, c.edition, c.language, c.swEdition, c.targetSw, c.targetHw, c.other];
    for (let i = 0; i < targets.length; i++) {
      if (!okRelation(rest[i + 1] ?? ANY, targets[i] as string)) return false;
    }
  }
  return true;
}

function describeMatch(store: ConfigStore, m: number, p: PreparedProduct): string {
  const flags = store.mFlags.get(m);
  const bounds: string[] = [];
  const v = (id: number) => store.versions.value(id);
  if (flags & M_START_INCL) bounds.push(`versionStartIncluding ${v(store.mStart.get(m))}`);
  if (flags & M_START_EXCL) bounds.push(`versionStartExcluding ${v(store.mStart.get(m))}`);
  if (flags & M_END_INCL) bounds.push(`versionEndIncluding ${v(store.mEnd.get(m))}`);
  if (flags & M_END_EXCL) bounds.push(`versionEndExcluding ${v(store.mEnd.get(m))}`);
  const criteria = store.criteriaText(m);
  if (!bounds.length) return `${p.text} matches ${criteria}`;
  const verb = p.cpe.version === ANY ? 'has an unknown version, so may be in' : 'is in';
  return `${p.text} ${verb} ${bounds.join(', ')} of ${criteria}`;
}

/** Groups prepared products by vendor:product so each entry is tested against few products. */
export function productsByKey(products: readonly PreparedProduct[]): Map<string, number[]> {
  const map = new Map<string, number[]>();
  products.forEach((p, i) => {
    const list = map.get(p.key);
    if (list) list.push(i);
    else map.set(p.key, [i]);
  });
  return map;
}

function firstProduct(
  store: ConfigStore,
  m: number,
  products: readonly PreparedProduct[],
  byKey: Map<string, number[]>,
): number {
  if (store.mFlags.get(m) & M_WILD_KEY) {
    return products.findIndex((p) => entryMatches(store, m, p));
  }
  for (const i of byKey.get(store.keys.value(store.mKey.get(m))) ?? []) {
    if (entryMatches(store, m, products[i] as PreparedProduct)) return i;
  }
  return -1;
}

/** Evaluates one compiled CVE; returns the first satisfied configuration, or null. */
export function evaluateCve(
  store: ConfigStore,
  cve: number,
  products: readonly PreparedProduct[],
  byKey: Map<string, number[]>,
  /** Index of the first product matching a `vulnerable: true` entry, or -1, when already known. */
  vulnerableHit?: (m: number) => number,
): ConfigMatch | null {
  const [c0, c1] = store.cfgRange(cve);
  for (let c = c0; c < c1; c++) {
    const cfgAnd = (store.cfgFlags.get(c) & F_AND) !== 0;
    let satisfied = cfgAnd;
    let hit: [number, number] | null = null;
    const platforms: string[] = [];
    const [n0, n1] = store.nodeRange(c);
    if (n0 === n1) continue;
    for (let n = n0; n < n1; n++) {
      const nodeFlags = store.nodeFlags.get(n);
      const nodeAnd = (nodeFlags & F_AND) !== 0;
      const [m0, m1] = store.matchRange(n);
      let nodeSat = nodeAnd && m1 > m0;
      let nodeHit: [number, number] | null = null;
      const nodePlatforms: string[] = [];
      for (let m = m0; m < m1; m++) {
        const p =
          vulnerableHit && store.mFlags.get(m) & M_VULNERABLE
            ? vulnerableHit(m)
            : firstProduct(store, m, products, byKey);
        if (p < 0) {
          if (nodeAnd) {
            nodeSat = false;
            break;
          }
          continue;
        }
        if (!nodeAnd) nodeSat = true;
        if (store.mFlags.get(m) & M_VULNERABLE) nodeHit ??= [m, p];
        else nodePlatforms.push(store.criteriaText(m));
      }
      if (nodeFlags & F_NEGATE) {
        nodeSat = !nodeSat;
        nodeHit = null;
        nodePlatforms.length = 0;
      }
      if (nodeSat) {
        hit ??= nodeHit;
        platforms.push(...nodePlatforms);
      }
      if (cfgAnd && !nodeSat) {
        satisfied = false;
        break;
      }
      if (!cfgAnd && nodeSat) satisfied = true;
    }
    if (store.cfgFlags.get(c) & F_NEGATE) satisfied = false; // a negated configuration reports nothing
    if (!satisfied || !hit) continue;
    const [m, p] = hit;
    const configuration = c - c0 + 1;
    const context = cfgAnd && platforms.length ? `, AND with platform ${platforms.join(', ')}` : '';
    return {
      configuration,
      criteria: store.criteriaText(m),
      product: (products[p] as PreparedProduct).text,
      platforms: cfgAnd ? platforms : [],
      why: `${describeMatch(store, m, products[p] as PreparedProduct)} (configuration ${configuration}${context})`,
    };
  }
  return null;
}

// In-memory index of NVD configurations keyed by the criteria's vendor:product, so that a
// device lookup touches only CVEs naming one of its products (ADR 0012).
//
// Postings hold only `vulnerable: true` entries: a CVE can only affect a device through one,
// so they are the complete candidate set; platform entries are checked when the candidate's
// whole configuration tree is evaluated. Within a key, entries pinned to one exact version
// (`cpe:2.3:a:v:p:1.2.3`, no range) come first, sorted by version id, and are found by binary
// search; NISTIR 7696 compares such versions as strings, so string identity is the right key.
// Ranges with numeric bounds live in RangePostings (sorted, binary-searched); the rest of a key's
// entries are tested one by one.
import { ANY, NA, hasWildcard } from './cpe.ts';
import {
  M_END_EXCL,
  M_END_INCL,
  M_INVALID,
  M_START_EXCL,
  M_START_INCL,
  M_VULNERABLE,
  M_WILD_KEY,
  ConfigStore,
} from './config-store.ts';
import {
  entryMatches,
  evaluateCve,
  prepareProducts,
  productsByKey,
  restMatches,
  type DeviceProduct,
  type PreparedProduct,
} from './config-eval.ts';
import { RangePostings, type RangeSpec } from './range-postings.ts';

export interface NvdMatch {
  cve: string;
  /** e.g. "cpe:2.3:o:acme:infusion_os:3.1 is in versionEndExcluding 3.5 of cpe:2.3:o:acme:infusion_os:* (configuration 1, AND with platform cpe:2.3:h:acme:pump_9000:-)" */
  why: string;
  criteria: string;
  configuration: number;
  product: string;
  platforms: string[];
}

export interface NvdIndex {
  readonly cveCount: number;
  readonly criteriaCount: number;
  readonly productKeyCount: number;
  /** CVEs whose configurations the device's CPEs satisfy, sorted by CVE id. */
  matchDevice(device: { cpes: readonly string[] }): NvdMatch[];
  /** Same for SBOM components or parsed CPEs. */
  matchProducts(products: Iterable<DeviceProduct>): NvdMatch[];
}

const RANGED = M_START_INCL | M_START_EXCL | M_END_INCL | M_END_EXCL;
// Distinct (product CPE) lookups kept; each holds a few entry ids, so ~200k stay well under 100 MB.
const LOOKUP_CACHE_LIMIT = 200_000;

/** Where a vulnerable entry is kept: exact-version postings, sorted ranges, or a linear list. */
type Kind = 'exact' | 'range' | 'linear';

class ColumnNvdIndex implements NvdIndex {
  private readonly keyStart: Uint32Array;
  private readonly keyExactEnd: Uint32Array;
  private readonly postings: Uint32Array;
  private readonly ranges: RangePostings;
  private readonly wild: Uint32Array;
  private readonly stamp: Uint32Array;
  private stampValue = 0;
  // Per device: which vulnerable entries some product matched, and the first such product, so
  // each candidate CVE's configuration is evaluated once without re-testing those entries.
  private readonly entryStamp: Uint32Array;
  private readonly entryProduct: Uint32Array;
  private readonly cveRank: Uint32Array;
  // Hospital fleets are homogeneous (hundreds of identical pumps), so the entries matched by one
  // product CPE are memoised; bounded so memory stays flat.
  private readonly lookupCache = new Map<string, Uint32Array>();

  private readonly store: ConfigStore;

  constructor(store: ConfigStore) {
    this.store = store;
    const s = store;
    const nKeys = s.keys.size + 1;
    const counts = new Uint32Array(nKeys + 1);
    const exactCounts = new Uint32Array(nKeys);
    const kindOf = (m: number): Kind => {
      const f = s.mFlags.get(m);
      const v = s.versions.value(s.mVersion.get(m));
      if (!(f & RANGED)) return v !== ANY && v !== NA && !hasWildcard(v) ? 'exact' : 'linear';
      const spec = rangeSpec(s, m);
      return v === ANY && RangePostings.accepts(s, spec) ? 'range' : 'linear';
    };
    const wild: number[] = [];
    const rangesByKey: RangeSpec[][] = [];
    const n = s.mFlags.length;
    const kinds = new Uint8Array(n); // 0 skip, 1 exact, 2 range, 3 linear
    for (let m = 0; m < n; m++) {
      const f = s.mFlags.get(m);
      if (!(f & M_VULNERABLE) || f & M_INVALID) continue;
      if (f & M_WILD_KEY) {
        wild.push(m);
        continue;
      }
      const k = s.mKey.get(m);
      const kind = kindOf(m);
      if (kind === 'range') {
        kinds[m] = 2;
        (rangesByKey[k] ??= []).push(rangeSpec(s, m));
        continue;
      }
      kinds[m] = kind === 'exact' ? 1 : 3;
      counts[k + 1]!++;
      if (kind === 'exact') exactCounts[k]!++;
    }
    rangesByKey.length = nKeys;
    this.ranges = new RangePostings(s, rangesByKey);
    for (let k = 1; k <= nKeys; k++) counts[k]! += counts[k - 1]!;
    this.keyStart = counts;
    this.keyExactEnd = new Uint32Array(nKeys);
    const exactCursor = new Uint32Array(nKeys);
    const otherCursor = new Uint32Array(nKeys);
    for (let k = 0; k < nKeys; k++) {
      exactCursor[k] = counts[k]!;
      this.keyExactEnd[k] = otherCursor[k] = counts[k]! + exactCounts[k]!;
    }
    this.postings = new Uint32Array(counts[nKeys]!);
    for (let m = 0; m < n; m++) {
      const kind = kinds[m];
      if (kind !== 1 && kind !== 3) continue;
      const k = s.mKey.get(m);
      if (kind === 1) this.postings[exactCursor[k]!++] = m;
      else this.postings[otherCursor[k]!++] = m;
    }
    const versionOf = s.mVersion.data;
    for (let k = 0; k < nKeys; k++) {
      if (exactCounts[k]! > 1)
        this.postings
          .subarray(counts[k]!, this.keyExactEnd[k]!)
          .sort((a, b) => versionOf[a]! - versionOf[b]!);
    }
    this.wild = Uint32Array.from(wild);
    this.stamp = new Uint32Array(s.cveCount);
    this.entryStamp = new Uint32Array(n);
    this.entryProduct = new Uint32Array(n);
    const ids = s.cveIds;
    const order = Uint32Array.from(ids.keys()).sort((a, b) => {
      const x = ids[a] as string;
      const y = ids[b] as string;
      return x < y ? -1 : x > y ? 1 : 0;
    });
    this.cveRank = new Uint32Array(ids.length);
    order.forEach((cve, r) => (this.cveRank[cve] = r));
  }

  get cveCount(): number {
    return this.store.cveCount;
  }
  get criteriaCount(): number {
    return this.store.mFlags.length;
  }
  get productKeyCount(): number {
    return this.store.keys.size;
  }

  /** Vulnerable entries matching one product. */
  private lookup(p: PreparedProduct): Uint32Array {
    const cached = this.lookupCache.get(p.text);
    if (cached) return cached;
    const s = this.store;
    const hits: number[] = [];
    const test = (m: number) => {
      if (entryMatches(s, m, p)) hits.push(m);
    };
    const k = s.keys.find(p.key);
    if (k) {
      const start = this.keyStart[k]!;
      const exactEnd = this.keyExactEnd[k]!;
      const end = this.keyStart[k + 1]!;
      const version = p.cpe.version;
      const plain = version !== ANY && version !== NA && !hasWildcard(version);
      if (version === ANY) for (let i = start; i < exactEnd; i++) test(this.postings[i]!);
      else if (plain) {
        const v = s.versions.find(version);
        if (v) {
          const versionOf = s.mVersion.data;
          let lo = start;
          let hi = exactEnd;
          while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if (versionOf[this.postings[mid]!]! < v) lo = mid + 1;
            else hi = mid;
          }
          for (let i = lo; i < exactEnd && versionOf[this.postings[i]!] === v; i++)
            test(this.postings[i]!);
        }
      }
      for (let i = exactEnd; i < end; i++) test(this.postings[i]!);
      // Sorted ranges: the version part is decided by the structure, the rest is still checked.
      if (plain)
        this.ranges.stab(k, p.tokens, (m, exact) => {
          if (exact ? restMatches(s, m, p) : entryMatches(s, m, p)) hits.push(m);
        });
      else if (version !== NA) this.ranges.forEach(k, test);
    }
    for (const m of this.wild) test(m);
    const result = Uint32Array.from(hits);
    if (this.lookupCache.size >= LOOKUP_CACHE_LIMIT) this.lookupCache.clear();
    this.lookupCache.set(p.text, result);
    return result;
  }

  matchDevice(device: { cpes: readonly string[] }): NvdMatch[] {
    return this.matchProducts(device.cpes);
  }

  matchProducts(input: Iterable<DeviceProduct>): NvdMatch[] {
    const s = this.store;
    const products = prepareProducts(input);
    const byKey = productsByKey(products);
    if (++this.stampValue === 0xffffffff) {
      this.stamp.fill(0);
      this.entryStamp.fill(0);
      this.stampValue = 1;
    }
    const sv = this.stampValue;
    const candidates: number[] = [];
    for (let i = 0; i < products.length; i++) {
      for (const m of this.lookup(products[i] as PreparedProduct)) {
        if (this.entryStamp[m] !== sv) {
          this.entryStamp[m] = sv;
          this.entryProduct[m] = i; // products are visited in order: the first match wins
        }
        const cve = s.mCve.get(m);
        if (this.stamp[cve] !== sv) {
          this.stamp[cve] = sv;
          candidates.push(cve);
        }
      }
    }
    const hitOf = (m: number) => (this.entryStamp[m] === sv ? this.entryProduct[m]! : -1);
    // Ranks follow CVE id order, so sorting numbers here replaces sorting the matches by string.
    const rank = this.cveRank;
    candidates.sort((a, b) => rank[a]! - rank[b]!);
    const out: NvdMatch[] = [];
    for (const cve of candidates) {
      const match = evaluateCve(s, cve, products, byKey, hitOf);
      if (match)
        out.push({
          cve: s.cveIds[cve] as string,
          why: match.why,
          criteria: match.criteria,
          configuration: match.configuration,
          product: match.product,
          platforms: match.platforms,
        });
    }
    return out;
  }
}

function rangeSpec(s: ConfigStore, m: number): RangeSpec {
  const f = s.mFlags.get(m);
  return {
    entry: m,
    start: f & (M_START_INCL | M_START_EXCL) ? s.mStart.get(m) : 0,
    startExcl: (f & M_START_EXCL) !== 0,
    end: f & (M_END_INCL | M_END_EXCL) ? s.mEnd.get(m) : 0,
    endExcl: (f & M_END_EXCL) !== 0,
  };
}

/**
 * Builds the index from NVD CVE records (`{ id, configurations }`, as in the CVE API 2.0).
 * Records can be streamed: only the compiled columns are kept.
 */
export function buildNvdIndex(
  records: Iterable<{ id: string; configurations?: readonly unknown[] | null }>,
): NvdIndex {
  const store = new ConfigStore();
  for (const record of records) {
    if (record.configurations?.length) store.addCve(record.id, record.configurations);
  }
  store.trim();
  return new ColumnNvdIndex(store);
}

// Version-range criteria of every vendor:product key, laid out so that a lookup touches only the
// ranges that can contain the device's version, with no version parsing in the hot loop.
//
// compareVersions is not a total order once letters are involved ('1' < '1a' < '1.0' = '1'), so
// sorting would silently change answers there. Between purely numeric versions it is one
// (lexicographic order once trailing zeros are dropped), so only ranges whose bounds are
// numeric are sorted here; others stay in the index's per-criterion list. Versions with letters
// are still looked up here, with a widened window checked per criterion (see stab), so every
// answer equals the brute-force one.
//
// Per key, the distinct numeric bound versions are sorted and ranked; point rank r sits at
// coordinate 2r+1 and the gap below it at 2r, so every range becomes an integer interval
// [lo, hi] and a version one integer coordinate. Ranges are sorted by hi: a lookup binary-searches
// the first hi >= its coordinate and checks only lo on the rest.
import type { ConfigStore } from './config-store.ts';
import { compareVersionTokens, type VersionToken } from './version.ts';

export const NO_END = 0xffffffff;

const isNumeric = (tokens: readonly VersionToken[]): boolean =>
  tokens.every((t) => typeof t !== 'string');

export interface RangeSpec {
  entry: number;
  start: number; // version id, 0 when absent
  startExcl: boolean;
  end: number; // version id, 0 when absent
  endExcl: boolean;
}

export class RangePostings {
  /** Per key: [pointStart[k], pointStart[k+1]) in `points`, one version id per rank. */
  private readonly pointStart: Uint32Array;
  private readonly points: Uint32Array;
  /** Per key: [rangeStart[k], rangeStart[k+1]) in the three range columns, sorted by hi. */
  private readonly rangeStart: Uint32Array;
  private readonly entries: Uint32Array;
  private readonly lo: Uint32Array;
  private readonly hi: Uint32Array;
  private readonly store: ConfigStore;

  /** Whether a range can go into the sorted structure: both bounds numeric (or absent). */
  static accepts(store: ConfigStore, spec: RangeSpec): boolean {
    return (
      (!spec.start || isNumeric(store.versionTokensOf(spec.start))) &&
      (!spec.end || isNumeric(store.versionTokensOf(spec.end)))
    );
  }

  constructor(store: ConfigStore, byKey: readonly (RangeSpec[] | undefined)[]) {
    this.store = store;
    const nKeys = byKey.length;
    let nPoints = 0;
    let nRanges = 0;
    const keyPoints: Uint32Array[] = [];
    for (let k = 0; k < nKeys; k++) {
      const specs = byKey[k];
      if (!specs) continue;
      nRanges += specs.length;
      const ids = new Set<number>();
      for (const s of specs) {
        if (s.start) ids.add(s.start);
        if (s.end) ids.add(s.end);
      }
      const sorted = [...ids].sort((a, b) =>
        compareVersionTokens(store.versionTokensOf(a), store.versionTokensOf(b)),
      );
      keyPoints[k] = Uint32Array.from(sorted);
      nPoints += sorted.length;
    }
    this.pointStart = new Uint32Array(nKeys + 1);
    this.points = new Uint32Array(nPoints);
    this.rangeStart = new Uint32Array(nKeys + 1);
    this.entries = new Uint32Array(nRanges);
    this.lo = new Uint32Array(nRanges);
    this.hi = new Uint32Array(nRanges);
    let p = 0;
    let r = 0;
    for (let k = 0; k < nKeys; k++) {
      this.pointStart[k] = p;
      this.rangeStart[k] = r;
      const specs = byKey[k];
      const sorted = keyPoints[k];
      if (!specs || !sorted) continue;
      // Equal versions ('2.1' and '2.1.0') share a rank; only the first is kept as its point.
      const rank = new Map<number, number>();
      let last = -1;
      for (let i = 0; i < sorted.length; i++) {
        const id = sorted[i] as number;
        const prev = i ? (sorted[i - 1] as number) : 0;
        if (
          !i ||
          compareVersionTokens(store.versionTokensOf(prev), store.versionTokensOf(id)) !== 0
        ) {
          this.points[p++] = id;
          last++;
        }
        rank.set(id, last);
      }
      const intervals = specs.map((s) => ({
        entry: s.entry,
        lo: s.start ? 2 * (rank.get(s.start) as number) + (s.startExcl ? 2 : 1) : 0,
        hi: s.end ? 2 * (rank.get(s.end) as number) + (s.endExcl ? 0 : 1) : NO_END,
      }));
      intervals.sort((a, b) => a.hi - b.hi);
      for (const iv of intervals) {
        this.entries[r] = iv.entry;
        this.lo[r] = iv.lo;
        this.hi[r] = iv.hi;
        r++;
      }
    }
    this.pointStart[nKeys] = p;
    this.rangeStart[nKeys] = r;
  }

  /** Every range entry of key `k`, for versions the sorted structure cannot answer. */
  forEach(k: number, visit: (entry: number) => void): void {
    if (k + 1 >= this.rangeStart.length) return;
    const r1 = this.rangeStart[k + 1] as number;
    for (let i = this.rangeStart[k] as number; i < r1; i++) visit(this.entries[i] as number);
  }

  /**
   * Calls `visit` with key `k`'s range entries that may contain the version. For a numeric
   * version the answer is exact (`exact` true: only the other attributes remain to check). For a
   * version with letters, Q = its numeric prefix decides every bound outside Q's tie group
   * exactly (such a bound compares with the version as with Q), so only ranges with a bound in
   * that group are uncertain: the window is widened by one coordinate and `exact` is false, so
   * the caller runs the per-criterion comparison on these few candidates.
   */
  stab(
    k: number,
    tokens: readonly VersionToken[],
    visit: (entry: number, exact: boolean) => void,
  ): void {
    if (k + 1 >= this.rangeStart.length) return;
    const text = tokens.findIndex((t) => typeof t === 'string');
    const exact = text < 0;
    if (!exact) tokens = tokens.slice(0, text);
    const r0 = this.rangeStart[k] as number;
    const r1 = this.rangeStart[k + 1] as number;
    if (r0 === r1) return;
    const p0 = this.pointStart[k] as number;
    let lo = p0;
    let hi = this.pointStart[k + 1] as number;
    const store = this.store;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareVersionTokens(store.versionTokensOf(this.points[mid] as number), tokens) < 0)
        lo = mid + 1;
      else hi = mid;
    }
    const equal =
      lo < (this.pointStart[k + 1] as number) &&
      compareVersionTokens(store.versionTokensOf(this.points[lo] as number), tokens) === 0;
    const q = 2 * (lo - p0) + (equal ? 1 : 0);
    const qLo = exact || !q ? q : q - 1;
    const qHi = exact ? q : q + 1;
    let a = r0;
    let b = r1;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if ((this.hi[mid] as number) < qLo) a = mid + 1;
      else b = mid;
    }
    for (let i = a; i < r1; i++)
      if ((this.lo[i] as number) <= qHi) visit(this.entries[i] as number, exact);
  }
}

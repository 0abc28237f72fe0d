// Column store of NVD configurations (CVE API 2.0 `configurations[]`), shared by the one-off
// evaluateConfigurations and the NVD index so that both run the same evaluation code.
//
// Layout: CVE -> configurations -> nodes -> cpeMatch entries, each level a range of the next
// level's columns. A criteria is stored as three interned ids (vendor:product key, version,
// the other attributes) because the same products and versions recur across thousands of CVEs.
import { ANY, hasWildcard, parseCpe, type Cpe } from './cpe.ts';
import { Interner, U32Column, U8Column } from './compact-arrays.ts';
import { versionTokens, type VersionToken } from './version.ts';

export interface NvdCpeMatch {
  vulnerable: boolean;
  criteria: string;
  matchCriteriaId?: string;
  versionStartIncluding?: string;
  versionStartExcluding?: string;
  versionEndIncluding?: string;
  versionEndExcluding?: string;
}
export interface NvdNode {
  operator?: 'AND' | 'OR';
  negate?: boolean;
  cpeMatch?: NvdCpeMatch[];
}
export interface NvdConfiguration {
  operator?: 'AND' | 'OR';
  negate?: boolean;
  nodes?: NvdNode[];
}

// Flag bits of a configuration or node.
export const F_AND = 1;
export const F_NEGATE = 2;
// Flag bits of a cpeMatch entry.
export const M_VULNERABLE = 1;
export const M_START_INCL = 2;
export const M_START_EXCL = 4;
export const M_END_INCL = 8;
export const M_END_EXCL = 16;
/** Vendor or product holds a wildcard: the entry cannot be found by exact vendor:product key. */
export const M_WILD_KEY = 32;
/** The criteria did not parse; the entry never matches (an AND over it is never satisfied). */
export const M_INVALID = 64;

const REST: readonly (keyof Cpe)[] = [
  'part',
  'update',
  'edition',
  'language',
  'swEdition',
  'targetSw',
  'targetHw',
  'other',
];

const asRecord = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
const asString = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

export class ConfigStore {
  readonly keys = new Interner();
  readonly versions = new Interner();
  readonly rests = new Interner();
  readonly cveIds: string[] = [];
  readonly cveCfgStart = new U32Column();
  readonly cfgFlags = new U8Column();
  readonly cfgNodeStart = new U32Column();
  readonly nodeFlags = new U8Column();
  readonly nodeMatchStart = new U32Column();
  readonly mKey = new U32Column();
  readonly mVersion = new U32Column();
  readonly mRest = new U32Column();
  readonly mStart = new U32Column();
  readonly mEnd = new U32Column();
  readonly mFlags = new U8Column();
  readonly mCve = new U32Column();
  private readonly tokenCache: (VersionToken[] | undefined)[] = [];
  private readonly restCache: (string[] | undefined)[] = [];
  private readonly restAnyCache: (boolean | undefined)[] = [];
  private readonly criteriaCache = new Map<number, string>();

  /** Compiles one CVE's configurations; malformed parts are skipped, never thrown. */
  addCve(id: string, configurations: readonly unknown[]): number {
    const cve = this.cveIds.length;
    this.cveIds.push(id);
    this.cveCfgStart.push(this.cfgFlags.length);
    for (const rawCfg of configurations) {
      const cfg = asRecord(rawCfg);
      this.cfgFlags.push((cfg.operator === 'AND' ? F_AND : 0) | (cfg.negate ? F_NEGATE : 0));
      this.cfgNodeStart.push(this.nodeFlags.length);
      for (const rawNode of Array.isArray(cfg.nodes) ? cfg.nodes : []) {
        const node = asRecord(rawNode);
        this.nodeFlags.push((node.operator === 'AND' ? F_AND : 0) | (node.negate ? F_NEGATE : 0));
        this.nodeMatchStart.push(this.mFlags.length);
        for (const m of Array.isArray(node.cpeMatch) ? node.cpeMatch : []) this.addMatch(cve, m);
      }
    }
    return cve;
  }

  private addMatch(cve: number, raw: unknown): void {
    const m = asRecord(raw);
    const cpe = parseCpe(asString(m.criteria) ?? '');
    let flags = m.vulnerable === true ? M_VULNERABLE : 0;
    const bound = (incl: unknown, excl: unknown, fi: number, fe: number): number => {
      const i = asString(incl);
      const e = asString(excl);
      if (i) flags |= fi;
      else if (e) flags |= fe;
      return i || e ? this.versions.intern(i ?? (e as string)) : 0;
    };
    const start = bound(
      m.versionStartIncluding,
      m.versionStartExcluding,
      M_START_INCL,
      M_START_EXCL,
    );
    const end = bound(m.versionEndIncluding, m.versionEndExcluding, M_END_INCL, M_END_EXCL);
    if (!cpe) flags |= M_INVALID;
    else if ([cpe.vendor, cpe.product].some((v) => v === ANY || hasWildcard(v)))
      flags |= M_WILD_KEY;
    this.mKey.push(cpe ? this.keys.intern(`${cpe.vendor}:${cpe.product}`) : 0);
    this.mVersion.push(cpe ? this.versions.intern(cpe.version) : 0);
    this.mRest.push(cpe ? this.rests.intern(REST.map((a) => cpe[a]).join(':')) : 0);
    this.mStart.push(start);
    this.mEnd.push(end);
    this.mFlags.push(flags);
    this.mCve.push(cve);
  }

  get cveCount(): number {
    return this.cveIds.length;
  }
  cfgRange(cve: number): [number, number] {
    const next =
      cve + 1 < this.cveIds.length ? this.cveCfgStart.get(cve + 1) : this.cfgFlags.length;
    return [this.cveCfgStart.get(cve), next];
  }
  nodeRange(cfg: number): [number, number] {
    const next =
      cfg + 1 < this.cfgFlags.length ? this.cfgNodeStart.get(cfg + 1) : this.nodeFlags.length;
    return [this.cfgNodeStart.get(cfg), next];
  }
  matchRange(node: number): [number, number] {
    const next =
      node + 1 < this.nodeFlags.length ? this.nodeMatchStart.get(node + 1) : this.mFlags.length;
    return [this.nodeMatchStart.get(node), next];
  }

  versionTokensOf(id: number): VersionToken[] {
    let t = this.tokenCache[id];
    if (!t)
      this.tokenCache[id] = t = versionTokens(this.versions.value(id).replace(/\\(.)/g, '$1'));
    return t;
  }
  /** part, update, edition, language, sw_edition, target_sw, target_hw, other. */
  restOf(id: number): string[] {
    let r = this.restCache[id];
    if (!r) this.restCache[id] = r = this.rests.value(id).split(/(?<!\\):/);
    return r;
  }
  /** True when every attribute after `part` is ANY, the common case: only `part` needs comparing. */
  restIsAny(id: number): boolean {
    let any = this.restAnyCache[id];
    if (any === undefined)
      this.restAnyCache[id] = any = this.restOf(id).every((v, i) => i === 0 || v === ANY);
    return any;
  }
  /** The criteria as a short CPE 2.3 string, rebuilt from its columns. */
  criteriaText(m: number): string {
    // Cached: a fleet reports the same criteria for many devices (sparse, only matched entries).
    const cached = this.criteriaCache.get(m);
    if (cached !== undefined) return cached;
    const text = this.buildCriteriaText(m);
    if (this.criteriaCache.size >= 1_000_000) this.criteriaCache.clear();
    this.criteriaCache.set(m, text);
    return text;
  }
  private buildCriteriaText(m: number): string {
    const rest = this.restOf(this.mRest.get(m));
    const values = [
      rest[0],
      this.keys.value(this.mKey.get(m)),
      this.versions.value(this.mVersion.get(m)),
      ...rest.slice(1),
    ];
    while (values.length > 3 && values[values.length - 1] === ANY) values.pop();
    return `cpe:2.3:${values.join(':')}`;
  }

  trim(): void {
    for (const col of [
      this.cveCfgStart,
      this.cfgFlags,
      this.cfgNodeStart,
      this.nodeFlags,
      this.nodeMatchStart,
      this.mKey,
      this.mVersion,
      this.mRest,
      this.mStart,
      this.mEnd,
      this.mFlags,
      this.mCve,
    ])
      col.trim();
  }
}

// Free-text version ranges as found in ICSMA CSAF advisories (product_version_range and
// product_version): `<= 3.64`, `versions prior to 2.1`, `2.0 through 2.3`, `3.1.0 and later`,
// `all versions`, `vers:generic/>=1.0|<2.0`, `V1.0 to V1.5`, `before 5.2 SP1`, `1.1, 1.2, 1.3`,
// `2.x`, and CISA's `>= 4.0 | <= 4.6` (a lower and an upper bound joined by `|`, which CISA
// uses for one interval, as `vers:` does).
import { compareVersionTokens, versionTokens } from './version.ts';

export interface VersionBound {
  version: string;
  inclusive: boolean;
}
/** An interval, an exact version (start = end, inclusive) or a prefix (`2.x`). */
export interface VersionInterval {
  start?: VersionBound;
  end?: VersionBound;
  prefix?: string;
}
export interface VersionRange {
  all: boolean;
  /** Union of intervals. */
  intervals: VersionInterval[];
  text: string;
}

const LOWER_WORDS =
  /^(?:all )?(?:versions? )?(?:prior to|before|earlier than|older than|below|lower than|up to but not including) (?:versions? )?(.+)$/;
const UPTO_WORDS = /^(?:all )?(?:versions? )?up to (?:and including )?(?:versions? )?(.+)$/;
const AND_EARLIER =
  /^(?:versions? )?(.+?),? (?:and|or) (?:earlier|prior|below|older|lower|before)(?: versions?)?$/;
const AND_LATER =
  /^(?:versions? )?(.+?),? (?:and|or) (?:later|above|newer|higher|after)(?: versions?)?$/;
const BETWEEN =
  /^(?:versions? )?(?:between |from )?(.+?) (?:through|thru|to|and|until|-) (?:versions? )?(.+)$/;
const SINCE = /^(?:versions? )?(?:since|from|starting (?:with|from)) (?:versions? )?(.+)$/;
const OPERATOR = /^(<=|>=|=<|=>|<|>|==|=|!=)\s*(.+)$/;

/** A single version: one token with a digit or a lone letter (`<= K`), optionally `SP1`/`Build 13`. */
const VERSION =
  /^v?[a-z0-9][a-z0-9._()-]*(?: (?:sp|sr|mr|build|update|patch|hotfix|d|u|l)\.? ?\d[a-z0-9.]*)*$/;
const isVersion = (v: string): boolean => VERSION.test(v) && (/\d/.test(v) || /^[a-z]$/.test(v));

function clean(text: string): string {
  return text
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ') // "(end-of-life 2011)", "(integrated into GE MobileLink)"
    .replace(/service pack\s*/g, 'sp')
    .replace(/\b(?:firmware|software|release|revision|rev\.?)\s+(?=v?\d)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const bound = (version: string, inclusive: boolean): VersionBound => ({ version, inclusive });

/** One clause; returns intervals, 'all', or null when not understood. */
function parseClause(raw: string): VersionInterval[] | 'all' | null {
  const c = raw.trim().replace(/^versions? /, '');
  if (!c) return null;
  if (/^(?:all(?: versions)?|\*|any|all current versions)$/.test(c)) return 'all';
  const op = OPERATOR.exec(c);
  if (op) {
    const v = (op[2] as string).trim().replace(/^versions? /, '');
    if (!isVersion(v)) return null;
    // `<= 12.2.x.x` covers all of 12.2.*; `< 3.x` stops before 3; `>= 2.x` starts at 2.
    const wildcard = /^v?(\d+(?:\.\d+)*)(?:\.[x*])+$/.exec(v)?.[1];
    if (wildcard && (op[1] === '<=' || op[1] === '=<')) {
      return [{ end: bound(wildcard, true) }, { prefix: wildcard }];
    }
    if (wildcard && op[1] !== '!=' && op[1] !== '>') {
      return op[1] === '<'
        ? [{ end: bound(wildcard, false) }]
        : op[1]?.includes('>')
          ? [{ start: bound(wildcard, true) }]
          : [{ prefix: wildcard }];
    }
    switch (op[1]) {
      case '<':
        return [{ end: bound(v, false) }];
      case '<=':
      case '=<':
        return [{ end: bound(v, true) }];
      case '>':
        return [{ start: bound(v, false) }];
      case '>=':
      case '=>':
        return [{ start: bound(v, true) }];
      case '!=':
        return null;
      default:
        return [{ start: bound(v, true), end: bound(v, true) }];
    }
  }
  for (const [re, make] of [
    [LOWER_WORDS, (v: string) => ({ end: bound(v, false) })],
    [UPTO_WORDS, (v: string) => ({ end: bound(v, true) })],
    [AND_EARLIER, (v: string) => ({ end: bound(v, true) })],
    [AND_LATER, (v: string) => ({ start: bound(v, true) })],
    [SINCE, (v: string) => ({ start: bound(v, true) })],
  ] as const) {
    const m = re.exec(c);
    if (m && isVersion(m[1] as string)) return [make(m[1] as string)];
  }
  const between = BETWEEN.exec(c);
  if (between && isVersion(between[1] as string) && isVersion(between[2] as string)) {
    return [{ start: bound(between[1] as string, true), end: bound(between[2] as string, true) }];
  }
  const prefix = /^v?(\d+(?:\.\d+)*)(?:\.[x*])+$/.exec(c);
  if (prefix) return [{ prefix: prefix[1] as string }];
  if (isVersion(c)) return [{ start: bound(c, true), end: bound(c, true) }];
  // "Release 1.3.2 1.4.0 1.4.1": a space-separated list of dotted versions.
  const words = c.split(' ');
  if (words.length > 1 && words.every((w) => /^v?\d+(?:\.\d+)+[a-z]?$/.test(w))) {
    return words.map((w) => ({ start: bound(w, true), end: bound(w, true) }));
  }
  return null;
}

/**
 * Joins `|`-separated constraints the way `vers:` does: a lower bound followed by an upper
 * bound is one interval; anything else stands alone.
 */
function pairBounds(parts: VersionInterval[]): VersionInterval[] {
  const out: VersionInterval[] = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if (part.end && !part.start && last?.start && !last.end && !last.prefix) last.end = part.end;
    else out.push({ ...part });
  }
  return out;
}

/**
 * Parses free-text or `vers:` version ranges; null when any part is not understood (callers
 * then treat the product as "version range unknown" rather than guessing).
 * @example parseVersionRangeText('versions prior to 2.1') // { intervals: [{ end: { version: '2.1', inclusive: false } }] }
 */
export function parseVersionRangeText(text: string | null | undefined): VersionRange | null {
  if (!text) return null;
  let body = clean(text);
  const vers = /^vers:[a-z0-9.+-]+\/(.*)$/.exec(body);
  if (vers) body = (vers[1] as string).trim();
  if (!body) return null;
  const pieces = body.split(
    /\s*[|,;]\s*|\s+or\s+(?!(?:earlier|later|prior|below|above|lower|higher|newer|older)\b)/,
  );
  const intervals: VersionInterval[] = [];
  let all = false;
  for (const piece of pieces.filter(Boolean)) {
    const parsed = parseClause(piece);
    if (parsed === null) return null;
    if (parsed === 'all') all = true;
    else intervals.push(...parsed);
  }
  if (!all && !intervals.length) return null;
  return { all, intervals: pairBounds(intervals), text: text.trim() };
}

function inInterval(tokens: ReturnType<typeof versionTokens>, i: VersionInterval): boolean {
  if (i.prefix !== undefined) {
    const p = versionTokens(i.prefix);
    return p.every((t, k) => tokens[k] === t);
  }
  if (i.start) {
    const c = compareVersionTokens(tokens, versionTokens(i.start.version));
    if (c < 0 || (c === 0 && !i.start.inclusive)) return false;
  }
  if (i.end) {
    const c = compareVersionTokens(tokens, versionTokens(i.end.version));
    if (c > 0 || (c === 0 && !i.end.inclusive)) return false;
  }
  return true;
}

/** True when `version` is in the range (compared with compareVersions' rules). */
export function versionInRange(version: string, range: VersionRange): boolean {
  if (range.all) return true;
  const tokens = versionTokens(version);
  return range.intervals.some((i) => inInterval(tokens, i));
}

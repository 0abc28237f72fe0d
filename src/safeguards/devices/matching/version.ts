// Version ordering for device firmware and software versions, which follow no single scheme:
// `3.64`, `2.1.0.15`, `V1.2.3`, `10.1 SP2`, `1.2a`, `2019.3`, `R3.1`, `B.06.18`, `2024-05-01`.
//
// Rules (chosen to agree with semver and Dependency-Track where they overlap):
// 1. Case-insensitive; a leading `v`, `r`, `rev`, `ver`, `version` or `release` before a digit is
//    dropped (`V1.2` = `1.2`, `R3.1` = `3.1`; fatFS's CPE `r0.13` = `0.13`).
// 2. The rest splits into runs of digits and runs of letters; every other character
//    (`.`, `-`, `_`, `+`, space) only separates. Numbers compare numerically, any length.
// 3. Trailing zero numbers do not count: `2.1` = `2.1.0.0`.
// 4. A letter run after the common prefix makes the version later (`1.2a` > `1.2`,
//    `10.1 SP2` > `10.1`, `1.3.1 Build 13` > `1.3.1`), except pre-release words (`dev`,
//    `snapshot`, `alpha`, `beta`, `pre`, `preview`, `rc`), which make it earlier
//    (`1.0-rc1` < `1.0`), as in semver.
// 5. At the same position a number beats letters (`1.0.1` > `1.0a`, `1.0.0` > `1.0-rc1`);
//    two letter runs compare by pre-release rank, then alphabetically (`A.01` < `C.02`).

export type VersionToken = number | bigint | string;

const PRE_RELEASE: Record<string, number> = {
  dev: 1,
  snapshot: 2,
  alpha: 3,
  beta: 4,
  pre: 5,
  preview: 5,
  rc: 6,
};

const PREFIX = /^(?:version|release|rev|ver|v|r)\s*\.?\s*(?=\d)/;

/** Tokenises a version once so that many comparisons against it stay cheap. */
export function versionTokens(version: string): VersionToken[] {
  const text = version.trim().toLowerCase().replace(PREFIX, '');
  const tokens: VersionToken[] = [];
  for (const run of text.match(/\d+|[a-z]+/g) ?? []) {
    const c = run.charCodeAt(0);
    if (c >= 48 && c <= 57) tokens.push(run.length > 15 ? BigInt(run) : Number(run));
    else tokens.push(run);
  }
  return tokens;
}

const isText = (t: VersionToken | undefined): t is string => typeof t === 'string';

/** Sign of `rest` compared with nothing (rules 3 and 4). */
function compareTail(rest: readonly VersionToken[], from: number): number {
  for (let i = from; i < rest.length; i++) {
    const t = rest[i] as VersionToken;
    if (isText(t)) return PRE_RELEASE[t] ? -1 : 1;
    if (t !== 0 && t !== 0n) return 1;
  }
  return 0;
}

/** Compares two tokenised versions: negative, zero or positive. */
export function compareVersionTokens(
  a: readonly VersionToken[],
  b: readonly VersionToken[],
): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as VersionToken;
    const y = b[i] as VersionToken;
    if (x === y) continue;
    const xt = isText(x);
    const yt = isText(y);
    if (!xt && !yt) return x < y ? -1 : x > y ? 1 : 0;
    if (!xt) return 1;
    if (!yt) return -1;
    const rx = PRE_RELEASE[x] ?? 99;
    const ry = PRE_RELEASE[y] ?? 99;
    if (rx !== ry) return rx < ry ? -1 : 1;
    return x < y ? -1 : 1;
  }
  if (a.length === b.length) return 0;
  return a.length > b.length ? compareTail(a, n) : 0 - compareTail(b, n);
}

/**
 * Compares two device or software versions (see the rules above).
 * @example compareVersions('10.1 SP2', '10.1') > 0; compareVersions('V1.2', '1.2.0') === 0
 */
export function compareVersions(a: string, b: string): number {
  return compareVersionTokens(versionTokens(a), versionTokens(b));
}

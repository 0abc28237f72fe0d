import { describe, expect, it } from 'vitest';
import { evaluateConfigurations } from './configurations.ts';
import { buildNvdIndex } from './nvd-index.ts';
import { MEDFUSION, PUMP_OS, cpeMatch } from './test-fixtures.ts';

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

describe('buildNvdIndex', () => {
  it('matches a device and explains why', () => {
    const index = buildNvdIndex([
      { id: 'CVE-2017-12725', configurations: MEDFUSION },
      { id: 'CVE-2099-0001', configurations: PUMP_OS },
      { id: 'CVE-2024-34463', configurations: [] },
    ]);
    const matches = index.matchDevice({
      cpes: ['cpe:2.3:o:acme:infusion_os:3.1', 'cpe:2.3:h:acme:pump_9000:-'],
    });
    expect(matches.map((m) => m.cve)).toEqual(['CVE-2099-0001']);
    expect(matches[0]?.why).toContain('AND with platform cpe:2.3:h:acme:pump_9000:-');
    expect(index.cveCount).toBe(2); // a CVE awaiting analysis has nothing to index
  });

  it('returns the same CVEs as brute-force evaluation on random inventories', () => {
    const rnd = random(7);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T;
    const vendors = ['acme', 'medco', 'pumpy'];
    const products = ['os', 'viewer', 'pump', 'dicom'];
    const versions = ['1.0', '1.5', '2.0', '2.0.1', '2.1a', '3.0', '3.64', '10.1 sp2', '-', '*'];
    const criteria = (): string => {
      const v = rnd() < 0.05 ? '*' : pick(vendors);
      return `cpe:2.3:${pick(['a', 'o', 'h'])}:${v}:${pick(products)}:${rnd() < 0.5 ? '*' : pick(versions)}:*:*:*:*:*:*:*`;
    };
    const entry = () => {
      const bounds: Record<string, string> = {};
      if (rnd() < 0.4)
        bounds[pick(['versionStartIncluding', 'versionStartExcluding'])] = pick(
          versions.slice(0, 8),
        );
      if (rnd() < 0.6)
        bounds[pick(['versionEndIncluding', 'versionEndExcluding'])] = pick(versions.slice(0, 8));
      return cpeMatch(criteria(), { vulnerable: rnd() < 0.7, ...bounds });
    };
    const records = Array.from({ length: 400 }, (_, i) => ({
      id: `CVE-2030-${String(i).padStart(4, '0')}`,
      configurations: Array.from({ length: 1 + Math.floor(rnd() * 2) }, () => ({
        operator: rnd() < 0.5 ? ('AND' as const) : ('OR' as const),
        nodes: Array.from({ length: 1 + Math.floor(rnd() * 2) }, () => ({
          operator: rnd() < 0.8 ? ('OR' as const) : ('AND' as const),
          negate: rnd() < 0.1,
          cpeMatch: Array.from({ length: 1 + Math.floor(rnd() * 3) }, entry),
        })),
      })),
    }));
    const index = buildNvdIndex(records);
    let total = 0;
    for (let d = 0; d < 200; d++) {
      const cpes = Array.from(
        { length: 1 + Math.floor(rnd() * 5) },
        () =>
          `cpe:2.3:${pick(['a', 'o', 'h'])}:${pick(vendors)}:${pick(products)}:${pick(versions)}`,
      );
      const brute = records
        .filter((r) => evaluateConfigurations(r.configurations, cpes))
        .map((r) => r.id);
      const indexed = index.matchDevice({ cpes }).map((m) => m.cve);
      expect(indexed).toEqual(brute);
      // Asked twice (memoised lookups), the answer is the same.
      expect(index.matchDevice({ cpes }).map((m) => m.cve)).toEqual(brute);
      total += brute.length;
    }
    expect(total).toBeGreaterThan(50); // the property is exercised, not vacuous
  });

  it('equals brute force on ranges where version order is not transitive', () => {
    // '1' < '1a' < '1.0' = '1' and '1.0-rc1' < '1' < '1b' < '1.0-rc1': the sorted range
    // structure must not change these answers.
    const rnd = random(11);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T;
    const numeric = ['0', '0.0.1', '1', '1.0', '1.0.0', '1.0.5', '1.5', '2', '2.1', '2.1.0', '10'];
    const lettered = ['1a', '1b', '1.0a', '1.0-rc1', '1.0.0a', '2.1a', 'sp1', 'beta', '2.1.0-beta'];
    const records = Array.from({ length: 300 }, (_, i) => {
      const bounds: Record<string, string> = {};
      const bound = () => (rnd() < 0.85 ? pick(numeric) : pick(lettered));
      if (rnd() < 0.7) bounds[pick(['versionStartIncluding', 'versionStartExcluding'])] = bound();
      if (rnd() < 0.8) bounds[pick(['versionEndIncluding', 'versionEndExcluding'])] = bound();
      const criteria = `cpe:2.3:a:acme:${pick(['os', 'viewer'])}:*:*:*:*:*:*:*:*`;
      return {
        id: `CVE-2031-${String(i).padStart(4, '0')}`,
        configurations: [
          { nodes: [{ operator: 'OR' as const, cpeMatch: [cpeMatch(criteria, bounds)] }] },
        ],
      };
    });
    const index = buildNvdIndex(records);
    let total = 0;
    for (const version of [...numeric, ...lettered, '0.9', '1.2.3', '3', '1.0.0.0', '2.1.0.1']) {
      const cpes = [`cpe:2.3:a:acme:os:${version}`, `cpe:2.3:a:acme:viewer:${version}`];
      const brute = records
        .filter((r) => evaluateConfigurations(r.configurations, cpes))
        .map((r) => r.id);
      expect(index.matchDevice({ cpes }).map((m) => m.cve)).toEqual(brute);
      total += brute.length;
    }
    expect(total).toBeGreaterThan(100);
  });
});

import { deriveCpes } from '../inventory/cpe-candidates.ts';
import type { StoredDevice } from '../inventory/device-rows.ts';

export type MatchSource = 'nvd' | 'csaf' | 'osv';

/** One CVE a device is matched to, before enrichment. */
export interface RawMatch {
  cve: string;
  source: MatchSource;
  why: string;
  /** The CSAF advisory, when one named it. */
  advisory: string | null;
}

export interface NvdIndexLike {
  matchDevice(device: { cpes: string[] }): Array<{ cve: string; why: string }>;
}

export interface CsafAdvisoryLike {
  trackingId: string;
}

export type CsafMatcher<A> = (
  advisory: A,
  device: { manufacturer: string; model: string; version?: string },
) => Array<{ cve: string | null; advisory: string; status: string; why: string }>;

/**
 * The CPEs a device is matched with: those the inventory gives, the candidates derived from
 * manufacturer/model/version, and its SBOM components' CPEs.
 */
export function deviceCpes(device: StoredDevice, componentCpes: readonly string[]): string[] {
  return [...new Set([...device.cpes, ...deriveCpes(device), ...componentCpes])];
}

/**
 * NVD matches by CPE, then CSAF matches by manufacturer/model/version (ICSMA advisories carry
 * no CPEs). A CVE found by both keeps the NVD source and both reasons.
 */
export function matchOneDevice<A extends CsafAdvisoryLike>(
  device: StoredDevice,
  cpes: string[],
  nvd: NvdIndexLike,
  advisories: readonly A[],
  matchCsaf: CsafMatcher<A>,
): RawMatch[] {
  const found = new Map<string, RawMatch>();
  for (const m of nvd.matchDevice({ cpes })) {
    const prev = found.get(m.cve);
    if (prev) prev.why = `${prev.why}; ${m.why}`;
    else found.set(m.cve, { cve: m.cve, source: 'nvd', why: `NVD: ${m.why}`, advisory: null });
  }
  if (device.manufacturer && device.model) {
    const who = {
      manufacturer: device.manufacturer,
      model: device.model,
      ...(device.version ? { version: device.version } : {}),
    };
    for (const advisory of advisories) {
      for (const m of matchCsaf(advisory, who)) {
        if (m.status !== 'affected') continue;
        // A vulnerability the advisory gives no CVE id is tracked by the advisory's id.
        const id = m.cve ?? m.advisory;
        const why = `CSAF ${m.advisory}: ${m.why}`;
        const prev = found.get(id);
        if (prev) {
          if (!prev.why.includes(why)) prev.why = `${prev.why}; ${why}`;
          prev.advisory ??= m.advisory;
        } else found.set(id, { cve: id, source: 'csaf', why, advisory: m.advisory });
      }
    }
  }
  return [...found.values()];
}

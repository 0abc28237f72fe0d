import type { Severity } from '../../../api-types.ts';
import type { DeviceClass } from '../inventory/device-class.ts';
import type { DeviceRecord } from '../inventory/device-record.ts';

/** What the feeds know about a CVE (getCveFacts). */
export interface CveFactsLike {
  cvss: number | null;
  severity?: string | null;
  kev: boolean;
  kevRansomware?: boolean;
  epss: number | null;
}

export interface Risk {
  /** 0–100. */
  risk: number;
  exploitability: number;
  exposure: number;
  impact: number;
  /** The parts, e.g. `exploitability 69.6 (KEV 40 + EPSS 0.50×20 = 10.0 + CVSS 9.8×2 = 19.6) × ...`. */
  why: string;
}

/** Clinical impact by device class: harm to patients if the device is compromised. */
export const CLASS_IMPACT: Record<DeviceClass, number> = {
  life_critical: 1.0,
  clinical: 0.85,
  clinical_support: 0.7,
  building_iot: 0.6,
  it: 0.5,
};

const EXPOSED = /dmz|guest|internet|public|extern/i;
const ISOLATED = /isolat|quarantin|air.?gap|offline/i;

/**
 * Exposure, kept deliberately coarse (the inventory says little about reachability):
 * 1.25 internet-facing or on a DMZ/guest/internet segment; 0.75 on an isolated segment or under
 * do_not_scan (vendor-locked devices sit behind their own firewall); 1.0 otherwise.
 */
export function exposureOf(d: Pick<DeviceRecord, 'vlan' | 'internetFacing' | 'scanPolicy'>): {
  factor: number;
  reason: string;
} {
  if (d.internetFacing) return { factor: 1.25, reason: 'internet-facing' };
  if (d.vlan && EXPOSED.test(d.vlan)) return { factor: 1.25, reason: `segment ${d.vlan}` };
  if (d.vlan && ISOLATED.test(d.vlan))
    return { factor: 0.75, reason: `isolated segment ${d.vlan}` };
  if (d.scanPolicy === 'do_not_scan') return { factor: 0.75, reason: 'do_not_scan' };
  return { factor: 1, reason: d.vlan ? `internal segment ${d.vlan}` : 'internal' };
}

/**
 * risk = exploitability × exposure × clinical impact, capped at 100, where exploitability is
 * KEV 40 (+10 with known ransomware use) + EPSS × 20 + CVSS × 2 (at most 90): KEV and EPSS carry
 * as much as CVSS, as Grype's risk score does, and KEV stays a separate, stable signal because
 * EPSS swings daily.
 */
export function deviceRisk(
  facts: CveFactsLike,
  device: Pick<DeviceRecord, 'vlan' | 'internetFacing' | 'scanPolicy' | 'deviceClass' | 'phi'>,
): Risk {
  const parts: string[] = [];
  let exploitability = 0;
  if (facts.kev) {
    exploitability += 40;
    parts.push('KEV 40');
    if (facts.kevRansomware) {
      exploitability += 10;
      parts.push('ransomware 10');
    }
  }
  if (facts.epss !== null) {
    exploitability += facts.epss * 20;
    parts.push(`EPSS ${facts.epss.toFixed(2)}×20 = ${(facts.epss * 20).toFixed(1)}`);
  }
  const cvss = facts.cvss ?? fallbackCvss(facts.severity);
  if (cvss !== null) {
    exploitability += cvss * 2;
    parts.push(
      `CVSS ${cvss}×2 = ${(cvss * 2).toFixed(1)}${facts.cvss === null ? ' (from severity)' : ''}`,
    );
  }
  const exposure = exposureOf(device);
  const impact = Math.min(1.1, CLASS_IMPACT[device.deviceClass] + (device.phi ? 0.1 : 0));
  const raw = exploitability * exposure.factor * impact;
  const risk = Math.max(0, Math.min(100, Math.round(raw)));
  const why =
    `exploitability ${exploitability.toFixed(1)} (${parts.join(' + ') || 'no KEV, EPSS or CVSS data'})` +
    ` × exposure ${exposure.factor} (${exposure.reason})` +
    ` × clinical impact ${impact.toFixed(2)} (${device.deviceClass}${device.phi ? ', PHI +0.1' : ''})` +
    ` = ${risk}`;
  return { risk, exploitability, exposure: exposure.factor, impact, why };
}

/** A CVSS stand-in when only a severity word is known (CSAF-only CVEs, NVD awaiting analysis). */
function fallbackCvss(severity: string | null | undefined): number | null {
  const map: Record<string, number> = { critical: 9.0, high: 7.5, medium: 5.0, low: 2.5 };
  return severity ? (map[severity.toLowerCase()] ?? null) : null;
}

/** Finding severity from CVSS v3 bands; without a score, the feed's word, else medium. */
export function severityOf(facts: Pick<CveFactsLike, 'cvss' | 'severity'>): Severity {
  const s = facts.cvss;
  if (s !== null) {
    if (s >= 9) return 'critical';
    if (s >= 7) return 'high';
    if (s >= 4) return 'medium';
    if (s > 0) return 'low';
    return 'info';
  }
  const word = facts.severity?.toLowerCase();
  return word === 'critical' || word === 'high' || word === 'medium' || word === 'low'
    ? word
    : 'medium';
}

// Analyst decisions (VEX) applied to matches, and their export as CycloneDX VEX (1.5/1.6
// `vulnerabilities[].analysis`). A rejected false positive must stay rejected across re-matching,
// so decisions are keyed by (device, CVE), never by match id.

export interface VexDecision {
  /** The device (or `*` for every device) the decision is about. */
  deviceKey: string;
  cve: string;
  status: 'not_affected' | 'affected';
  /** A CycloneDX justification (e.g. `code_not_reachable`) or free text. */
  justification: string;
}

export type WithVex<M> = M & { vex?: { status: VexDecision['status']; justification: string } };

const key = (device: string, cve: string) => `${device}\u0000${cve.toUpperCase()}`;

/**
 * Splits matches into `active` (with any `affected` confirmation attached) and `suppressed`
 * (a `not_affected` decision exists for that device, or for `*`, and that CVE).
 */
export function applyDecisions<M extends { deviceKey: string; cve: string | null }>(
  matches: readonly M[],
  decisions: readonly VexDecision[],
): { active: WithVex<M>[]; suppressed: WithVex<M>[] } {
  const byKey = new Map<string, VexDecision>();
  for (const d of decisions) byKey.set(key(d.deviceKey, d.cve), d); // the latest decision wins
  const active: WithVex<M>[] = [];
  const suppressed: WithVex<M>[] = [];
  for (const m of matches) {
    const d = m.cve
      ? (byKey.get(key(m.deviceKey, m.cve)) ?? byKey.get(key('*', m.cve)))
      : undefined;
    if (!d) active.push(m);
    else {
      const tagged = { ...m, vex: { status: d.status, justification: d.justification } };
      (d.status === 'not_affected' ? suppressed : active).push(tagged);
    }
  }
  return { active, suppressed };
}

// CycloneDX 1.5 `impactAnalysisJustification`.
const JUSTIFICATIONS = new Set([
  'code_not_present',
  'code_not_reachable',
  'requires_configuration',
  'requires_dependency',
  'requires_environment',
  'protected_by_compiler',
  'protected_at_runtime',
  'protected_at_perimeter',
  'protected_by_mitigating_control',
]);

export interface VexEntry {
  cve: string;
  /** bom-ref of the affected component or device. */
  ref: string;
  status: 'not_affected' | 'affected' | 'fixed' | 'under_investigation';
  justification?: string;
  detail?: string;
}

const STATE: Record<VexEntry['status'], string> = {
  not_affected: 'not_affected',
  affected: 'exploitable',
  fixed: 'resolved',
  under_investigation: 'in_triage',
};

/**
 * CycloneDX VEX document: one vulnerability per (CVE, state, justification), listing every
 * affected ref. Serial number and timestamp are inputs so the function stays pure.
 */
export function toCycloneDxVex(
  entries: readonly VexEntry[],
  opts: { specVersion?: '1.5' | '1.6'; serialNumber?: string; timestamp?: string } = {},
): Record<string, unknown> {
  const groups = new Map<string, { entry: VexEntry; refs: string[] }>();
  for (const e of entries) {
    const k = [e.cve, e.status, e.justification ?? '', e.detail ?? ''].join('\u0000');
    const g = groups.get(k);
    if (g) {
      if (!g.refs.includes(e.ref)) g.refs.push(e.ref);
    } else groups.set(k, { entry: e, refs: [e.ref] });
  }
  const vulnerabilities = [...groups.values()].map(({ entry, refs }) => {
    const known = entry.justification && JUSTIFICATIONS.has(entry.justification);
    const detail = [known ? undefined : entry.justification, entry.detail]
      .filter(Boolean)
      .join('; ');
    return {
      id: entry.cve,
      ...(entry.cve.startsWith('CVE-')
        ? { source: { name: 'NVD', url: `https://nvd.nist.gov/vuln/detail/${entry.cve}` } }
        : {}),
      analysis: {
        state: STATE[entry.status],
        ...(known ? { justification: entry.justification } : {}),
        ...(detail ? { detail } : {}),
      },
      affects: refs.map((ref) => ({ ref })),
    };
  });
  return {
    bomFormat: 'CycloneDX',
    specVersion: opts.specVersion ?? '1.6',
    ...(opts.serialNumber ? { serialNumber: opts.serialNumber } : {}),
    version: 1,
    ...(opts.timestamp ? { metadata: { timestamp: opts.timestamp } } : {}),
    vulnerabilities,
  };
}

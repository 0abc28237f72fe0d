import type { FindingInput } from '../../../core/index.ts';
import {
  getCveFacts,
  loadCsafAdvisories,
  loadNvdConfigurations,
  type CsafAdvisorySummary,
} from '../feeds/index.ts';
import { buildNvdIndex, matchCsafAdvisory, type CsafAdvisory } from '../matching/index.ts';
import { listDecisions } from '../inventory/device-decisions.ts';
import type { DevicesDeps } from '../inventory/device-deps.ts';
import { loadDevices, type StoredDevice } from '../inventory/device-rows.ts';
import { deviceCpes, matchOneDevice, type MatchSource, type RawMatch } from './device-matches.ts';
import { deviceRisk, severityOf, type Risk } from './risk.ts';

/** The findings tool of device vulnerability matching; toolId is the CVE id. */
export const DEVICES_TOOL = 'ward-devices';

/** One (device, vulnerability) of a matching run: the CLI's `ward devices vulns --json` line. */
export interface DeviceVulnMatch {
  device: {
    id: string;
    name: string;
    manufacturer: string | null;
    model: string | null;
    version: string | null;
  };
  cve: string;
  source: MatchSource;
  kev: boolean;
  cvss: number | null;
  epss: number | null;
  risk: number;
  riskWhy: string;
  why: string;
  findingId: string;
}

const CVE = /^CVE-\d{4}-\d{4,}$/;

/**
 * Matches every device against the imported feeds: its CPEs (given, derived, SBOM) against NVD
 * configurations, its manufacturer/model/version against CSAF advisories. Matches decided
 * not_affected (VEX) are dropped. Each remaining (device, CVE) is recorded as a finding with
 * why and risk; findings of earlier runs no longer matched are closed as fixed. The results
 * replace the stored matches (device_vulns). Riskiest first.
 */
export async function matchDeviceVulns(
  deps: DevicesDeps,
  opts: { actor?: string } = {},
): Promise<DeviceVulnMatch[]> {
  const actor = opts.actor ?? DEVICES_TOOL;
  const devices = await loadDevices(deps.db);
  const components = await componentCpes(deps);
  const records = [];
  for await (const r of loadNvdConfigurations(deps.db)) records.push(r);
  const nvd = buildNvdIndex(records);
  const advisories = (await loadCsafAdvisories(deps.db)).map(toMatcherAdvisory);
  const dropped = new Map<string, string>(
    (await listDecisions(deps.db))
      .filter((d) => d.status === 'not_affected')
      .map((d) => [`${d.deviceId}|${d.cve}`, d.justification ?? ''] as const),
  );

  const raw: Array<{ device: StoredDevice; match: RawMatch }> = [];
  for (const device of devices) {
    const cpes = deviceCpes(device, components.get(device.id) ?? []);
    for (const match of matchOneDevice(device, cpes, nvd, advisories, matchCsafAdvisory)) {
      if (!dropped.has(`${device.id}|${match.cve}`)) raw.push({ device, match });
    }
  }
  const facts = await getCveFacts(deps.db, [...new Set(raw.map((r) => r.match.cve))]);
  const scored = raw.map(({ device, match }) => {
    const f = facts.get(match.cve);
    const cveFacts = {
      cvss: f?.cvss ?? null,
      severity: f?.severity ?? null,
      kev: f?.kev ?? false,
      kevRansomware: f?.kevRansomware ?? false,
      epss: f?.epss ?? null,
    };
    return {
      device,
      match,
      facts: cveFacts,
      description: f?.description ?? '',
      kevDueDate: f?.kevDueDate ?? null,
      risk: deviceRisk(cveFacts, device),
    };
  });

  const recorded = await deps.core.recordFindings(
    scored.map((s) => findingInput(s)),
    actor,
  );
  const now = deps.clock.now();
  const results: DeviceVulnMatch[] = scored.map((s, i) => ({
    device: {
      id: s.device.id,
      name: s.device.name,
      manufacturer: s.device.manufacturer,
      model: s.device.model,
      version: s.device.version,
    },
    cve: s.match.cve,
    source: s.match.source,
    kev: s.facts.kev,
    cvss: s.facts.cvss,
    epss: s.facts.epss,
    risk: s.risk.risk,
    riskWhy: s.risk.why,
    why: s.match.why,
    findingId: recorded[i]!.id,
  }));
  const previous = await replaceStoredMatches(deps, results, now);
  const current = new Set(results.map((r) => r.findingId));
  const stale = [...previous].filter(([id]) => !current.has(id));
  // Decided not affected: a false positive with the decision as justification. Otherwise the
  // device or the feeds changed and the match went away: fixed.
  const fixed = stale.filter(([, key]) => !dropped.has(key)).map(([id]) => id);
  if (fixed.length) {
    await deps.core.updateFindingsStatus(fixed, 'fixed', actor, {
      note: 'no longer matched: the device or the vulnerability feeds changed',
    });
  }
  for (const [id, key] of stale.filter(([, k]) => dropped.has(k))) {
    await deps.core.updateFinding(
      id,
      {
        status: 'false_positive',
        justification: `VEX not_affected: ${dropped.get(key) || 'decided'}`,
      },
      actor,
    );
  }
  deps.log.info(
    { devices: devices.length, matches: results.length, closed: stale.length },
    'device vulnerabilities matched',
  );
  return results.sort(
    (a, b) =>
      b.risk - a.risk || a.device.name.localeCompare(b.device.name) || a.cve.localeCompare(b.cve),
  );
}

function findingInput(s: {
  device: StoredDevice;
  match: RawMatch;
  facts: { cvss: number | null; severity: string | null; kev: boolean };
  description: string;
  kevDueDate: string | null;
  risk: Risk;
}): FindingInput {
  const d = s.device;
  const what = [d.manufacturer, d.model].filter(Boolean).join(' ') || d.name;
  const solution = [
    s.match.advisory
      ? `Follow the manufacturer's guidance in ${s.match.advisory}.`
      : "Apply the manufacturer's patch or mitigation.",
    s.facts.kev
      ? `Listed in CISA KEV${s.kevDueDate ? ` (federal due date ${s.kevDueDate})` : ''}: remediate out of band.`
      : '',
  ]
    .filter(Boolean)
    .join(' ');
  return {
    safeguard: 'devices',
    source: 'analyzer',
    tool: DEVICES_TOOL,
    toolId: s.match.cve,
    title: `${s.match.cve} on ${what}`,
    description: s.description || `${s.match.cve} affects ${what}.`,
    solution,
    severity: severityOf(s.facts),
    cvssScore: s.facts.cvss,
    cves: CVE.test(s.match.cve) ? [s.match.cve] : [],
    assetId: d.id,
    evidence: `${s.match.why}\nRisk ${s.risk.risk}/100: ${s.risk.why}`,
  };
}

/** The stored advisory in the matcher's shape: a range text goes to versionRange. */
function toMatcherAdvisory(a: CsafAdvisorySummary): CsafAdvisory {
  return {
    trackingId: a.trackingId,
    products: a.products.map((p) => ({
      productId: p.productId,
      vendor: p.vendor ?? '',
      product: p.product ?? p.productFamily ?? p.fullName,
      version: p.versionIsRange ? null : p.version,
      versionRange: p.versionIsRange ? p.version : null,
      fullName: p.fullName,
    })),
    vulnerabilities: a.vulnerabilities,
  };
}

async function componentCpes(deps: DevicesDeps): Promise<Map<string, string[]>> {
  const rows = await deps.db.query<{ device_id: string; cpes: string[] }>(
    `SELECT device_id, array_agg(DISTINCT cpe) AS cpes FROM device_components WHERE cpe IS NOT NULL GROUP BY device_id`,
  );
  return new Map(rows.map((r) => [r.device_id, r.cpes]));
}

/**
 * Replaces the stored matches with this run's; returns the previous run's finding ids with
 * their `device|cve` keys.
 */
async function replaceStoredMatches(
  deps: DevicesDeps,
  results: readonly DeviceVulnMatch[],
  now: Date,
): Promise<Map<string, string>> {
  return deps.db.transaction(async (tx) => {
    const before = await tx.query<{ finding_id: string; device_id: string; cve: string }>(
      'SELECT finding_id, device_id, cve FROM device_vulns WHERE finding_id IS NOT NULL',
    );
    await tx.query('DELETE FROM device_vulns');
    if (results.length) {
      await tx.query(
        `INSERT INTO device_vulns (device_id, cve, source, why, kev, cvss, epss, risk, risk_why, finding_id, matched_at)
         SELECT device_id, cve, source, why, kev, cvss, epss, risk, risk_why, finding_id, $2
         FROM json_to_recordset($1::json) AS t(device_id uuid, cve text, source text, why text, kev boolean,
           cvss numeric, epss real, risk smallint, risk_why text, finding_id uuid)
         ON CONFLICT (device_id, cve) DO NOTHING`,
        [
          JSON.stringify(
            results.map((r) => ({
              device_id: r.device.id,
              cve: r.cve,
              source: r.source,
              why: r.why,
              kev: r.kev,
              cvss: r.cvss,
              epss: r.epss,
              risk: r.risk,
              risk_why: r.riskWhy,
              finding_id: r.findingId,
            })),
          ),
          now,
        ],
      );
    }
    return new Map(before.map((r) => [r.finding_id, `${r.device_id}|${r.cve}`]));
  });
}

import { randomUUID } from 'node:crypto';
import type { VulnDecision } from '../inventory/device-decisions.ts';
import type { StoredDevice } from '../inventory/device-rows.ts';
import { toCycloneDxVex } from '../matching/index.ts';

/**
 * The VEX decisions as a CycloneDX 1.5 BOM: the matcher's vulnerabilities[] (grouped by CVE and
 * state), plus the devices as components so that every `affects` ref resolves.
 */
export function decisionsToCycloneDxVex(
  decisions: readonly VulnDecision[],
  devices: ReadonlyMap<string, StoredDevice>,
  now: Date,
): Record<string, unknown> {
  const vex = toCycloneDxVex(
    decisions.map((x) => ({
      cve: x.cve,
      ref: `device:${x.deviceId}`,
      status: x.status,
      ...(x.justification ? { justification: x.justification } : {}),
    })),
    { specVersion: '1.5', serialNumber: `urn:uuid:${randomUUID()}`, timestamp: now.toISOString() },
  );
  const used = [...new Set(decisions.map((d) => d.deviceId))];
  const components = used.map((id) => {
    const d = devices.get(id);
    return {
      'bom-ref': `device:${id}`,
      type: 'device',
      name: d?.model ?? d?.name ?? id,
      ...(d?.manufacturer ? { supplier: { name: d.manufacturer } } : {}),
      ...(d?.version ? { version: d.version } : {}),
      ...(d?.cpes[0] ? { cpe: d.cpes[0] } : {}),
      properties: [{ name: 'ward:device:name', value: d?.name ?? id }],
    };
  });
  const { vulnerabilities, ...head } = vex;
  return { ...head, components, vulnerabilities };
}

import type { DevicesDeps } from './device-deps.ts';
import { DeviceInputError } from './device-errors.ts';
import { resolveDevice } from './device-queries.ts';

export interface SbomComponent {
  name: string;
  version: string | null;
  purl: string | null;
  cpe: string | null;
  supplier: string | null;
}

export interface SbomImportResult {
  deviceId: string;
  deviceName: string;
  fileName: string;
  specVersion: string;
  components: number;
  withCpe: number;
  /** NTIA minimum elements missing: components without a supplier or a version. */
  withoutSupplier: number;
  withoutVersion: number;
}

/**
 * Reads a CycloneDX 1.4–1.6 JSON SBOM: `components[]` and their nested components, flattened.
 * Medical-device SBOMs often lack suppliers; that is reported, not refused.
 */
export function parseCycloneDx(
  fileName: string,
  text: string | Buffer,
): { specVersion: string; components: SbomComponent[] } {
  let doc: unknown;
  try {
    doc = JSON.parse(typeof text === 'string' ? text : text.toString('utf8'));
  } catch (err) {
    throw new DeviceInputError({ file: fileName }, `not valid JSON: ${(err as Error).message}`);
  }
  const o = doc as Record<string, unknown>;
  if (typeof doc !== 'object' || doc === null || o['bomFormat'] !== 'CycloneDX')
    throw new DeviceInputError(
      { file: fileName },
      'expected a CycloneDX JSON SBOM ("bomFormat": "CycloneDX")',
    );
  const specVersion = String(o['specVersion'] ?? '');
  if (!/^1\.[4-6]$/.test(specVersion))
    throw new DeviceInputError(
      { file: fileName },
      `CycloneDX ${specVersion || '(no specVersion)'} is not supported; expected 1.4, 1.5 or 1.6`,
    );
  const out: SbomComponent[] = [];
  const walk = (list: unknown, path: string) => {
    if (list === undefined) return;
    if (!Array.isArray(list))
      throw new DeviceInputError({ file: fileName }, `${path}: expected an array`);
    list.forEach((c: unknown, i) => {
      const at = `${path}[${i}]`;
      if (typeof c !== 'object' || c === null)
        throw new DeviceInputError({ file: fileName }, `${at}: expected an object`);
      const r = c as Record<string, unknown>;
      if (typeof r['name'] !== 'string' || !r['name'].trim())
        throw new DeviceInputError({ file: fileName }, `${at}.name: required`);
      const supplier = r['supplier'] as { name?: unknown } | undefined;
      out.push({
        name: r['name'].trim(),
        version: str(r['version']),
        purl: str(r['purl']),
        cpe: str(r['cpe']),
        supplier: str(supplier?.name) ?? str(r['publisher']),
      });
      walk(r['components'], `${at}.components`);
    });
  };
  walk(o['components'], 'components');
  return { specVersion, components: out };
}

/** Attaches an SBOM to a device, replacing the components of its previous SBOM. Audited. */
export async function importSbom(
  deps: DevicesDeps,
  input: { deviceId: string; fileName: string; text: string | Buffer; actor: string },
): Promise<SbomImportResult> {
  const { specVersion, components } = parseCycloneDx(input.fileName, input.text);
  const device = await resolveDevice(deps.db, input.deviceId);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const [before] = await tx.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM device_components WHERE device_id = $1',
      [device.id],
    );
    await tx.query('DELETE FROM device_components WHERE device_id = $1', [device.id]);
    await tx.query(
      `INSERT INTO device_components (device_id, name, version, purl, cpe, supplier, sbom, added_at)
       SELECT $2, name, version, purl, cpe, supplier, $3, $4
       FROM json_to_recordset($1::json) AS t(name text, version text, purl text, cpe text, supplier text)`,
      [JSON.stringify(components), device.id, input.fileName, now],
    );
    await tx.query(
      `INSERT INTO device_history (device_id, field, old_value, new_value, source, changed_by, changed_at)
       VALUES ($1, 'sbom', $2, $3, $4, $5, $6)`,
      [
        device.id,
        `${Number(before?.n ?? 0)} components`,
        `${components.length} components`,
        input.fileName,
        input.actor,
        now,
      ],
    );
    await deps.audit.append(
      {
        actor: input.actor,
        action: 'devices.sbom.import',
        target: device.id,
        detail: { file: input.fileName, components: components.length },
      },
      tx,
    );
  });
  return {
    deviceId: device.id,
    deviceName: device.name,
    fileName: input.fileName,
    specVersion,
    components: components.length,
    withCpe: components.filter((c) => c.cpe).length,
    withoutSupplier: components.filter((c) => !c.supplier).length,
    withoutVersion: components.filter((c) => !c.version).length,
  };
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() ? v.trim() : null;
}

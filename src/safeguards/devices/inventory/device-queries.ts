import type { Page } from '../../../api-types.ts';
import { escapeLike, isUuid, type Queryable, type SqlParam } from '../../../platform/db/index.ts';
import { notFound } from '../../../platform/http/index.ts';
import {
  DEVICE_COLUMNS,
  toStoredDevice,
  type DeviceRow,
  type StoredDevice,
} from './device-rows.ts';

export interface DeviceListItem extends StoredDevice {
  /** The highest risk of its current vulnerability matches (null: none, or never matched). */
  risk: number | null;
  vulns: number;
  kev: number;
}

export interface DeviceVuln {
  cve: string;
  source: 'nvd' | 'csaf' | 'osv';
  why: string;
  kev: boolean;
  cvss: number | null;
  epss: number | null;
  risk: number;
  riskWhy: string;
  findingId: string | null;
  matchedAt: string;
}

export interface DeviceDetail extends StoredDevice {
  components: Array<{
    name: string;
    version: string | null;
    purl: string | null;
    cpe: string | null;
    supplier: string | null;
    sbom: string;
  }>;
  vulns: DeviceVuln[];
  decisions: Array<{
    cve: string;
    status: string;
    justification: string | null;
    decidedBy: string;
    decidedAt: string;
  }>;
  history: Array<{
    field: string;
    oldValue: string | null;
    newValue: string | null;
    source: string;
    changedBy: string;
    changedAt: string;
  }>;
}

export interface DeviceQuery {
  /** Part of the name, manufacturer or model; or an exact IP or MAC. */
  q?: string;
  deviceClass?: string;
  limit?: number;
  offset?: number;
}

/** Devices, riskiest first, then by name. */
export async function listDevices(
  db: Queryable,
  query: DeviceQuery,
): Promise<Page<DeviceListItem>> {
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
  const offset = Math.max(query.offset ?? 0, 0);
  const clauses: string[] = [];
  const params: SqlParam[] = [];
  const bind = (v: SqlParam) => `$${params.push(v)}`;
  if (query.deviceClass) clauses.push(`d.device_class = ${bind(query.deviceClass)}`);
  const q = query.q?.trim();
  if (q) {
    const like = bind(`%${escapeLike(q.toLowerCase())}%`);
    clauses.push(
      `(lower(d.name) LIKE ${like} OR lower(d.manufacturer) LIKE ${like} OR lower(d.model) LIKE ${like}
        OR d.ip = ${bind(q)} OR d.mac = ${bind(q.toUpperCase())})`,
    );
  }
  const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
  const [count] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM devices d ${where}`,
    params,
  );
  const rows = await db.query<DeviceRow & { risk: number | null; vulns: number; kev: number }>(
    `SELECT ${DEVICE_COLUMNS}, v.risk, coalesce(v.vulns, 0)::int AS vulns, coalesce(v.kev, 0)::int AS kev
     FROM devices d
     LEFT JOIN (SELECT device_id, max(risk)::int AS risk, count(*) AS vulns, count(*) FILTER (WHERE kev) AS kev
                FROM device_vulns GROUP BY device_id) v ON v.device_id = d.asset_id
     ${where}
     ORDER BY v.risk DESC NULLS LAST, lower(d.name), d.asset_id LIMIT ${limit} OFFSET ${offset}`,
    params,
  );
  return {
    items: rows.map((r) => ({
      ...toStoredDevice(r),
      risk: r.risk === null ? null : Number(r.risk),
      vulns: Number(r.vulns),
      kev: Number(r.kev),
    })),
    total: Number(count?.n ?? 0),
    limit,
    offset,
  };
}

/** A device by id, or by exact name (case aside) for the command line. 404 otherwise. */
export async function resolveDevice(db: Queryable, ref: string): Promise<StoredDevice> {
  const rows = isUuid(ref)
    ? await db.query<DeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM devices d WHERE d.asset_id = $1`, [
        ref,
      ])
    : await db.query<DeviceRow>(
        `SELECT ${DEVICE_COLUMNS} FROM devices d WHERE lower(d.name) = lower($1) ORDER BY d.created_at LIMIT 2`,
        [ref],
      );
  if (rows.length > 1)
    throw notFound(`device "${ref}" is ambiguous: several devices have that name; use its id`);
  if (!rows[0]) throw notFound(`device ${JSON.stringify(ref)}`);
  return toStoredDevice(rows[0]);
}

/** Identity, SBOM components, current vulnerabilities with why, VEX decisions and history. */
export async function getDeviceDetail(db: Queryable, id: string): Promise<DeviceDetail> {
  const device = await resolveDevice(db, id);
  const components = await db.query<DeviceDetail['components'][number]>(
    `SELECT name, version, purl, cpe, supplier, sbom FROM device_components WHERE device_id = $1 ORDER BY lower(name), version`,
    [device.id],
  );
  const vulns = await db.query<{
    cve: string;
    source: DeviceVuln['source'];
    why: string;
    kev: boolean;
    cvss: string | null;
    epss: number | null;
    risk: number;
    risk_why: string;
    finding_id: string | null;
    matched_at: Date;
  }>(
    `SELECT cve, source, why, kev, cvss, epss, risk, risk_why, finding_id, matched_at
     FROM device_vulns WHERE device_id = $1 ORDER BY risk DESC, cve`,
    [device.id],
  );
  const decisions = await db.query<{
    cve: string;
    status: string;
    justification: string | null;
    decided_by: string;
    decided_at: Date;
  }>(
    `SELECT cve, status, justification, decided_by, decided_at FROM device_vuln_decisions WHERE device_id = $1 ORDER BY cve`,
    [device.id],
  );
  const history = await db.query<{
    field: string;
    old_value: string | null;
    new_value: string | null;
    source: string;
    changed_by: string;
    changed_at: Date;
  }>(
    `SELECT field, old_value, new_value, source, changed_by, changed_at FROM device_history WHERE device_id = $1 ORDER BY changed_at DESC, id DESC`,
    [device.id],
  );
  return {
    ...device,
    components,
    vulns: vulns.map((v) => ({
      cve: v.cve,
      source: v.source,
      why: v.why,
      kev: v.kev,
      cvss: v.cvss === null ? null : Number(v.cvss),
      epss: v.epss,
      risk: Number(v.risk),
      riskWhy: v.risk_why,
      findingId: v.finding_id,
      matchedAt: new Date(v.matched_at).toISOString(),
    })),
    decisions: decisions.map((d) => ({
      cve: d.cve,
      status: d.status,
      justification: d.justification,
      decidedBy: d.decided_by,
      decidedAt: new Date(d.decided_at).toISOString(),
    })),
    history: history.map((h) => ({
      field: h.field,
      oldValue: h.old_value,
      newValue: h.new_value,
      source: h.source,
      changedBy: h.changed_by,
      changedAt: new Date(h.changed_at).toISOString(),
    })),
  };
}

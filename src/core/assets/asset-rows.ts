import type { Asset } from '../../api-types.ts';
import { toIso, toNumber } from '../../platform/db/index.ts';

/** Asset columns plus its count of open findings (open or in progress); `a` is assets. */
export const ASSET_COLUMNS = `a.id, a.type, a.name, a.ips, a.macs, a.hostnames, a.fqdn, a.email, a.owner, a.department,
  a.location, a.criticality, a.tags, a.os, a.first_seen, a.last_seen,
  (SELECT count(*)::int FROM findings f WHERE f.asset_id = a.id AND f.status IN ('open', 'in_progress')) AS open_findings`;

/** A row of ASSET_COLUMNS: the asset's own fields, its timestamps and open-finding count as stored. */
export type AssetRow = Omit<Asset, 'firstSeen' | 'lastSeen' | 'openFindings'> & {
  first_seen: Date | string;
  last_seen: Date | string;
  open_findings: number | string;
};

export function toAsset(r: AssetRow): Asset {
  return {
    id: r.id,
    type: r.type,
    name: r.name,
    ips: r.ips,
    macs: r.macs,
    hostnames: r.hostnames,
    fqdn: r.fqdn,
    email: r.email,
    owner: r.owner,
    department: r.department,
    location: r.location,
    criticality: r.criticality,
    tags: r.tags,
    os: r.os,
    firstSeen: toIso(r.first_seen),
    lastSeen: toIso(r.last_seen),
    openFindings: toNumber(r.open_findings),
  };
}

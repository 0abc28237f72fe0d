import type { Asset, AssetType, Criticality } from '../../api-types.ts';
import { toIso, toNumber } from '../db-values.ts';

/** Asset columns plus its count of open findings (open or in progress); `a` is assets. */
export const ASSET_COLUMNS = `a.id, a.type, a.name, a.ips, a.macs, a.hostnames, a.fqdn, a.email, a.owner, a.department,
  a.location, a.criticality, a.tags, a.os, a.first_seen, a.last_seen,
  (SELECT count(*)::int FROM findings f WHERE f.asset_id = a.id AND f.status IN ('open', 'in_progress')) AS open_findings`;

export interface AssetRow {
  id: string;
  type: AssetType;
  name: string;
  ips: string[];
  macs: string[];
  hostnames: string[];
  fqdn: string | null;
  email: string | null;
  owner: string | null;
  department: string | null;
  location: string | null;
  criticality: Criticality;
  tags: string[];
  os: string | null;
  first_seen: Date | string;
  last_seen: Date | string;
  open_findings: number | string;
}

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

import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../platform/db/index.ts';
import type { ScanHost } from '../scans/scan-types.ts';
import { mergeValues, normaliseHostname, normaliseIp, normaliseMac } from './asset-identifiers.ts';

/** A scanned host's identifiers in normal form. */
export interface HostIdentity {
  ip: string | null;
  mac: string | null;
  /** Host names and the FQDN, lower case. */
  names: string[];
  fqdn: string | null;
  os: string | null;
}

/** What matching needs to know about an asset (kept in memory for one batch). */
export interface AssetIdentity {
  id: string;
  ips: string[];
  macs: string[];
  hostnames: string[];
  fqdn: string | null;
  os: string | null;
  lastSeen: number;
}

/** Only device-like assets are matched against scanned hosts (a vendor's domain is not a host). */
const SCANNABLE_TYPES = `('host', 'medical_device', 'iot_device')`;

export function hostIdentity(host: ScanHost): HostIdentity | null {
  const ip = host.ip ? normaliseIp(host.ip) : null;
  const mac = host.mac ? normaliseMac(host.mac) : null;
  const fqdn = host.fqdn ? normaliseHostname(host.fqdn) : null;
  // Nessus puts the Windows (NetBIOS) name among its host properties; it is the name people
  // use for the machine, so it counts as a host name for matching.
  const netbios = host.extra?.['netbios-name'];
  const names = mergeValues(
    [...host.hostnames, ...(netbios ? [netbios] : [])]
      .map(normaliseHostname)
      .filter((n): n is string => n !== null),
    fqdn ? [fqdn] : [],
  );
  if (!ip && !mac && names.length === 0) return null;
  return { ip, mac, names, fqdn, os: host.os?.trim() || null };
}

function namesOf(a: AssetIdentity): string[] {
  return a.fqdn ? mergeValues(a.hostnames, [a.fqdn]) : a.hostnames;
}

const overlaps = (a: readonly string[], b: readonly string[]) => a.some((x) => b.includes(x));

/**
 * The asset a host is, by the strongest identifier both have:
 * 1. the MAC address;
 * 2. the IP address together with a host name;
 * 3. the IP address alone;
 * 4. a host name or the FQDN.
 * An address alone is weak evidence (DHCP hands it to the next device), so step 3 refuses an
 * asset whose identity contradicts the host's: a different MAC on both sides, or names on both
 * sides with none in common. Such a host then matches by name (step 4) or becomes a new asset.
 * A name alone (step 4) is refused too when both sides have MACs (which step 1 found to
 * differ): generic names such as `ws-001` repeat across sites and subnets, and two devices with
 * different hardware addresses are two devices.
 * Among several candidates of one step, the most recently seen wins.
 */
export function matchHost(
  h: HostIdentity,
  candidates: readonly AssetIdentity[],
): AssetIdentity | null {
  const newest = (list: AssetIdentity[]) => list.sort((x, y) => y.lastSeen - x.lastSeen)[0] ?? null;
  if (h.mac) {
    const byMac = candidates.filter((a) => a.macs.includes(h.mac!));
    if (byMac.length) return newest(byMac);
  }
  const byName = candidates.filter((a) => overlaps(h.names, namesOf(a)));
  if (h.ip) {
    const byIp = candidates.filter((a) => a.ips.includes(h.ip!));
    const withName = byIp.filter((a) => byName.includes(a));
    if (withName.length) return newest(withName);
    const contradicts = (a: AssetIdentity) =>
      (h.mac !== null && a.macs.length > 0) || (h.names.length > 0 && namesOf(a).length > 0);
    const ipOnly = byIp.filter((a) => !contradicts(a));
    if (ipOnly.length) return newest(ipOnly);
  }
  return newest(h.mac ? byName.filter((a) => a.macs.length === 0) : byName);
}

/**
 * Resolves a batch of scanned hosts to asset ids (null for a host with no identifier at all),
 * creating assets for new hosts (`created`) and merging new identifiers into known ones. One query finds
 * every candidate, one inserts the new assets and one updates the known ones, whatever the
 * batch size. Hosts earlier in the batch are candidates for later ones, so a host listed twice
 * in a file becomes one asset.
 */
export async function resolveHostAssets(
  tx: Queryable,
  hosts: readonly ScanHost[],
  now: Date,
): Promise<{ ids: (string | null)[]; created: Set<string> }> {
  const identities = hosts.map(hostIdentity);
  const ips = new Set<string>();
  const macs = new Set<string>();
  const names = new Set<string>();
  for (const h of identities) {
    if (!h) continue;
    if (h.ip) ips.add(h.ip);
    if (h.mac) macs.add(h.mac);
    for (const n of h.names) names.add(n);
  }
  const rows = await tx.query<Omit<AssetIdentity, 'lastSeen'> & { last_seen: Date | string }>(
    `SELECT id, ips, macs, hostnames, fqdn, os, last_seen FROM assets
     WHERE type IN ${SCANNABLE_TYPES} AND (macs && $1::text[] OR ips && $2::text[] OR hostnames && $3::text[] OR lower(fqdn) = ANY($3::text[]))`,
    [[...macs], [...ips], [...names]],
  );
  const known: AssetIdentity[] = rows.map((r) => ({
    ...r,
    lastSeen: new Date(r.last_seen).getTime(),
  }));
  const created: AssetIdentity[] = [];
  const changed = new Set<AssetIdentity>();
  const result = identities.map((h) => {
    if (!h) return null;
    const pool = [...known, ...created];
    const match = matchHost(
      h,
      pool.filter((a) => related(h, a)),
    );
    if (!match) {
      const asset: AssetIdentity = {
        id: randomUUID(),
        ips: h.ip ? [h.ip] : [],
        macs: h.mac ? [h.mac] : [],
        hostnames: h.names.filter((n) => n !== h.fqdn),
        fqdn: h.fqdn,
        os: h.os,
        lastSeen: now.getTime(),
      };
      created.push(asset);
      return asset.id;
    }
    match.fqdn ??= h.fqdn;
    match.ips = mergeValues(match.ips, h.ip ? [h.ip] : []);
    match.macs = mergeValues(match.macs, h.mac ? [h.mac] : []);
    match.hostnames = mergeValues(
      match.hostnames,
      h.names.filter((n) => n !== match.fqdn),
    );
    match.os = h.os ?? match.os;
    match.lastSeen = now.getTime();
    if (!created.includes(match)) changed.add(match);
    return match.id;
  });
  await insertScannedAssets(tx, created, identities, result, now);
  await updateScannedAssets(tx, [...changed], now);
  return { ids: result, created: new Set(created.map((a) => a.id)) };
}

function related(h: HostIdentity, a: AssetIdentity): boolean {
  return (
    (h.mac !== null && a.macs.includes(h.mac)) ||
    (h.ip !== null && a.ips.includes(h.ip)) ||
    overlaps(h.names, namesOf(a))
  );
}

async function insertScannedAssets(
  tx: Queryable,
  created: readonly AssetIdentity[],
  identities: readonly (HostIdentity | null)[],
  result: readonly (string | null)[],
  now: Date,
): Promise<void> {
  if (created.length === 0) return;
  const rows = created.map((a) => {
    const h = identities[result.indexOf(a.id)]!;
    // The short name people say ("fs01-000"), else the FQDN, else the address.
    const name =
      h.names.find((n) => !n.includes('.')) ?? h.fqdn ?? h.names[0] ?? h.ip ?? h.mac ?? a.id;
    return { ...a, name };
  });
  await tx.query(
    `INSERT INTO assets (id, type, name, ips, macs, hostnames, fqdn, os, first_seen, last_seen, created_at, updated_at)
     SELECT id, 'host', name, ips, macs, hostnames, fqdn, os, $2, $2, $2, $2
     FROM json_to_recordset($1::json) AS t(id uuid, name text, ips text[], macs text[], hostnames text[], fqdn text, os text)`,
    [JSON.stringify(rows), now],
  );
}

async function updateScannedAssets(
  tx: Queryable,
  changed: readonly AssetIdentity[],
  now: Date,
): Promise<void> {
  if (changed.length === 0) return;
  await tx.query(
    `UPDATE assets a SET ips = t.ips, macs = t.macs, hostnames = t.hostnames, fqdn = t.fqdn, os = t.os, last_seen = $2,
       updated_at = CASE WHEN (a.ips, a.macs, a.hostnames, a.fqdn, a.os) IS DISTINCT FROM (t.ips, t.macs, t.hostnames, t.fqdn, t.os)
                         THEN $2 ELSE a.updated_at END
     FROM json_to_recordset($1::json) AS t(id uuid, ips text[], macs text[], hostnames text[], fqdn text, os text)
     WHERE a.id = t.id`,
    [
      JSON.stringify(
        changed.map(({ id, ips, macs, hostnames, fqdn, os }) => ({
          id,
          ips,
          macs,
          hostnames,
          fqdn,
          os,
        })),
      ),
      now,
    ],
  );
}

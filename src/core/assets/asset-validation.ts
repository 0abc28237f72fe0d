import { ASSET_TYPES, CRITICALITIES, type Asset, type AssetInput } from '../../api-types.ts';
import { invalidInput } from '../errors.ts';
import { normaliseHostname, normaliseIp, normaliseMac } from './asset-identifiers.ts';

/** An AssetInput after validation: every field present, identifiers in their normal forms. */
export type ValidAsset = Omit<Asset, 'id' | 'firstSeen' | 'lastSeen' | 'openFindings'>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks an asset and normalises its identifiers; the error names the field (`ips.2`). */
export function validateAssetInput(input: AssetInput): ValidAsset {
  if (!ASSET_TYPES.includes(input.type))
    throw invalidInput('type', `must be one of ${ASSET_TYPES.join(', ')}`);
  const name = input.name?.trim() ?? '';
  if (!name) throw invalidInput('name', 'required');
  if (name.length > 200) throw invalidInput('name', 'at most 200 characters');
  const criticality = input.criticality ?? 'it';
  if (!CRITICALITIES.includes(criticality))
    throw invalidInput('criticality', `must be one of ${CRITICALITIES.join(', ')}`);
  const ips = normaliseAll('ips', input.ips, normaliseIp, 'an IPv4 or IPv6 address');
  const macs = normaliseAll(
    'macs',
    input.macs,
    normaliseMac,
    'a MAC address like 00:1A:2B:3C:4D:5E',
  );
  const hostnames = normaliseAll('hostnames', input.hostnames, normaliseHostname, 'a host name');
  let fqdn: string | null = null;
  if (input.fqdn?.trim()) {
    fqdn = normaliseHostname(input.fqdn);
    if (!fqdn)
      throw invalidInput('fqdn', `expected a domain name, got ${JSON.stringify(input.fqdn)}`);
  }
  const email = input.email?.trim() || null;
  if (email && !EMAIL.test(email))
    throw invalidInput('email', `expected an email address, got ${JSON.stringify(email)}`);
  const tags = [...new Set((input.tags ?? []).map((t) => t.trim()).filter(Boolean))];
  tags.forEach((t, i) => {
    if (t.length > 50) throw invalidInput(`tags.${i}`, 'at most 50 characters');
  });
  return {
    type: input.type,
    name,
    ips,
    macs,
    hostnames,
    fqdn,
    email,
    owner: text('owner', input.owner),
    department: text('department', input.department),
    location: text('location', input.location),
    criticality,
    tags,
    os: text('os', input.os),
  };
}

function normaliseAll(
  field: string,
  values: readonly string[] | undefined,
  normalise: (v: string) => string | null,
  expected: string,
): string[] {
  const out: string[] = [];
  (values ?? []).forEach((v, i) => {
    const n = normalise(String(v));
    if (!n) throw invalidInput(`${field}.${i}`, `expected ${expected}, got ${JSON.stringify(v)}`);
    if (!out.includes(n)) out.push(n);
  });
  return out;
}

function text(field: string, value: string | null | undefined): string | null {
  const v = value?.trim() || null;
  if (v && v.length > 200) throw invalidInput(field, 'at most 200 characters');
  return v;
}

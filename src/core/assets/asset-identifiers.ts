import { isIP } from 'node:net';

/**
 * Identifier normal forms. Assets store these forms and scanned hosts are normalised the same
 * way before matching, so `00-1a-2b-3c-4d-5e` from one tool and `00:1A:2B:3C:4D:5E` from
 * another are the same device.
 */

/** `AA:BB:CC:DD:EE:FF`, or null when it is not a 48-bit MAC. */
export function normaliseMac(value: string): string | null {
  const hex = value.trim().replace(/[:.\-\s]/g, '');
  if (!/^[0-9a-fA-F]{12}$/.test(hex)) return null;
  return hex.toUpperCase().match(/../g)!.join(':');
}

/** The address as written for IPv4, lower-case for IPv6; null when it is not an IP address. */
export function normaliseIp(value: string): string | null {
  const v = value.trim();
  const version = isIP(v);
  if (version === 0) return null;
  return version === 6 ? v.toLowerCase() : v;
}

const HOSTNAME =
  /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

/** Lower case without a trailing dot; null when it is not a DNS/NetBIOS-style name. */
export function normaliseHostname(value: string): string | null {
  const v = value.trim().toLowerCase().replace(/\.$/, '');
  return HOSTNAME.test(v) ? v : null;
}

/** Appends the values not yet present, keeping order (first seen first). */
export function mergeValues(existing: readonly string[], more: readonly string[]): string[] {
  const out = [...existing];
  for (const v of more) if (!out.includes(v)) out.push(v);
  return out;
}

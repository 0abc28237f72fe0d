/**
 * `cidr` modifier (modifiers appendix, IP): IPv4 and IPv6 networks. Addresses are compared as
 * 128-bit BigInts; an IPv4-mapped IPv6 address (::ffff:a.b.c.d, as Sysmon sometimes logs)
 * also matches the IPv4 network.
 */

export interface CidrNetwork {
  version: 4 | 6;
  base: bigint;
  mask: bigint;
}

export function parseCidr(text: string): CidrNetwork | null {
  const [address = '', prefixText] = text.trim().split('/');
  const parsed = parseIp(address);
  if (!parsed) return null;
  const bits = parsed.version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits) return null;
  const all = (1n << BigInt(bits)) - 1n;
  const mask = prefix === 0 ? 0n : (all >> BigInt(bits - prefix)) << BigInt(bits - prefix);
  return { version: parsed.version, base: parsed.value & mask, mask };
}

export function ipInNetwork(text: string, network: CidrNetwork): boolean {
  const ip = parseIp(text.trim());
  if (!ip) return false;
  if (ip.version === network.version) return (ip.value & network.mask) === network.base;
  if (network.version === 4 && ip.version === 6 && ip.value >> 32n === 0xffffn) {
    return (ip.value & 0xffffffffn & network.mask) === network.base;
  }
  return false;
}

export function parseIp(text: string): { version: 4 | 6; value: bigint } | null {
  if (text.includes(':')) {
    const v6 = parseIpv6(text.replace(/^\[|\]$/g, '').replace(/%.*$/, ''));
    return v6 === null ? null : { version: 6, value: v6 };
  }
  const v4 = parseIpv4(text);
  return v4 === null ? null : { version: 4, value: v4 };
}

function parseIpv4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function parseIpv6(text: string): bigint | null {
  let head = text;
  let tailV4: bigint | null = null;
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    tailV4 = parseIpv4(text.slice(lastColon + 1));
    if (tailV4 === null) return null;
    head = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return null;
  const left = halves[0] ? halves[0].split(':') : [];
  const right = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right];
  let value = 0n;
  for (const group of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return null;
    value = (value << 16n) | BigInt(parseInt(group, 16));
  }
  if (tailV4 !== null) value = (value & ~0xffffffffn) | tailV4;
  return value;
}

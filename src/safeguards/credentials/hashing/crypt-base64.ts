// The "itoa64" alphabet of crypt(3) and the little-endian 24-bit grouping that md5crypt
// (PHK, FreeBSD 1994) and SHA-crypt (Drepper, "Unix crypt using SHA-256 and SHA-512", 2008) use.
// It is not RFC 4648 base64: the alphabet starts with "./" and bits are taken from the low end.

export const ITOA64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `count` itoa64 characters for the 24-bit value b2:b1:b0, lowest 6 bits first. */
export function encode24(b2: number, b1: number, b0: number, count: number): string {
  let w = (b2 << 16) | (b1 << 8) | b0;
  let out = '';
  for (let i = 0; i < count; i++) {
    out += ITOA64[w & 0x3f];
    w >>>= 6;
  }
  return out;
}

/** Encodes `digest` by the byte triples `order` (each [b2, b1, b0], index -1 meaning 0). */
export function encodeCryptDigest(
  digest: Uint8Array,
  order: ReadonlyArray<readonly [number, number, number, number]>,
): string {
  const at = (i: number) => (i < 0 ? 0 : digest[i]!);
  return order.map(([b2, b1, b0, n]) => encode24(at(b2), at(b1), at(b0), n)).join('');
}

/** The value 0..63 of one itoa64 character, or -1. */
export function itoa64Value(char: string): number {
  return ITOA64.indexOf(char);
}

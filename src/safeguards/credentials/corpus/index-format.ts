import type { CorpusKind } from '../../../api-types.ts';

/*
 * On-disk layout of one corpus index (`<dir>/sha1.idx`, `<dir>/ntlm.idx`), format version 1.
 * docs/adr/0007-breached-password-corpus.md explains the choices.
 *
 *   "WARDPWI1"                       8-byte magic
 *   data                             bucket 0, bucket 1, ... bucket 2^20 - 1, back to back
 *   fence                            2^20 varints: each bucket's length in bytes
 *   meta                             UTF-8 JSON (IndexMeta)
 *   u32 little-endian                length of meta in bytes
 *   "WARDPWI1"                       8-byte magic (a torn file fails here)
 *
 * A bucket holds the hashes whose first 20 bits (the 5 hex digits of the range API) are its
 * number, sorted ascending. Each entry is
 *
 *   varint(count * 16 + nibble)      nibble: hash bits 20..23 (the 6th hex digit)
 *   key bytes                        hash bytes 3 .. 3 + keyBytes
 *
 * Full mode keeps every remaining byte (keyBytes 17 for SHA-1, 13 for NTLM), so the exact hash
 * and the 35- or 27-hex range suffix can be rebuilt. Compact mode keeps 8 key bytes: with the
 * nibble a 68-bit fingerprint of the bits after the prefix (false positives ~ N / 2^88 per
 * lookup). The varint is LEB128 (7 bits a byte, low group first); counts of 1..7 fit one byte.
 */

export const MAGIC = Buffer.from('WARDPWI1', 'latin1');
export const FORMAT_VERSION = 1;
export const BUCKET_BITS = 20;
export const BUCKETS = 1 << BUCKET_BITS;
export const COMPACT_KEY_BYTES = 8;
/** Bytes of the hash the bucket number and the nibble cover together (2.5 + 0.5). */
export const KEY_START = 3;

export interface IndexMeta {
  format: 'ward-pwned-passwords-index';
  version: number;
  kind: CorpusKind;
  compact: boolean;
  hashBytes: number;
  keyBytes: number;
  entries: number;
  dataOffset: number;
  dataBytes: number;
  fenceOffset: number;
  fenceBytes: number;
  /** File names the entries came from, oldest import first. */
  sources: string[];
  importedAt: string;
}

export function hashBytesOf(kind: CorpusKind): number {
  return kind === 'sha1' ? 20 : 16;
}

export function keyBytesOf(kind: CorpusKind, compact: boolean): number {
  return compact ? COMPACT_KEY_BYTES : hashBytesOf(kind) - KEY_START;
}

export function indexFileName(kind: CorpusKind): string {
  return `${kind}.idx`;
}

/** The bucket (first 20 bits) of the hash stored at `bytes[offset]`. */
export function bucketOf(bytes: Uint8Array, offset: number): number {
  return (bytes[offset]! << 12) | (bytes[offset + 1]! << 4) | (bytes[offset + 2]! >> 4);
}

/** Writes `value` (a non-negative integer up to 2^53) as LEB128 at `pos`; returns the end. */
export function writeVarint(out: Uint8Array, pos: number, value: number): number {
  let v = value;
  // Bit operators only work on 32 bits; counts near 2^53 after merges take the slow path.
  while (v >= 0x80000000) {
    out[pos++] = (v % 128) | 128;
    v = Math.floor(v / 128);
  }
  while (v >= 128) {
    out[pos++] = (v & 127) | 128;
    v >>>= 7;
  }
  out[pos++] = v;
  return pos;
}

/** Bytes writeVarint would use for `value`. */
export function varintLength(value: number): number {
  let n = 1;
  let v = value;
  while (v >= 128) {
    v = Math.floor(v / 128);
    n++;
  }
  return n;
}

/** Hex digit values; -1 for anything else. */
export const HEX_VALUE: Int8Array = (() => {
  const t = new Int8Array(256).fill(-1);
  for (let i = 0; i < 10; i++) t[48 + i] = i;
  for (let i = 0; i < 6; i++) {
    t[65 + i] = 10 + i;
    t[97 + i] = 10 + i;
  }
  return t;
})();

/** Upper-case two-digit hex of each byte value. */
export const HEX_PAIR: string[] = Array.from({ length: 256 }, (_, i) =>
  i.toString(16).toUpperCase().padStart(2, '0'),
);
export const HEX_DIGIT = '0123456789ABCDEF';

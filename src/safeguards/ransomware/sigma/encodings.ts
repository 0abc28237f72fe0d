/**
 * Value transformations of the modifiers appendix: windash permutations, UTF-16 encodings and
 * base64 / base64offset. They run at compile time; matching only compares the results.
 */

/** Modifiers appendix, windash: `-`, `/`, en dash, em dash, horizontal bar. */
export const WINDASH_CHARACTERS = ['-', '/', '\u2013', '\u2014', '\u2015'] as const;
const DASH_SET = new Set<string>(WINDASH_CHARACTERS);
// 5^4 = 625 variants; past that only dashes that start a command-line flag are permuted.
const MAX_FULL_POSITIONS = 4;

/** Every permutation of the dash characters at each dash position of the value. */
export function expandWindash(value: string): string[] {
  let positions: number[] = [];
  for (let i = 0; i < value.length; i++) if (DASH_SET.has(value[i]!)) positions.push(i);
  if (positions.length > MAX_FULL_POSITIONS) {
    positions = positions.filter((i) => i === 0 || /[\s"'=(]/.test(value[i - 1]!));
    positions = positions.slice(0, MAX_FULL_POSITIONS);
  }
  let variants = [value];
  for (const position of positions) {
    const next: string[] = [];
    for (const variant of variants) {
      for (const dash of WINDASH_CHARACTERS)
        next.push(variant.slice(0, position) + dash + variant.slice(position + 1));
    }
    variants = next;
  }
  return variants;
}

export type ByteEncoding = 'utf8' | 'utf16le' | 'utf16be' | 'utf16';

export function encodeText(text: string, encoding: ByteEncoding): Buffer {
  if (encoding === 'utf8') return Buffer.from(text, 'utf8');
  const le = Buffer.from(text, 'utf16le');
  if (encoding === 'utf16le') return le;
  if (encoding === 'utf16') return Buffer.concat([Buffer.from([0xff, 0xfe]), le]);
  const be = Buffer.from(le);
  be.swap16();
  return be;
}

export function encodeBase64(bytes: Buffer): string {
  return bytes.toString('base64');
}

/**
 * Modifiers appendix, base64offset: the value may sit at any byte offset of the encoded string,
 * so three variants are produced, each trimmed to the characters that do not depend on the
 * neighbouring bytes. For shift i (0..2): encode i filler bytes + value, drop the first
 * (0, 2, 3)[i] characters and, depending on (length + i) mod 3, the last (0, 3, 2) characters.
 */
export function encodeBase64Offsets(bytes: Buffer): string[] {
  const startTrim = [0, 2, 3];
  const endTrim = [0, 3, 2];
  const variants: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const shifted = Buffer.concat([Buffer.alloc(shift, 0x20), bytes]);
    const encoded = shifted.toString('base64');
    const end = endTrim[(bytes.length + shift) % 3]!;
    variants.push(encoded.slice(startTrim[shift]!, end === 0 ? undefined : encoded.length - end));
  }
  return variants;
}

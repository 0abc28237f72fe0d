import type { Token } from './binxml-tokens.ts';

/** A structural problem inside a chunk, with the chunk-relative offset where it was found. */
export class BinXmlError extends Error {
  override name = 'BinXmlError';
  readonly chunkOffset: number;
  constructor(message: string, chunkOffset: number) {
    super(`${message} (chunk offset 0x${chunkOffset.toString(16)})`);
    this.chunkOffset = chunkOffset;
  }
}

/**
 * One 64 KiB chunk's bytes plus what records in it share: element and attribute names
 * (stored once per chunk, libevtx "Name") and template definitions, compiled to tokens the
 * first time a record uses them. Offsets in BinXML are chunk-relative.
 */
export class ChunkContext {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly text: Buffer;
  private readonly names = new Map<number, string>();
  readonly templates = new Map<number, Token[] | BinXmlError>();

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get length(): number {
    return this.bytes.length;
  }

  /** Throws unless `[p, p + n)` lies inside the chunk. */
  need(p: number, n: number, what: string): void {
    if (p < 0 || n < 0 || p + n > this.bytes.length) {
      throw new BinXmlError(`${what} runs past the end of the chunk (needs ${n} bytes)`, p);
    }
  }

  /** UTF-16LE text of `units` code units at `p`, cut at the first NUL as evtx does. */
  utf16(p: number, units: number, what: string): string {
    this.need(p, units * 2, what);
    const s = this.text.toString('utf16le', p, p + units * 2);
    const nul = s.indexOf('\0');
    return nul < 0 ? s : s.slice(0, nul);
  }

  /**
   * Name at `offset`: 4-byte next-name link, 2-byte hash, 2-byte length in characters, UTF-16LE
   * characters and a NUL (libevtx "Name").
   */
  name(offset: number): string {
    const cached = this.names.get(offset);
    if (cached !== undefined) return cached;
    this.need(offset, 8, 'name');
    const units = this.view.getUint16(offset + 6, true);
    const name = this.utf16(offset + 8, units, 'name');
    this.names.set(offset, name);
    return name;
  }
}

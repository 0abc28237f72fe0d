// Writes one EVTX chunk for the test-support writer: records whose BinXML is a template
// instance, the template definition and element names inline on their first use in the chunk
// (as Windows does), and a header with both CRC32s (libevtx documentation, "Chunk").
import { crc32 } from './crc32.ts';
import { chunkHeaderCrc, CHUNK_HEADER_SIZE, CHUNK_SIZE } from './chunk-reader.ts';
import {
  filetimeOf,
  typeCodeOf,
  valueBytes,
  type WriteValue,
  type WriteXmlElement,
} from './write-value.ts';

/** An element of a record's template: attributes and text are substitutions. */
export interface TemplateNode {
  name: string;
  attributes: Array<[string, WriteValue]>;
  children: Array<TemplateNode | { value: WriteValue }>;
}

/** The template's identity: names and value types, not the values. */
export function shapeOf(node: TemplateNode): string {
  const type = (v: WriteValue) => (v === null ? 'n' : typeCodeOf(v).toString(16));
  const attrs = node.attributes.map(([n, v]) => `${n}=${type(v)}`).join(',');
  const children = node.children
    .map((c) => ('value' in c ? `#${type(c.value)}` : shapeOf(c)))
    .join('');
  return `<${node.name} ${attrs}>${children}</>`;
}

function collectValues(node: TemplateNode, out: WriteValue[]): WriteValue[] {
  for (const [, v] of node.attributes) out.push(v);
  for (const c of node.children) {
    if ('value' in c) out.push(c.value);
    else collectValues(c, out);
  }
  return out;
}

export class ChunkWriter {
  private readonly buf = new Uint8Array(CHUNK_SIZE * 4);
  private readonly view = new DataView(this.buf.buffer);
  private pos = CHUNK_HEADER_SIZE;
  private names = new Map<string, number>();
  private templates = new Map<string, number>();
  private ids: number[] = [];
  private lastRecordOffset = 0;

  get recordCount(): number {
    return this.ids.length;
  }

  /** Appends a record; returns false (leaving the chunk unchanged) when it does not fit. */
  tryAdd(recordId: number, timestamp: string, root: TemplateNode): boolean {
    const saved = { pos: this.pos, names: new Map(this.names), templates: new Map(this.templates) };
    const start = this.pos;
    this.writeRecord(recordId, timestamp, root);
    if (this.pos > CHUNK_SIZE) {
      this.pos = saved.pos;
      this.names = saved.names;
      this.templates = saved.templates;
      this.buf.fill(0, saved.pos);
      return false;
    }
    this.ids.push(recordId);
    this.lastRecordOffset = start;
    return true;
  }

  /** The finished 64 KiB chunk with its header and CRC32s. */
  finish(): Uint8Array {
    const chunk = this.buf.slice(0, CHUNK_SIZE);
    const v = new DataView(chunk.buffer);
    chunk.set([0x45, 0x6c, 0x66, 0x43, 0x68, 0x6e, 0x6b, 0x00]);
    const first = BigInt(this.ids[0] ?? 0);
    const last = BigInt(this.ids.at(-1) ?? 0);
    v.setBigUint64(8, first, true);
    v.setBigUint64(16, last, true);
    v.setBigUint64(24, first, true);
    v.setBigUint64(32, last, true);
    v.setUint32(40, 128, true);
    v.setUint32(44, this.lastRecordOffset, true);
    v.setUint32(48, this.pos, true);
    v.setUint32(52, crc32(chunk, CHUNK_HEADER_SIZE, this.pos), true);
    v.setUint32(124, chunkHeaderCrc(chunk), true);
    return chunk;
  }

  private u8(x: number) {
    this.view.setUint8(this.pos, x);
    this.pos += 1;
  }
  private u16(x: number) {
    this.view.setUint16(this.pos, x, true);
    this.pos += 2;
  }
  private u32(x: number) {
    this.view.setUint32(this.pos, x >>> 0, true);
    this.pos += 4;
  }
  private bytes(b: ArrayLike<number>) {
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }
  private patch32(at: number, x: number) {
    this.view.setUint32(at, x, true);
  }

  /** Name reference; the name follows inline on its first use in the chunk. */
  private nameRef(name: string) {
    const known = this.names.get(name);
    if (known !== undefined) return this.u32(known);
    const offset = this.pos + 4;
    this.names.set(name, offset);
    this.u32(offset);
    this.u32(0); // next name in the hash bucket (the table is left empty)
    this.u16(0); // hash: not checked by readers
    this.u16(name.length);
    for (let i = 0; i < name.length; i++) this.u16(name.charCodeAt(i));
    this.u16(0);
  }

  private writeRecord(recordId: number, timestamp: string, root: TemplateNode) {
    const start = this.pos;
    this.u32(0x00002a2a);
    this.u32(0);
    this.view.setBigUint64(this.pos, BigInt(recordId), true);
    this.view.setBigUint64(this.pos + 8, filetimeOf(timestamp), true);
    this.pos += 16;
    this.bytes([0x0f, 0x01, 0x01, 0x00, 0x0c, 0x01]);
    const shape = shapeOf(root);
    this.u32(this.templates.size + 1); // template id
    const known = this.templates.get(shape);
    if (known !== undefined) {
      this.u32(known);
    } else {
      const offset = this.pos + 4;
      this.templates.set(shape, offset);
      this.u32(offset);
      this.u32(0); // next template definition
      this.bytes(new Uint8Array(16).fill(this.templates.size)); // template GUID
      const sizeAt = this.pos;
      this.u32(0);
      this.bytes([0x0f, 0x01, 0x01, 0x00]);
      let index = 0;
      this.writeTemplateElement(root, () => index++);
      this.u8(0x00);
      this.patch32(sizeAt, this.pos - sizeAt - 4);
    }
    this.writeValues(collectValues(root, []));
    this.u8(0x00);
    this.u32(this.pos + 4 - start);
    this.patch32(start + 4, this.pos - start);
  }

  private writeTemplateElement(node: TemplateNode, next: () => number) {
    const sub = (v: WriteValue) => {
      // Optional substitution; a NULL value is declared as a string so that evtx renders it.
      this.bytes([0x0e]);
      this.u16(next());
      this.u8(v === null ? 0x01 : typeCodeOf(v));
    };
    this.u8(node.attributes.length > 0 ? 0x41 : 0x01);
    this.u16(0xffff); // dependency identifier
    const sizeAt = this.pos;
    this.u32(0);
    this.nameRef(node.name);
    if (node.attributes.length > 0) {
      const listAt = this.pos;
      this.u32(0);
      node.attributes.forEach(([name, value], i) => {
        this.u8(i < node.attributes.length - 1 ? 0x46 : 0x06);
        this.nameRef(name);
        sub(value);
      });
      this.patch32(listAt, this.pos - listAt - 4);
    }
    if (node.children.length === 0) {
      this.u8(0x03);
    } else {
      this.u8(0x02);
      for (const c of node.children) {
        if ('value' in c) sub(c.value);
        else this.writeTemplateElement(c, next);
      }
      this.u8(0x04);
    }
    this.patch32(sizeAt, this.pos - sizeAt - 4);
  }

  private writeValues(values: WriteValue[]) {
    this.u32(values.length);
    const descriptors = this.pos;
    this.pos += values.length * 4;
    values.forEach((value, i) => {
      const start = this.pos;
      if (
        value !== null &&
        typeof value === 'object' &&
        !Array.isArray(value) &&
        value.type === 'xml'
      ) {
        this.bytes([0x0f, 0x01, 0x01, 0x00]);
        this.writeLiteralElement(value.element);
        this.u8(0x00);
      } else {
        this.bytes(valueBytes(value));
      }
      const size = this.pos - start;
      if (size > 0xffff) throw new Error(`writeEvtx: value ${i} is ${size} bytes, over 65535`);
      this.view.setUint16(descriptors + i * 4, size, true);
      this.view.setUint8(descriptors + i * 4 + 2, typeCodeOf(value));
    });
  }

  /** Element of a nested 0x21 fragment: no dependency id, literal value tokens. */
  private writeLiteralElement(el: WriteXmlElement) {
    const text = (s: string) => {
      this.bytes([0x05, 0x01]);
      this.u16(s.length);
      for (let i = 0; i < s.length; i++) this.u16(s.charCodeAt(i));
    };
    const attributes = Object.entries(el.attributes ?? {});
    this.u8(attributes.length > 0 ? 0x41 : 0x01);
    const sizeAt = this.pos;
    this.u32(0);
    this.nameRef(el.name);
    if (attributes.length > 0) {
      const listAt = this.pos;
      this.u32(0);
      attributes.forEach(([name, value], i) => {
        this.u8(i < attributes.length - 1 ? 0x46 : 0x06);
        this.nameRef(name);
        text(value);
      });
      this.patch32(listAt, this.pos - listAt - 4);
    }
    const children = el.children ?? [];
    if (children.length === 0) {
      this.u8(0x03);
    } else {
      this.u8(0x02);
      for (const c of children) {
        if (typeof c === 'string') text(c);
        else this.writeLiteralElement(c);
      }
      this.u8(0x04);
    }
    this.patch32(sizeAt, this.pos - sizeAt - 4);
  }
}

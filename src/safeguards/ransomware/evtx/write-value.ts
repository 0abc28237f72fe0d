// Typed values for the test-support writer, encoded as BinXML substitution values (libevtx
// "Value types"). Plain JavaScript values get the type Windows would most likely use.
export type WriteScalarType =
  | 'string'
  | 'ansi'
  | 'int8'
  | 'uint8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'int64'
  | 'uint64'
  | 'float'
  | 'double'
  | 'bool'
  | 'binary'
  | 'guid'
  | 'sizet'
  | 'filetime'
  | 'systemtime'
  | 'sid'
  | 'hex32'
  | 'hex64';

/** An element for a nested BinXML (0x21) value: literal text and attributes, no template. */
export interface WriteXmlElement {
  name: string;
  attributes?: Record<string, string>;
  children?: Array<WriteXmlElement | string>;
}

/**
 * A value to write. Plain strings, numbers (uint32, int32, int64/uint64 or double by range),
 * booleans and null (an empty optional substitution) work as they are; arrays of plain strings
 * become string arrays. Anything else names its BinXML type.
 */
export type WriteValue =
  | string
  | number
  | boolean
  | null
  | string[]
  | { type: WriteScalarType; value: string | number | bigint | boolean }
  | { type: WriteScalarType; array: Array<string | number | bigint | boolean> }
  | { type: 'xml'; element: WriteXmlElement };

export const TYPE_CODES: Record<WriteScalarType, number> = {
  string: 0x01,
  ansi: 0x02,
  int8: 0x03,
  uint8: 0x04,
  int16: 0x05,
  uint16: 0x06,
  int32: 0x07,
  uint32: 0x08,
  int64: 0x09,
  uint64: 0x0a,
  float: 0x0b,
  double: 0x0c,
  bool: 0x0d,
  binary: 0x0e,
  guid: 0x0f,
  sizet: 0x10,
  filetime: 0x11,
  systemtime: 0x12,
  sid: 0x13,
  hex32: 0x14,
  hex64: 0x15,
};

/** The BinXML type code a value is written with (0 for NULL). */
export function typeCodeOf(value: WriteValue): number {
  if (value === null) return 0;
  if (typeof value === 'string') return 0x01;
  if (typeof value === 'boolean') return 0x0d;
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return 0x0c;
    if (value >= 0 && value <= 0xffffffff) return 0x08;
    if (value < 0 && value >= -0x80000000) return 0x07;
    return value < 0 ? 0x09 : 0x0a;
  }
  if (Array.isArray(value)) return 0x81;
  if (value.type === 'xml') return 0x21;
  return TYPE_CODES[value.type] | ('array' in value ? 0x80 : 0);
}

function bigOf(v: string | number | bigint | boolean): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'string') return BigInt(v);
  return BigInt(Math.trunc(v));
}

/** FILETIME ticks from an ISO 8601 UTC string with up to seven fractional digits. */
export function filetimeOf(iso: string): bigint {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$/.exec(iso);
  const ms = Date.parse(`${m?.[1] ?? iso}Z`);
  if (Number.isNaN(ms)) throw new Error(`writeEvtx: not an ISO 8601 UTC time: ${iso}`);
  const ticks = BigInt(((m?.[2] ?? '') + '0000000').slice(0, 7));
  return (BigInt(ms) + 11_644_473_600_000n) * 10_000n + ticks;
}

function guidBytes(text: string): number[] {
  const hex = text.replace(/[{}-]/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error(`writeEvtx: not a GUID: ${text}`);
  const b = (i: number) => parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return [
    b(3),
    b(2),
    b(1),
    b(0),
    b(5),
    b(4),
    b(7),
    b(6),
    ...Array.from({ length: 8 }, (_, i) => b(8 + i)),
  ];
}

function sidBytes(text: string): number[] {
  const parts = text.split('-');
  if (parts[0] !== 'S' || parts.length < 3) throw new Error(`writeEvtx: not a SID: ${text}`);
  const sub = parts.slice(3).map(Number);
  const authority = BigInt(parts[2]!);
  const out = [Number(parts[1]), sub.length];
  for (let i = 5; i >= 0; i--) out.push(Number((authority >> BigInt(i * 8)) & 0xffn));
  for (const s of sub) out.push(s & 0xff, (s >>> 8) & 0xff, (s >>> 16) & 0xff, (s >>> 24) & 0xff);
  return out;
}

function le(v: bigint, bytes: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < bytes; i++) out.push(Number((v >> BigInt(i * 8)) & 0xffn));
  return out;
}

function utf16(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++)
    out.push(text.charCodeAt(i) & 0xff, text.charCodeAt(i) >>> 8);
  return out;
}

/** Bytes of one scalar of type `code` (without the array bit). */
export function scalarBytes(code: number, v: string | number | bigint | boolean): number[] {
  const f = new DataView(new ArrayBuffer(8));
  switch (code) {
    case 0x01:
      return utf16(String(v));
    case 0x02:
      return Array.from(Buffer.from(String(v), 'latin1'));
    case 0x03:
    case 0x04:
      return le(bigOf(v), 1);
    case 0x05:
    case 0x06:
      return le(bigOf(v), 2);
    case 0x07:
    case 0x08:
    case 0x0d:
    case 0x14:
      return le(BigInt.asUintN(32, bigOf(v)), 4);
    case 0x09:
    case 0x0a:
    case 0x10:
    case 0x15:
      return le(BigInt.asUintN(64, bigOf(v)), 8);
    case 0x0b:
      f.setFloat32(0, Number(v), true);
      return Array.from(new Uint8Array(f.buffer, 0, 4));
    case 0x0c:
      f.setFloat64(0, Number(v), true);
      return Array.from(new Uint8Array(f.buffer, 0, 8));
    case 0x0e:
      return Array.from(Buffer.from(String(v), 'hex'));
    case 0x0f:
      return guidBytes(String(v));
    case 0x11:
      return le(typeof v === 'string' ? filetimeOf(v) : bigOf(v), 8);
    case 0x12: {
      const d = new Date(String(v));
      const fields = [
        d.getUTCFullYear(),
        d.getUTCMonth() + 1,
        d.getUTCDay(),
        d.getUTCDate(),
        d.getUTCHours(),
        d.getUTCMinutes(),
        d.getUTCSeconds(),
        d.getUTCMilliseconds(),
      ];
      return fields.flatMap((x) => le(BigInt(x), 2));
    }
    case 0x13:
      return sidBytes(String(v));
    default:
      throw new Error(`writeEvtx: cannot write type 0x${code.toString(16)}`);
  }
}

/** Bytes of a substitution value (not 0x21, which the chunk writer encodes in place). */
export function valueBytes(value: WriteValue): number[] {
  if (value === null) return [];
  if (Array.isArray(value)) return value.flatMap((s) => [...utf16(s), 0, 0]);
  if (typeof value !== 'object') return scalarBytes(typeCodeOf(value), value);
  if (value.type === 'xml') throw new Error('writeEvtx: nested XML is written by the chunk writer');
  const code = TYPE_CODES[value.type];
  if ('array' in value)
    return value.array.flatMap((v) =>
      code === 0x01 ? [...utf16(String(v)), 0, 0] : scalarBytes(code, v),
    );
  return scalarBytes(code, value.value);
}

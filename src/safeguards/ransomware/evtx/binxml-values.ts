// BinXML value types (libevtx "Value types"; MS-EVEN6 2.2.13) decoded to the JSON values
// evtx_dump emits (evtx crate 0.8, value_variant.rs `From<BinXmlValue> for serde_json::Value`).
import { BinXmlError, type ChunkContext } from './chunk-context.ts';
import { readFragment, type Token } from './binxml-tokens.ts';
import {
  float32ToNumber,
  formatBinary,
  formatFiletime,
  formatFiletimeRfc3339,
  formatGuid,
  formatHex32,
  formatHex64,
  formatSid,
  formatSystemtime,
  trimEndRust,
} from './value-format.ts';

export type JsonValue = string | number | boolean | null | JsonValue[];

/** A 0x21 value: a BinXML fragment rendered in place of the substitution. */
export class NestedXml {
  readonly tokens: Token[];
  constructor(tokens: Token[]) {
    this.tokens = tokens;
  }
}

export type BinXmlValue = JsonValue | NestedXml;

const windows1252 = new TextDecoder('windows-1252');

/** Fixed byte sizes of the scalar types that arrays are made of. */
const UNIT_SIZE: Record<number, number> = {
  0x03: 1,
  0x04: 1,
  0x05: 2,
  0x06: 2,
  0x07: 4,
  0x08: 4,
  0x09: 8,
  0x0a: 8,
  0x0b: 4,
  0x0c: 8,
  0x0d: 4,
  0x0f: 16,
  0x11: 8,
  0x12: 16,
  0x14: 4,
  0x15: 8,
};

/**
 * Decodes the value of `type` at `p`. `size` is the substitution's declared size, or null for
 * a value token (strings then carry a length prefix). `end` is where the value stops.
 */
export function decodeValue(
  ctx: ChunkContext,
  type: number,
  p: number,
  size: number | null,
  depth: number,
): { value: BinXmlValue; end: number } {
  const v = ctx.view;
  switch (type) {
    case 0x00:
      return { value: null, end: p + (size ?? 0) };
    case 0x01: {
      if (size === null) {
        ctx.need(p, 2, 'string length');
        const units = v.getUint16(p, true);
        return { value: trimEndRust(ctx.utf16(p + 2, units, 'string')), end: p + 2 + units * 2 };
      }
      // evtx reads size/2 units, stops at the first NUL and trims trailing whitespace.
      return {
        value: size < 2 ? '' : trimEndRust(ctx.utf16(p, size >> 1, 'string')),
        end: p + size,
      };
    }
    case 0x02: {
      if (size === null) throw new BinXmlError('unsized ANSI string', p);
      ctx.need(p, size, 'ANSI string');
      const bytes = ctx.bytes.subarray(p, p + size).filter((b) => b !== 0);
      return { value: windows1252.decode(bytes), end: p + size };
    }
    case 0x0e: {
      if (size === null) throw new BinXmlError('unsized binary value', p);
      ctx.need(p, size, 'binary value');
      return { value: formatBinary(ctx.bytes, p, size), end: p + size };
    }
    case 0x10: {
      // SizeT is rendered as HexInt32 or HexInt64 by its size.
      if (size === 4) return { value: formatHex32(v.getUint32(p, true)), end: p + 4 };
      if (size === 8)
        return { value: formatHex64(v.getUint32(p, true), v.getUint32(p + 4, true)), end: p + 8 };
      throw new BinXmlError(`SizeT value of size ${String(size)}`, p);
    }
    case 0x13: {
      const sid = formatSid(v, p, size === null ? ctx.length : p + size);
      if (sid === null) throw new BinXmlError('SID runs past its value', p);
      return { value: sid.text, end: size === null ? p + sid.length : p + size };
    }
    case 0x21: {
      const fragment = readFragment(ctx, p, size, true, depth + 1);
      return {
        value: new NestedXml(fragment.tokens),
        end: size === null ? fragment.end : p + size,
      };
    }
    case 0x81:
      return decodeStringArray(ctx, p, size);
    default:
      break;
  }
  if (type & 0x80) {
    const unit = UNIT_SIZE[type & 0x7f];
    if (unit === undefined || size === null)
      throw new BinXmlError(`unsupported array type 0x${type.toString(16)}`, p);
    ctx.need(p, size, 'array value');
    const out: JsonValue[] = [];
    // evtx reads whole units while fewer than `size` bytes are used (a partial last unit is read too).
    for (let q = p; q < p + size; q += unit) {
      ctx.need(q, unit, 'array element');
      out.push(decodeScalar(ctx, type & 0x7f, q, true));
    }
    return { value: out, end: p + size };
  }
  const unit = UNIT_SIZE[type];
  if (unit === undefined) throw new BinXmlError(`unsupported value type 0x${type.toString(16)}`, p);
  ctx.need(p, unit, 'value');
  return { value: decodeScalar(ctx, type, p, false), end: size === null ? p + unit : p + size };
}

/** A fixed-size scalar; `inArray` selects evtx_dump's array form for times. */
function decodeScalar(ctx: ChunkContext, type: number, p: number, inArray: boolean): JsonValue {
  const v = ctx.view;
  switch (type) {
    case 0x03:
      return v.getInt8(p);
    case 0x04:
      return v.getUint8(p);
    case 0x05:
      return v.getInt16(p, true);
    case 0x06:
      return v.getUint16(p, true);
    case 0x07:
      return v.getInt32(p, true);
    case 0x08:
      return v.getUint32(p, true);
    case 0x09:
      return v.getInt32(p + 4, true) * 4294967296 + v.getUint32(p, true);
    case 0x0a:
      return v.getUint32(p + 4, true) * 4294967296 + v.getUint32(p, true);
    case 0x0b:
      return float32ToNumber(v.getFloat32(p, true));
    case 0x0c:
      return v.getFloat64(p, true);
    case 0x0d:
      return v.getInt32(p, true) !== 0; // evtx: 0 false, anything else true
    case 0x0f:
      return formatGuid(ctx.bytes, p);
    case 0x11: {
      const low = v.getUint32(p, true);
      const high = v.getUint32(p + 4, true);
      return inArray ? formatFiletimeRfc3339(low, high) : formatFiletime(low, high);
    }
    case 0x12: {
      const text = formatSystemtime(v, p);
      if (text === null) throw new BinXmlError('SYSTEMTIME is not a valid date', p);
      return inArray ? text.replace(/\.(\d{3})000Z$/, '.$1Z').replace('.000Z', 'Z') : text;
    }
    case 0x14:
      return formatHex32(v.getUint32(p, true));
    case 0x15:
      return formatHex64(v.getUint32(p, true), v.getUint32(p + 4, true));
    default:
      throw new BinXmlError(`unsupported value type 0x${type.toString(16)}`, p);
  }
}

/** String array: NUL-terminated UTF-16 strings packed into `size` bytes (not trimmed). */
function decodeStringArray(
  ctx: ChunkContext,
  p: number,
  size: number | null,
): { value: BinXmlValue; end: number } {
  if (size === null) throw new BinXmlError('unsized string array', p);
  ctx.need(p, size, 'string array');
  const out: string[] = [];
  const end = p + size;
  let start = p;
  for (let q = p; q + 1 < end; q += 2) {
    if (ctx.view.getUint16(q, true) === 0) {
      out.push(ctx.text.toString('utf16le', start, q));
      start = q + 2;
    }
  }
  if (start + 1 < end) out.push(ctx.text.toString('utf16le', start, end - ((end - start) & 1)));
  return { value: out, end };
}

/** The text form evtx uses when values are concatenated into one element's text. */
export function valueText(value: JsonValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(valueText).join(',');
  return String(value);
}

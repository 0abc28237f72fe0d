// BinXML token reader (libevtx documentation, "Binary XML"; MS-EVEN6 3.1.4.7). A fragment is
// read once into a flat token list; template definitions are compiled this way once per chunk
// and replayed for every record that instantiates them.
import { BinXmlError, type ChunkContext } from './chunk-context.ts';
import { decodeValue, type BinXmlValue } from './binxml-values.ts';

export const T_OPEN = 1;
export const T_CLOSE_START = 2;
export const T_CLOSE_EMPTY = 3;
export const T_CLOSE = 4;
export const T_VALUE = 5;
export const T_ATTRIBUTE = 6;
export const T_ENTITY = 9;
export const T_TEMPLATE = 12;
export const T_SUBSTITUTION = 13;

export type Token =
  | { k: typeof T_OPEN; name: string }
  | { k: typeof T_CLOSE_START | typeof T_CLOSE_EMPTY | typeof T_CLOSE }
  | { k: typeof T_VALUE; value: BinXmlValue }
  | { k: typeof T_ATTRIBUTE | typeof T_ENTITY; name: string }
  | { k: typeof T_TEMPLATE; definition: number; values: BinXmlValue[] }
  | { k: typeof T_SUBSTITUTION; index: number; ignore: boolean };

const CLOSE_START: Token = { k: T_CLOSE_START };
const CLOSE_EMPTY: Token = { k: T_CLOSE_EMPTY };
const CLOSE: Token = { k: T_CLOSE };

/** Nesting limit for fragments inside substitution values, against crafted recursion. */
const MAX_DEPTH = 32;
/** A template instance has at most this many substitutions (Windows uses well under 100). */
const MAX_SUBSTITUTIONS = 4096;

export interface Fragment {
  tokens: Token[];
  end: number;
}

/**
 * Reads tokens from `start` until an end-of-fragment token or until `size` bytes are used.
 * `inSubstitution`: element starts inside a 0x21 substitution value carry no dependency id.
 */
export function readFragment(
  ctx: ChunkContext,
  start: number,
  size: number | null,
  inSubstitution: boolean,
  depth = 0,
): Fragment {
  if (depth > MAX_DEPTH) throw new BinXmlError('BinXML nested too deeply', start);
  const tokens: Token[] = [];
  const v = ctx.view;
  let p = start;
  const limit = size === null ? ctx.length : Math.min(ctx.length, start + size);
  while (p < limit) {
    const t = v.getUint8(p);
    p += 1;
    switch (t) {
      case 0x00:
        return { tokens, end: p };
      case 0x01:
      case 0x41: {
        ctx.need(p, 10, 'element start');
        let q = p;
        if (!inSubstitution) q += 2; // dependency identifier
        // evtx's heuristic: a data size no chunk can hold means the dependency id was absent.
        if (!inSubstitution && v.getUint32(q, true) >= ctx.length) q = p;
        q += 4; // data size
        const name = readNameRef(ctx, q);
        q = name.end;
        if (t === 0x41) q += 4; // attribute list size
        tokens.push({ k: T_OPEN, name: name.name });
        p = q;
        break;
      }
      case 0x02:
        tokens.push(CLOSE_START);
        break;
      case 0x03:
        tokens.push(CLOSE_EMPTY);
        break;
      case 0x04:
        tokens.push(CLOSE);
        break;
      case 0x05:
      case 0x45: {
        ctx.need(p, 1, 'value type');
        const value = decodeValue(ctx, v.getUint8(p), p + 1, null, depth);
        tokens.push({ k: T_VALUE, value: value.value });
        p = value.end;
        break;
      }
      case 0x06:
      case 0x46:
      case 0x09:
      case 0x49: {
        const name = readNameRef(ctx, p);
        tokens.push({ k: t & 0x0f, name: name.name } as Token);
        p = name.end;
        break;
      }
      case 0x07:
      case 0x47: {
        // CDATA section: evtx_dump fails the record; we keep the text.
        ctx.need(p, 2, 'CDATA length');
        const units = v.getUint16(p, true);
        tokens.push({ k: T_VALUE, value: ctx.utf16(p + 2, units, 'CDATA') });
        p += 2 + units * 2;
        break;
      }
      case 0x08:
      case 0x48:
        // Character reference: evtx_dump fails the record; we keep the character.
        ctx.need(p, 2, 'character reference');
        tokens.push({ k: T_VALUE, value: String.fromCharCode(v.getUint16(p, true)) });
        p += 2;
        break;
      case 0x0a:
        p = readNameRef(ctx, p).end; // processing instruction target: not rendered in JSON
        break;
      case 0x0b:
        ctx.need(p, 2, 'processing instruction data');
        p += 2 + v.getUint16(p, true) * 2;
        break;
      case 0x0c: {
        const instance = readTemplateInstance(ctx, p, depth);
        tokens.push(instance.token);
        p = instance.end;
        break;
      }
      case 0x0d:
      case 0x0e: {
        ctx.need(p, 3, 'substitution');
        const index = v.getUint16(p, true);
        // evtx ignores an optional substitution only when the template declares it NULL-typed.
        const ignore = t === 0x0e && v.getUint8(p + 2) === 0;
        tokens.push({ k: T_SUBSTITUTION, index, ignore });
        p += 3;
        break;
      }
      case 0x0f:
        p += 3; // fragment header: major, minor version, flags
        break;
      default:
        throw new BinXmlError(`unknown BinXML token 0x${t.toString(16)}`, p - 1);
    }
  }
  return { tokens, end: p };
}

/** Name reference: chunk offset of the name; the name itself follows inline on first use. */
function readNameRef(ctx: ChunkContext, p: number): { name: string; end: number } {
  ctx.need(p, 4, 'name offset');
  const offset = ctx.view.getUint32(p, true);
  let end = p + 4;
  if (offset === end) {
    ctx.need(end, 8, 'inline name');
    end += 8 + ctx.view.getUint16(end + 6, true) * 2 + 2;
  }
  return { name: ctx.name(offset), end };
}

/**
 * Template instance (0x0c): unknown byte, template id, definition offset, the definition
 * itself when this is its first use in the chunk, then value descriptors (size, type, pad)
 * and the values.
 */
function readTemplateInstance(
  ctx: ChunkContext,
  p: number,
  depth: number,
): { token: Token; end: number } {
  const v = ctx.view;
  ctx.need(p, 9, 'template instance');
  const definition = v.getUint32(p + 5, true);
  let q = p + 9;
  if (definition === q) {
    ctx.need(q, 24, 'template definition header');
    q += 24 + v.getUint32(q + 20, true);
  }
  ctx.need(q, 4, 'substitution count');
  const count = v.getUint32(q, true);
  q += 4;
  if (count > MAX_SUBSTITUTIONS)
    throw new BinXmlError(`implausible substitution count ${count}`, q - 4);
  ctx.need(q, count * 4, 'substitution descriptors');
  let data = q + count * 4;
  const values: BinXmlValue[] = new Array<BinXmlValue>(count);
  for (let i = 0; i < count; i++) {
    const size = v.getUint16(q + i * 4, true);
    const type = v.getUint8(q + i * 4 + 2);
    ctx.need(data, size, 'substitution value');
    values[i] = decodeValue(ctx, type, data, size, depth).value;
    data += size;
  }
  return { token: { k: T_TEMPLATE, definition, values }, end: data };
}

/**
 * Template definition at `offset`: next-definition link, GUID, data size, then a fragment
 * (libevtx "Template definition"). Compiled once per chunk; a failure is cached too.
 */
export function templateTokens(ctx: ChunkContext, offset: number): Token[] {
  const cached = ctx.templates.get(offset);
  if (cached !== undefined) {
    if (cached instanceof BinXmlError) throw cached;
    return cached;
  }
  try {
    ctx.need(offset, 24, 'template definition');
    const size = ctx.view.getUint32(offset + 20, true);
    const tokens = readFragment(ctx, offset + 24, size, false).tokens;
    ctx.templates.set(offset, tokens);
    return tokens;
  } catch (error) {
    const failure =
      error instanceof BinXmlError
        ? error
        : new BinXmlError(`template definition unreadable: ${(error as Error).message}`, offset);
    ctx.templates.set(offset, failure);
    throw failure;
  }
}

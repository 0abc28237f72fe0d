import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';

export interface ArrayItem {
  index: number;
  /** The element's JSON text; null for a scalar element (not an object or array). */
  text: string | null;
}

const QUOTE = 34;
const BACKSLASH = 92;
const COLON = 58;
const COMMA = 44;
const OPEN_OBJ = 123;
const CLOSE_OBJ = 125;
const OPEN_ARR = 91;
const CLOSE_ARR = 93;

/**
 * Streams the elements of the array under the top-level property `key` of a JSON object (an NVD
 * API 2.0 page's or the KEV catalog's `vulnerabilities`) without holding the file in memory:
 * each element's text is cut out by tracking nesting and strings, for JSON.parse one at a time.
 * Top-level string and number properties are copied into `header` as they are passed. Does not
 * validate the JSON outside the elements; an element's own syntax is checked by JSON.parse.
 */
export async function* streamJsonArray(
  path: string,
  key: string,
  header: Record<string, string | number>,
  gzip = false,
): AsyncGenerator<ArrayItem> {
  const raw = createReadStream(path);
  const input = gzip ? raw.pipe(createGunzip()) : raw;
  raw.on('error', (err) => input.destroy(err));
  input.setEncoding('utf8');
  let depth = 0;
  let inString = false;
  let escaped = false;
  let inTarget = false;
  let index = 0;
  let parts: string[] | null = null; // text of the element being cut out
  let skippingScalar = false;
  let strParts: string[] | null = null; // text of a depth-1 string (a key or a header value)
  let lastString: string | null = null;
  let currentKey: string | null = null;
  let scalar: string[] | null = null; // a depth-1 number value
  for await (const chunk of input as AsyncIterable<string>) {
    let start = 0; // where the element (or depth-1 string) began in this chunk
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) {
          inString = false;
          if (strParts) {
            strParts.push(chunk.slice(start, i));
            lastString = JSON.parse(`"${strParts.join('')}"`) as string;
            strParts = null;
          }
        }
        continue;
      }
      if (c === QUOTE) {
        inString = true;
        if (depth === 1) {
          strParts = [];
          start = i + 1;
        } else if (inTarget && depth === 2 && !parts && !skippingScalar) {
          skippingScalar = true;
        }
        continue;
      }
      if (depth === 1) {
        if (c === COLON) {
          currentKey = lastString;
          lastString = null;
          scalar = [];
          continue;
        }
        if (c === COMMA || c === CLOSE_OBJ) {
          if (currentKey !== null && lastString !== null) header[currentKey] = lastString;
          const num = scalar?.join('').trim();
          if (currentKey !== null && lastString === null && num && /^-?\d/.test(num)) {
            header[currentKey] = Number(num);
          }
          lastString = null;
          scalar = null;
        } else if (scalar && c !== OPEN_OBJ && c !== OPEN_ARR) {
          scalar.push(chunk[i]!);
        }
      }
      if (c === OPEN_OBJ || c === OPEN_ARR) {
        if (depth === 1) scalar = null;
        if (depth === 1 && c === OPEN_ARR && currentKey === key) inTarget = true;
        else if (inTarget && depth === 2 && !parts) {
          parts = [];
          start = i;
        }
        depth++;
      } else if (c === CLOSE_OBJ || c === CLOSE_ARR) {
        depth--;
        if (inTarget && depth === 2 && parts) {
          parts.push(chunk.slice(start, i + 1));
          yield { index: index++, text: parts.join('') };
          parts = null;
        } else if (inTarget && depth === 1) {
          if (skippingScalar) yield { index: index++, text: null };
          skippingScalar = false;
          inTarget = false;
        }
      } else if (inTarget && depth === 2 && !parts) {
        if (c === COMMA) {
          if (skippingScalar) yield { index: index++, text: null };
          skippingScalar = false;
        } else if (c > 32) skippingScalar = true;
      }
    }
    if (parts) parts.push(chunk.slice(start));
    if (strParts) strParts.push(chunk.slice(start));
  }
  if (depth !== 0 || inString) throw new Error(`${path}: the JSON ends early (truncated file?)`);
}

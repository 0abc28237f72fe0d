import { randomBytes, randomInt } from 'node:crypto';
import type { CorpusKind } from '../../../api-types.ts';
import type { RangeRow } from './corpus-index.ts';

const SUFFIX_LENGTH: Record<CorpusKind, number> = { sha1: 35, ntlm: 27 };
const PADDED_MIN = 800;
const PADDED_MAX = 1000;
/** Random bytes per fake suffix: enough for 35 hex digits. */
const FAKE_BYTES = 18;
const HEX = Buffer.from('0123456789ABCDEF', 'latin1');
const COLON = 58;

/**
 * The body api.pwnedpasswords.com sends for /range/{prefix}: `SUFFIX:COUNT` lines, upper-case,
 * CRLF between them and none after the last. With `padding` (the `Add-Padding: true` header)
 * rows with count 0 and random suffixes bring the total to a random 800..1,000, so the response
 * size does not betray the prefix; clients drop count-0 rows. `rows` come sorted, as range()
 * returns them, and the fake ones are merged in order.
 */
export function formatRangeResponse(
  rows: readonly RangeRow[],
  opts: { padding: boolean; kind: CorpusKind },
): string {
  const length = SUFFIX_LENGTH[opts.kind];
  for (const r of rows) {
    if (r.suffix.length !== length) {
      throw new Error(
        `range response: a ${opts.kind} suffix has ${length} hex digits, got ${JSON.stringify(r.suffix)}`,
      );
    }
  }
  const target = opts.padding ? randomInt(PADDED_MIN, PADDED_MAX + 1) : 0;
  const fakes = Math.max(0, target - rows.length);
  // Sorting ~900 strings costs milliseconds in V8; the fakes are sorted as numbers instead.
  const pool = randomBytes(fakes * FAKE_BYTES);
  const order = sortedFakes(pool, fakes, length);
  const out = Buffer.allocUnsafe(rows.length * (length + 20) + fakes * (length + 4));
  let pos = 0;
  let f = 0;
  let previousFake = -1;
  const writeFake = (i: number) => {
    // Equal fakes (odds ~2^-100) or a fake equal to a real row would only repeat a suffix.
    if (previousFake >= 0 && compareFakes(pool, previousFake, i) === 0) return;
    previousFake = i;
    const o = i * FAKE_BYTES;
    for (let d = 0; d < length; d++) {
      const b = pool[o + (d >> 1)]!;
      out[pos++] = HEX[d & 1 ? b & 15 : b >> 4]!;
    }
    out[pos++] = COLON;
    out[pos++] = 48;
    out[pos++] = 13;
    out[pos++] = 10;
  };
  for (const row of rows) {
    const suffix = row.suffix.toUpperCase();
    while (f < order.length && compareToFake(suffix, pool, order[f]!) > 0) writeFake(order[f++]!);
    pos += out.write(suffix, pos, 'latin1');
    out[pos++] = COLON;
    pos += out.write(String(row.count), pos, 'latin1');
    out[pos++] = 13;
    out[pos++] = 10;
  }
  while (f < order.length) writeFake(order[f++]!);
  return out.toString('latin1', 0, Math.max(0, pos - 2));
}

/** Indexes of the fakes in ascending order; digits past the suffix length are cleared first. */
function sortedFakes(pool: Buffer, count: number, hexLength: number): Uint16Array {
  const keys = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const o = i * FAKE_BYTES;
    for (let d = hexLength; d < FAKE_BYTES * 2; d++) {
      pool[o + (d >> 1)] = d & 1 ? pool[o + (d >> 1)]! & 0xf0 : 0;
    }
    // 40 leading bits above a 10-bit index: exact in a float64, and ties keep the index order.
    const lead = pool[o]! * 2 ** 32 + pool.readUInt32BE(o + 1);
    keys[i] = lead * 1024 + i;
  }
  keys.sort();
  const order = new Uint16Array(count);
  for (let k = 0; k < count; k++) order[k] = keys[k]! % 1024;
  // Equal 40-bit leads (odds ~10^-6 per response) are put in order byte by byte.
  for (let k = 1; k < order.length; k++) {
    for (let j = k; j > 0 && compareFakes(pool, order[j - 1]!, order[j]!) > 0; j--) {
      const swap = order[j]!;
      order[j] = order[j - 1]!;
      order[j - 1] = swap;
    }
  }
  return order;
}

function compareFakes(pool: Buffer, a: number, b: number): number {
  const oa = a * FAKE_BYTES;
  const ob = b * FAKE_BYTES;
  for (let i = 0; i < FAKE_BYTES; i++) {
    const d = pool[oa + i]! - pool[ob + i]!;
    if (d !== 0) return d;
  }
  return 0;
}

/** Compares an upper-case hex suffix with fake `i`, digit by digit. */
function compareToFake(suffix: string, pool: Buffer, i: number): number {
  const o = i * FAKE_BYTES;
  for (let d = 0; d < suffix.length; d++) {
    const b = pool[o + (d >> 1)]!;
    const diff = suffix.charCodeAt(d) - HEX[d & 1 ? b & 15 : b >> 4]!;
    if (diff !== 0) return diff;
  }
  return 0;
}

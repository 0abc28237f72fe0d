// Text forms of BinXML values exactly as evtx_dump prints them (evtx crate 0.8, value_variant.rs
// and winstructs): GUIDs upper-case without braces, times with six fractional digits, HexInt as
// lower-case `0x...` of the two's-complement bits, binary as upper-case hex.

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0').toUpperCase());

/** Upper-case hex of `bytes[start, start + length)`. */
export function formatBinary(bytes: Uint8Array, start: number, length: number): string {
  let s = '';
  for (let i = start; i < start + length; i++) s += HEX[bytes[i]!]!;
  return s;
}

/** GUID in registry order (Data1-3 little-endian, Data4 as stored), upper-case, no braces. */
export function formatGuid(bytes: Uint8Array, p: number): string {
  const b = (i: number) => HEX[bytes[p + i]!]!;
  return (
    b(3) +
    b(2) +
    b(1) +
    b(0) +
    '-' +
    b(5) +
    b(4) +
    '-' +
    b(7) +
    b(6) +
    '-' +
    b(8) +
    b(9) +
    '-' +
    b(10) +
    b(11) +
    b(12) +
    b(13) +
    b(14) +
    b(15)
  );
}

/**
 * SID as `S-R-A-S1-S2...` (MS-DTYP 2.4.2.2): revision, 48-bit big-endian authority, then
 * little-endian 32-bit sub-authorities. Returns the byte length read in `out.length`.
 */
export function formatSid(
  view: DataView,
  p: number,
  limit: number,
): { text: string; length: number } | null {
  if (p + 8 > limit) return null;
  const revision = view.getUint8(p);
  const count = view.getUint8(p + 1);
  const length = 8 + count * 4;
  if (p + length > limit) return null;
  const authority = view.getUint16(p + 2) * 2 ** 32 + view.getUint32(p + 4);
  let text = `S-${revision}-${authority}`;
  for (let i = 0; i < count; i++) text += `-${view.getUint32(p + 8 + i * 4, true)}`;
  return { text, length };
}

/** `0x` + lower-case hex of an unsigned 32-bit value (Rust `{:x}` of an i32 prints its bits). */
export function formatHex32(value: number): string {
  return '0x' + (value >>> 0).toString(16);
}

/** `0x` + lower-case hex of a 64-bit value given as two unsigned 32-bit halves. */
export function formatHex64(low: number, high: number): string {
  if (high === 0) return '0x' + (low >>> 0).toString(16);
  return '0x' + (high >>> 0).toString(16) + (low >>> 0).toString(16).padStart(8, '0');
}

const pad2 = (n: number) => (n < 10 ? '0' + n : String(n));

// Days since 1970-01-01 to a civil date (H. Hinnant, "chrono-Compatible Low-Level Date
// Algorithms"); avoids a Date allocation per timestamp.
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function formatYear(y: number): string {
  // chrono's %Y: at least four digits, explicit sign outside 0..=9999.
  if (y >= 0 && y <= 9999) return String(y).padStart(4, '0');
  return (y < 0 ? '-' : '+') + String(Math.abs(y)).padStart(4, '0');
}

/** `YYYY-MM-DDTHH:MM:SS.ffffffZ` (chrono `%Y-%m-%dT%H:%M:%S%.6fZ`) from epoch ms and extra micros. */
function formatIso(epochMs: number, extraMicros: number): string {
  const days = Math.floor(epochMs / 86_400_000);
  const msOfDay = epochMs - days * 86_400_000;
  const [y, m, d] = civilFromDays(days);
  const secOfDay = Math.floor(msOfDay / 1000);
  const micros = (msOfDay - secOfDay * 1000) * 1000 + extraMicros;
  return (
    formatYear(y) +
    '-' +
    pad2(m) +
    '-' +
    pad2(d) +
    'T' +
    pad2(Math.floor(secOfDay / 3600)) +
    ':' +
    pad2(Math.floor(secOfDay / 60) % 60) +
    ':' +
    pad2(secOfDay % 60) +
    '.' +
    String(micros).padStart(6, '0') +
    'Z'
  );
}

const FILETIME_EPOCH_MS = 11_644_473_600_000; // 1601-01-01 to 1970-01-01

/**
 * FILETIME (100 ns ticks since 1601) as evtx_dump prints it, truncated to microseconds. The
 * 64-bit tick count is split so that every step stays an exact double.
 */
export function formatFiletime(low: number, high: number): string {
  // ticks = high * 2^32 + low, and 2^32 = 10_000 * 429_496 + 7_296.
  const a = high * 7296 + low;
  const ms = high * 429_496 + Math.floor(a / 10_000);
  const rest = a % 10_000;
  return formatIso(ms - FILETIME_EPOCH_MS, Math.floor(rest / 10));
}

/** FILETIME as chrono's RFC 3339 `AutoSi` form (used by evtx_dump for FILETIME arrays). */
export function formatFiletimeRfc3339(low: number, high: number): string {
  const full = formatFiletime(low, high);
  const a = high * 7296 + low;
  const nanos = (a % 10_000) * 100;
  const dot = full.lastIndexOf('.');
  const millis = full.slice(dot + 1, dot + 4);
  const base = full.slice(0, dot);
  const micros = full.slice(dot + 1, dot + 7);
  if (nanos % 1000 !== 0) return `${base}.${micros}${String(nanos % 1000).padStart(3, '0')}Z`;
  if (micros.endsWith('000')) return millis === '000' ? `${base}Z` : `${base}.${millis}Z`;
  return `${base}.${micros}Z`;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * SYSTEMTIME (MS-DTYP 2.3.13: eight little-endian u16) as evtx_dump prints it, or null when
 * it is not a real date (evtx_dump fails the record then). All-zero means 1601-01-01.
 */
export function formatSystemtime(view: DataView, p: number): string | null {
  const f = (i: number) => view.getUint16(p + i * 2, true);
  const [year, month, day, hour, minute, second, ms] = [f(0), f(1), f(3), f(4), f(5), f(6), f(7)];
  if (
    year === 0 &&
    month === 0 &&
    day === 0 &&
    hour === 0 &&
    minute === 0 &&
    second === 0 &&
    ms === 0
  ) {
    return '1601-01-01T00:00:00.000000Z';
  }
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59 || ms > 999)
    return null;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const dim = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
  if (day > dim) return null;
  return (
    formatYear(year) +
    '-' +
    pad2(month) +
    '-' +
    pad2(day) +
    'T' +
    pad2(hour) +
    ':' +
    pad2(minute) +
    ':' +
    pad2(second) +
    '.' +
    String(ms * 1000).padStart(6, '0') +
    'Z'
  );
}

/** The shortest decimal that reads back as the same float32 (serde_json prints f32 this way). */
export function float32ToNumber(value: number): number {
  if (!Number.isFinite(value)) return value;
  for (let p = 1; p < 10; p++) {
    const n = Number(value.toPrecision(p));
    if (Math.fround(n) === value) return n;
  }
  return value;
}

// Rust `str::trim_end` removes Unicode White_Space; JavaScript's trimEnd differs (it trims
// U+FEFF but not U+0085), and evtx 0.8 trims every sized UTF-16 string with Rust's rule.
function isRustWhitespace(c: number): boolean {
  return (
    (c >= 9 && c <= 13) ||
    c === 32 ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** Trims trailing whitespace as Rust's `trim_end` does. */
export function trimEndRust(s: string): string {
  let end = s.length;
  while (end > 0 && isRustWhitespace(s.charCodeAt(end - 1))) end--;
  return end === s.length ? s : s.slice(0, end);
}

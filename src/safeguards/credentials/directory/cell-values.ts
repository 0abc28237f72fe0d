import type { Cell } from './table-reader.ts';

/**
 * Cell parsers. They throw CellError with what was expected; the caller adds the file, line and
 * column. Empty cells are null ("not known" or "never"), never an error.
 */
export class CellError extends Error {
  override name = 'CellError';
}

export type DateOrder = 'mdy' | 'dmy';

const NEVER = new Set(['', 'never', 'null', 'none', 'n/a', '-']);

export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (Array.isArray(cell)) return cell.map(String).join(', ');
  return String(cell).trim();
}

/** True/False as PowerShell writes them; also yes/no, 1/0 and JSON booleans. */
export function parseBoolean(cell: Cell | undefined): boolean | null {
  if (typeof cell === 'boolean') return cell;
  const text = cellText(cell).toLowerCase();
  if (text === '') return null;
  if (['true', 'yes', 'y', '1'].includes(text)) return true;
  if (['false', 'no', 'n', '0'].includes(text)) return false;
  throw new CellError(`expected True or False, got ${JSON.stringify(cellText(cell))}`);
}

const SLASH_DATE =
  /^(\d{1,2})([/.])(\d{1,2})[/.](\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([AaPp][Mm])?)?$/;

/**
 * Which order the slash dates of an export use. PowerShell writes dates in the exporting
 * machine's culture: `3/14/2026 8:12:45 AM` in en-US, `14/03/2026 08:12:45` in en-GB. A day
 * above 12 tells; when nothing does, US order is assumed (the format of Get-ADUser's default
 * culture). Dotted dates (`14.03.2026`) are always day first.
 */
export function detectDateOrder(values: Iterable<string>): DateOrder | 'conflict' {
  let dayFirst = false;
  let monthFirst = false;
  for (const v of values) {
    const m = SLASH_DATE.exec(v.trim());
    if (!m || m[2] === '.') continue;
    if (Number(m[1]) > 12) dayFirst = true;
    if (Number(m[3]) > 12) monthFirst = true;
  }
  if (dayFirst && monthFirst) return 'conflict';
  return dayFirst ? 'dmy' : 'mdy';
}

// FILETIME: 100-nanosecond intervals since 1601-01-01 UTC (AD's lastLogonTimestamp, pwdLastSet).
const FILETIME_EPOCH_OFFSET_MS = 11_644_473_600_000n;
const FILETIME_NEVER = 9_223_372_036_854_775_807n;

/**
 * ISO 8601 (Graph, Okta), culture dates from PowerShell (see detectDateOrder) and Windows
 * FILETIME integers. A time without a zone is read as UTC: PowerShell writes the exporting
 * machine's local time without saying which, and the checks count days, not hours.
 */
export function parseDate(cell: Cell | undefined, order: DateOrder): Date | null {
  const text = cellText(cell);
  if (NEVER.has(text.toLowerCase())) return null;
  if (/^\d+$/.test(text)) return parseFiletime(text);
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
    let iso = text.replace(' ', 'T');
    if (iso.length > 10 && !/(Z|[+-]\d{2}:?\d{2})$/i.test(iso)) iso += 'Z';
    const ms = Date.parse(iso);
    if (!Number.isNaN(ms)) return new Date(ms);
  }
  const m = SLASH_DATE.exec(text);
  if (m) {
    const dayFirst = m[2] === '.' || order === 'dmy';
    const day = Number(dayFirst ? m[1] : m[3]);
    const month = Number(dayFirst ? m[3] : m[1]);
    let hour = Number(m[5] ?? 0);
    const meridiem = m[8]?.toLowerCase();
    if (meridiem && (hour < 1 || hour > 12)) throw dateError(text);
    if (meridiem === 'pm' && hour < 12) hour += 12;
    if (meridiem === 'am' && hour === 12) hour = 0;
    const date = new Date(
      Date.UTC(Number(m[4]), month - 1, day, hour, Number(m[6] ?? 0), Number(m[7] ?? 0)),
    );
    if (date.getUTCDate() === day && date.getUTCMonth() === month - 1 && hour < 24) return date;
  }
  throw dateError(text);
}

function parseFiletime(text: string): Date | null {
  const ticks = BigInt(text);
  if (ticks === 0n || ticks >= FILETIME_NEVER) return null;
  if (text.length < 15) {
    throw new CellError(
      `expected a date or a Windows FILETIME (18 digits), got ${JSON.stringify(text)}`,
    );
  }
  return new Date(Number(ticks / 10_000n - FILETIME_EPOCH_OFFSET_MS));
}

function dateError(text: string): CellError {
  return new CellError(
    `expected a date such as 2026-03-14T08:12:45Z or 3/14/2026 8:12:45 AM, got ${JSON.stringify(text)}`,
  );
}

/**
 * A list cell: JSON arrays (of strings, or of objects such as Okta factors, read by their type),
 * or text separated by commas, semicolons, pipes or new lines, with optional brackets/quotes.
 */
export function parseList(cell: Cell | undefined): string[] {
  if (Array.isArray(cell)) return cell.map(listItemName).filter((s) => s !== '');
  const text = cellText(cell).replace(/^\[|\]$/g, '');
  return text
    .split(/[,;|\n]/)
    .map((s) => s.trim().replace(/^["']|["']$/g, ''))
    .filter((s) => s !== '' && !NEVER.has(s.toLowerCase()));
}

function listItemName(item: unknown): string {
  if (typeof item === 'string' || typeof item === 'number') return String(item).trim();
  if (typeof item === 'object' && item !== null) {
    const o = item as Record<string, unknown>;
    const name = o.factorType ?? o.type ?? o.methodType ?? o.name ?? o.displayName ?? o.label;
    return typeof name === 'string' ? name.trim() : '';
  }
  return '';
}

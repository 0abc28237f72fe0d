import { parse as parseCsv } from 'csv-parse/sync';
import { DirectoryInputError } from './directory-errors.ts';

/** One value of an export: CSV cells are strings, JSON keeps its types (lists stay lists). */
export type Cell = string | number | boolean | null | readonly unknown[];

export interface TableRow {
  /** CSV: the line the record starts on. JSON: the record's position in the array. */
  line?: number;
  record?: number;
  values: Record<string, Cell>;
}

/** A CSV or JSON export as columns and rows, before any meaning is given to them. */
export interface Table {
  fileName: string;
  format: 'csv' | 'json';
  /** CSV headers as written, or JSON dot paths (`signInActivity.lastSignInDateTime`). */
  columns: string[];
  /** The class named by PowerShell's `#TYPE` first line (`Microsoft.ActiveDirectory...ADUser`). */
  typeLine: string | null;
  rows: TableRow[];
}

/** Reads a CSV (comma, semicolon or tab separated) or a JSON export; the format is sniffed. */
export function readTable(fileName: string, input: string | Buffer): Table {
  const text = decodeText(input);
  const start = text.trimStart()[0];
  if (start === '[' || start === '{') return readJson(fileName, text);
  return readCsv(fileName, text);
}

/**
 * Windows PowerShell 5.1 writes `Export-Csv -Encoding Unicode` as UTF-16LE with a BOM, and Excel
 * "Unicode text" too; everything else is UTF-8, with or without a BOM.
 */
export function decodeText(input: string | Buffer): string {
  if (typeof input === 'string') return input.replace(/^\uFEFF/, '');
  if (input[0] === 0xff && input[1] === 0xfe) return input.subarray(2).toString('utf16le');
  if (input[0] === 0xfe && input[1] === 0xff) {
    const swapped = Buffer.from(input.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  return input.toString('utf8').replace(/^\uFEFF/, '');
}

function readCsv(fileName: string, text: string): Table {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const typeMatch = /^#TYPE\s+(.*)$/i.exec(firstLine.trim());
  const headerLine = typeMatch ? (text.split(/\r?\n/, 2)[1] ?? '') : firstLine;
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text, {
      bom: true,
      delimiter: sniffDelimiter(headerLine),
      from_line: typeMatch ? 2 : 1,
      skip_empty_lines: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new DirectoryInputError(
      { file: fileName, line },
      `not a readable CSV file: ${(err as Error).message}`,
    );
  }
  const [header, ...body] = records;
  if (!header) throw new DirectoryInputError({ file: fileName }, 'the file is empty');
  const columns = header.record.map((c) => c.trim());
  const rows: TableRow[] = body.map(({ record, info }) => {
    const values: Record<string, Cell> = {};
    columns.forEach((c, i) => {
      if (c && !(c in values)) values[c] = record[i] ?? '';
    });
    // info.lines is where the record ends; a quoted cell may span lines.
    const newlines = record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
    return { line: info.lines - newlines, values };
  });
  return {
    fileName,
    format: 'csv',
    columns: columns.filter(Boolean),
    typeLine: typeMatch?.[1]?.trim() ?? null,
    rows,
  };
}

/** `Export-Csv -UseCulture` writes semicolons in much of Europe; Excel may save tabs. */
function sniffDelimiter(headerLine: string): string {
  const outsideQuotes = headerLine.replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => ({ d, n: outsideQuotes.split(d).length - 1 }));
  const best = counts.reduce((a, b) => (b.n > a.n ? b : a));
  return best.n > 0 ? best.d : ',';
}

function readJson(fileName: string, text: string): Table {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new DirectoryInputError({ file: fileName }, `not valid JSON: ${(err as Error).message}`);
  }
  const records = Array.isArray(data)
    ? data
    : isPlainObject(data) && Array.isArray(data.value)
      ? data.value
      : null;
  if (!records) {
    throw new DirectoryInputError(
      { file: fileName },
      'expected a JSON array of users, or a Microsoft Graph response { "value": [...] }',
    );
  }
  const columns = new Set<string>();
  const rows = records.map((r: unknown, i): TableRow => {
    if (!isPlainObject(r)) {
      throw new DirectoryInputError(
        { file: fileName, record: i + 1 },
        `expected an object, got ${JSON.stringify(r)?.slice(0, 60)}`,
      );
    }
    const values: Record<string, Cell> = {};
    flatten(r, '', values);
    for (const k of Object.keys(values)) columns.add(k);
    return { record: i + 1, values };
  });
  return { fileName, format: 'json', columns: [...columns], typeLine: null, rows };
}

/** Nested objects become dot paths; lists stay lists (methodsRegistered, factors). */
function flatten(obj: Record<string, unknown>, prefix: string, out: Record<string, Cell>): void {
  for (const [key, value] of Object.entries(obj)) {
    // Okta's hypermedia links are noise for an audit, and there are many of them.
    if (key === '_links') continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(value)) flatten(value, path, out);
    else if (Array.isArray(value)) out[path] = value;
    else if (value === null || ['string', 'number', 'boolean'].includes(typeof value))
      out[path] = value as Cell;
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

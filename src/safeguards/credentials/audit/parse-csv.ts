// Application user tables exported as CSV with a header row. The account and hash columns are
// found by name (configurable); the delimiter (comma, semicolon or tab) by counting the header.
import { parse } from 'csv-parse/sync';
import { bareLogin } from './candidate-variants.ts';
import type { ParsedDump } from './types.ts';

export interface CsvColumns {
  userColumn?: string | undefined;
  hashColumn?: string | undefined;
}

const USER_NAMES = ['user', 'username', 'login', 'email', 'account', 'samaccountname', 'userid'];
const USER_PREFIXES = ['user', 'login', 'email', 'mail', 'account'];
const HASH_NAMES = [
  'hash',
  'password',
  'passwordhash',
  'passwd',
  'pwd',
  'pass',
  'passhash',
  'pwhash',
  'passworddigest',
  'encryptedpassword',
  'hashedpassword',
];
const HASH_PARTS = ['hash', 'passw', 'digest'];

const normalise = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

export function detectCsvDelimiter(headerLine: string): string {
  const counts = [',', ';', '\t', '|'].map((d) => [d, headerLine.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}

/** The index of the column named like one of `names` (exactly, then by prefix or part). */
export function findColumn(
  header: readonly string[],
  exact: readonly string[],
  partial: readonly string[],
  mode: 'prefix' | 'includes',
): number {
  const names = header.map(normalise);
  const byExact = names.findIndex((n) => exact.includes(n));
  if (byExact >= 0) return byExact;
  return names.findIndex((n) =>
    partial.some((p) => (mode === 'prefix' ? n.startsWith(p) : n.includes(p))),
  );
}

export function parseCsvDump(text: string, fileName: string, columns: CsvColumns = {}): ParsedDump {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = detectCsvDelimiter(firstLine);
  let rows: Array<{ record: string[]; info: { lines: number } }>;
  try {
    rows = parse(text, {
      delimiter,
      bom: true,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      // With info: true each row is { record, info }; the typings only model plain records.
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (err) {
    const where = (err as { lines?: number }).lines;
    throw new Error(
      `${fileName}${where ? ` line ${where}` : ''}: not readable as CSV (${(err as Error).message})`,
      { cause: err },
    );
  }
  const headerRow = rows[0];
  if (!headerRow) throw new Error(`${fileName}: empty CSV, expected a header row`);
  const header = headerRow.record.map((h) => h.trim());
  const shown = header.map((h) => h || '(blank)').join(', ');
  const pick = (given: string | undefined, what: string, find: () => number, looked: string) => {
    const index = given
      ? header.findIndex((h) => h.toLowerCase() === given.trim().toLowerCase())
      : find();
    if (index < 0) {
      throw new Error(
        given
          ? `${fileName} line 1: no column named "${given}" for the ${what} (header: ${shown})`
          : `${fileName} line 1: no column for the ${what} (looked for ${looked}; header: ${shown}); name the column explicitly`,
      );
    }
    return index;
  };
  const userIndex = pick(
    columns.userColumn,
    'account name',
    () => findColumn(header, USER_NAMES, USER_PREFIXES, 'prefix'),
    'user, username, login, email, account',
  );
  const hashIndex = pick(
    columns.hashColumn,
    'password hash',
    () => findColumn(header, HASH_NAMES, HASH_PARTS, 'includes'),
    'hash, password, password_hash, passwd',
  );

  const out: ParsedDump = { accounts: [], skippedLines: [], notes: [] };
  const needed = Math.max(userIndex, hashIndex) + 1;
  for (const { record, info } of rows.slice(1)) {
    const line = info.lines;
    if (record.length < needed) {
      out.skippedLines.push({
        line,
        reason: `expected at least ${needed} columns (to reach "${header[Math.max(userIndex, hashIndex)]}"), found ${record.length}`,
      });
      continue;
    }
    const account = record[userIndex]!.trim();
    if (!account) {
      out.skippedLines.push({ line, reason: `column "${header[userIndex]}" (account) is empty` });
      continue;
    }
    out.accounts.push({ line, account, username: bareLogin(account), hash: record[hashIndex]! });
  }
  return out;
}

import { normaliseIdentifier, type DirectoryAccount } from './account-parse.ts';
import { CellError, cellText, detectDateOrder, parseDate } from './cell-values.ts';
import { DirectoryInputError } from './directory-errors.ts';
import { normaliseColumn } from './directory-fields.ts';
import { readTable } from './table-reader.ts';

/** Someone on the leavers list: every identifier HR gave, and the day they left. */
export interface Leaver {
  identifiers: string[];
  leftOn: Date;
  line?: number;
}

export interface Terminations {
  fileName: string;
  leavers: Leaver[];
  /** By normalised identifier (account, email, employee id). */
  byIdentifier: Map<string, Leaver>;
}

const IDENTIFIER_COLUMNS = [
  'account',
  'username',
  'login',
  'SamAccountName',
  'userPrincipalName',
  'upn',
  'email',
  'mail',
  'EmailAddress',
  'employeeId',
  'employee number',
  'staff number',
  'staff id',
  'payroll number',
].map(normaliseColumn);

const DATE_COLUMNS = [
  'leaving date',
  'leave date',
  'termination date',
  'terminated',
  'end date',
  'last day',
  'last working day',
  'date left',
  'left',
  'exit date',
  'date',
].map(normaliseColumn);

/**
 * Reads HR's list of leavers (CSV or JSON): one or more identifier columns (account, email or
 * employee id) and a leaving date. Errors name the column expected and the columns found.
 */
export function parseTerminations(input: {
  fileName: string;
  text: string | Buffer;
}): Terminations {
  const table = readTable(input.fileName, input.text);
  const found = table.columns.join(', ') || '(none)';
  const idColumns = table.columns.filter((c) => IDENTIFIER_COLUMNS.includes(normaliseColumn(c)));
  if (idColumns.length === 0) {
    throw new DirectoryInputError(
      { file: input.fileName },
      `missing an account, email or employeeId column in the terminations list; columns found: ${found}`,
    );
  }
  const dateColumn = DATE_COLUMNS.map((d) =>
    table.columns.find((c) => normaliseColumn(c) === d),
  ).find((c) => c !== undefined);
  if (!dateColumn) {
    throw new DirectoryInputError(
      { file: input.fileName },
      `missing a leaving date column (e.g. "Leaving date" or "Termination date") in the terminations list; columns found: ${found}`,
    );
  }
  const order = detectDateOrder(table.rows.map((r) => cellText(r.values[dateColumn])));
  if (order === 'conflict') {
    throw new DirectoryInputError(
      { file: input.fileName, column: dateColumn },
      'the dates mix day-first and month-first order; use one, or ISO 8601 (2026-03-14)',
    );
  }
  const byIdentifier = new Map<string, Leaver>();
  const leavers = table.rows.flatMap((row): Leaver[] => {
    const identifiers = idColumns
      .map((c) => cellText(row.values[c]))
      .filter((v) => v !== '')
      .map(normaliseIdentifier);
    if (identifiers.length === 0) return [];
    const place = { file: input.fileName, line: row.line, record: row.record, column: dateColumn };
    let leftOn: Date | null;
    try {
      leftOn = parseDate(row.values[dateColumn], order === 'dmy' ? 'dmy' : 'mdy');
    } catch (err) {
      if (err instanceof CellError) throw new DirectoryInputError(place, err.message);
      throw err;
    }
    if (!leftOn) throw new DirectoryInputError(place, 'the leaving date is empty');
    const leaver = { identifiers, leftOn, line: row.line };
    for (const id of identifiers) {
      const known = byIdentifier.get(id);
      // Listed twice (left, came back, left again): the latest leaving date is the one that holds.
      if (!known || known.leftOn < leftOn) byIdentifier.set(id, leaver);
    }
    return [leaver];
  });
  return { fileName: input.fileName, leavers, byIdentifier };
}

/** The leaver this account belongs to, matched on any of its names; null when none. */
export function findLeaver(terms: Terminations, account: DirectoryAccount): Leaver | null {
  for (const alias of account.aliases) {
    const leaver = terms.byIdentifier.get(alias);
    if (leaver) return leaver;
  }
  return null;
}

import type { DirectorySource } from '../../../api-types.ts';
import { parseAccountRow, type AccountRow, type DirectoryAccount } from './account-parse.ts';
import { cellText, detectDateOrder, type DateOrder } from './cell-values.ts';
import { requireSource, resolveColumns } from './column-resolve.ts';
import { DirectoryInputError } from './directory-errors.ts';
import type { ColumnMapping, DirectoryField } from './directory-fields.ts';
import { readTable, type Table } from './table-reader.ts';

export interface DirectoryExportInput {
  fileName: string;
  text: string | Buffer;
  /** Default 'auto': told from the columns. */
  source?: DirectorySource | 'auto';
  /** Columns to use instead of the source's usual names. */
  mapping?: ColumnMapping;
}

export interface DirectoryExport {
  source: DirectorySource;
  fileName: string;
  /** The column read for each field that was found. */
  columns: ColumnMapping;
  /** False when the export says nothing about MFA (AD alone, a Graph users list alone). */
  mfaKnown: boolean;
  /** False when there are no sign-in times (stale accounts cannot be judged). */
  signInKnown: boolean;
  /** One per user; a user listed twice (users + registration details) is merged. */
  accounts: DirectoryAccount[];
}

const DATE_FIELDS: DirectoryField[] = [
  'lastSignIn',
  'lastLogonTimestamp',
  'created',
  'passwordLastSet',
];

/**
 * Reads a user export of Active Directory, Entra ID or Okta (CSV or JSON) into accounts. Pure:
 * no database; errors are DirectoryInputErrors that name the file, line and column.
 */
export function parseDirectoryExport(input: DirectoryExportInput): DirectoryExport {
  const table = readTable(input.fileName, input.text);
  const source = input.source && input.source !== 'auto' ? input.source : requireSource(table);
  const columns = resolveColumns(table, source, input.mapping);
  if (table.rows.length === 0)
    throw new DirectoryInputError({ file: input.fileName }, 'the export lists no users');
  const ctx = { fileName: input.fileName, source, columns, dateOrder: dateOrderOf(table, columns) };
  const byName = new Map<string, AccountRow>();
  for (const row of table.rows) {
    const account = parseAccountRow(row, ctx);
    const key = account.name.toLowerCase();
    const seen = byName.get(key);
    byName.set(key, seen ? mergeAccounts(seen, account) : account);
  }
  return {
    source,
    fileName: input.fileName,
    columns,
    mfaKnown: columns.mfa !== undefined || columns.mfaMethods !== undefined,
    signInKnown: columns.lastSignIn !== undefined || columns.lastLogonTimestamp !== undefined,
    accounts: [...byName.values()].map((a) => ({ ...a, enabled: a.enabled ?? true })),
  };
}

function dateOrderOf(table: Table, columns: ColumnMapping): DateOrder {
  const dateColumns = DATE_FIELDS.flatMap((f) => columns[f] ?? []);
  const values = table.rows.flatMap((r) => dateColumns.map((c) => cellText(r.values[c])));
  const order = detectDateOrder(values);
  if (order === 'conflict') {
    throw new DirectoryInputError(
      { file: table.fileName, column: dateColumns.join(', ') },
      'the dates mix day-first (14/03/2026) and month-first (03/14/2026) order; export them in one culture, or as ISO 8601',
    );
  }
  return order;
}

/**
 * The same user twice, e.g. a Graph users list and its userRegistrationDetails in one JSON
 * array: what the first record leaves unknown the second fills in; lists are joined.
 */
function mergeAccounts(a: AccountRow, b: AccountRow): AccountRow {
  const union = (x: string[], y: string[]) => [...new Set([...x, ...y])];
  return {
    ...a,
    aliases: union(a.aliases, b.aliases),
    email: a.email ?? b.email,
    displayName: a.displayName ?? b.displayName,
    department: a.department ?? b.department,
    employeeId: a.employeeId ?? b.employeeId,
    description: a.description ?? b.description,
    enabled: a.enabled ?? b.enabled,
    status: a.status ?? b.status,
    lastSignIn: latest(a.lastSignIn, b.lastSignIn),
    created: a.created ?? b.created,
    passwordLastSet: a.passwordLastSet ?? b.passwordLastSet,
    passwordNeverExpires: a.passwordNeverExpires ?? b.passwordNeverExpires,
    privileged: a.privileged || b.privileged,
    privilegeReasons: union(a.privilegeReasons, b.privilegeReasons),
    mfa: a.mfa === null ? b.mfa : b.mfa === null ? a.mfa : a.mfa || b.mfa,
    mfaMethods: union(a.mfaMethods, b.mfaMethods),
    phishingResistant: a.phishingResistant || b.phishingResistant,
  };
}

function latest(a: Date | null, b: Date | null): Date | null {
  if (!a || !b) return a ?? b;
  return a.getTime() >= b.getTime() ? a : b;
}

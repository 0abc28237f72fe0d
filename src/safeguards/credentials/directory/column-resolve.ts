import type { DirectorySource } from '../../../api-types.ts';
import { DirectoryInputError } from './directory-errors.ts';
import {
  COLUMN_CANDIDATES,
  DIRECTORY_FIELDS,
  normaliseColumn,
  type ColumnMapping,
  type DirectoryField,
} from './directory-fields.ts';
import type { Table } from './table-reader.ts';

export const SOURCE_NAMES: Record<DirectorySource, string> = {
  ad: 'Active Directory',
  entra: 'Microsoft Entra ID',
  okta: 'Okta',
};

const has = (columns: Set<string>, ...names: string[]) =>
  names.some((n) => columns.has(normaliseColumn(n)));

/**
 * Which directory an export comes from, by its columns: sAMAccountName is AD's alone (an AD
 * export also has userPrincipalName, so it is asked first); accountEnabled and the
 * registration-details columns are Graph's; login/status are Okta's.
 */
export function detectSource(table: Table): DirectorySource | null {
  const columns = new Set(table.columns.map(normaliseColumn));
  if (/ActiveDirectory/i.test(table.typeLine ?? '') || has(columns, 'sAMAccountName')) return 'ad';
  if (
    has(
      columns,
      'accountEnabled',
      'isMfaRegistered',
      'isMfaCapable',
      'methodsRegistered',
      'isAdmin',
      'userPrincipalName',
      'signInActivity.lastSignInDateTime',
    )
  )
    return 'entra';
  if (has(columns, 'profile.login', 'login', 'username') || has(columns, 'lastLogin'))
    return 'okta';
  return null;
}

export function requireSource(table: Table): DirectorySource {
  const source = detectSource(table);
  if (source) return source;
  throw new DirectoryInputError(
    { file: table.fileName },
    `cannot tell which directory this export comes from; expected SamAccountName (Active Directory), ` +
      `userPrincipalName or accountEnabled (Entra ID), or login and status (Okta); ` +
      `columns found: ${listColumns(table)}. Say the source explicitly`,
  );
}

/**
 * The export's column for each field: the mapping's when given (it must exist), else the
 * source's usual names. The account column is required; so is Enabled for AD, because without
 * it every disabled account would be audited as a live one.
 */
export function resolveColumns(
  table: Table,
  source: DirectorySource,
  mapping: ColumnMapping = {},
): ColumnMapping {
  const byNorm = new Map<string, string>();
  for (const c of table.columns)
    if (!byNorm.has(normaliseColumn(c))) byNorm.set(normaliseColumn(c), c);
  const resolved: ColumnMapping = {};
  for (const field of DIRECTORY_FIELDS) {
    const wanted = mapping[field];
    if (wanted !== undefined) {
      const column = byNorm.get(normaliseColumn(wanted));
      if (!column) {
        throw new DirectoryInputError(
          { file: table.fileName },
          `the mapping ${field}=${wanted} names a column the file does not have; columns found: ${listColumns(table)}`,
        );
      }
      resolved[field] = column;
      continue;
    }
    const column = (COLUMN_CANDIDATES[source][field] ?? [])
      .map((c) => byNorm.get(normaliseColumn(c)))
      .find((c) => c !== undefined);
    if (column) resolved[field] = column;
  }
  const required: DirectoryField[] = source === 'ad' ? ['account', 'enabled'] : ['account'];
  for (const field of required) {
    if (resolved[field]) continue;
    const expected = COLUMN_CANDIDATES[source][field]?.[0] ?? field;
    throw new DirectoryInputError(
      { file: table.fileName },
      `missing column ${expected}, which ${SOURCE_NAMES[source]} exports have ` +
        `(or map another: ${field}=<column>); columns found: ${listColumns(table)}`,
    );
  }
  return resolved;
}

function listColumns(table: Table): string {
  const shown = table.columns.slice(0, 40).join(', ');
  return table.columns.length > 40
    ? `${shown}, ... (${table.columns.length} in all)`
    : shown || '(none)';
}

import type { DirectorySource } from '../../../api-types.ts';
import {
  CellError,
  cellText,
  parseBoolean,
  parseDate,
  parseList,
  type DateOrder,
} from './cell-values.ts';
import { DirectoryInputError } from './directory-errors.ts';
import type { ColumnMapping, DirectoryField } from './directory-fields.ts';
import { isPhishingResistant, isSecondFactor } from './mfa-methods.ts';
import { isUnjoinedCollection, privilegedGroups } from './privileged.ts';
import type { Cell, TableRow } from './table-reader.ts';

/** One user of a directory export, with what Ward needs to judge it. */
export interface DirectoryAccount {
  /** The account asset's name: the UPN when an AD export has one, else the account column. */
  name: string;
  /** Every name the user goes by (account, UPN, email, employee id), lower-case, for leavers. */
  aliases: string[];
  /** Where the user is in the file (the first place, when a user appears twice). */
  line?: number;
  record?: number;
  email: string | null;
  displayName: string | null;
  department: string | null;
  employeeId: string | null;
  description: string | null;
  enabled: boolean;
  /** Okta's lifecycle status as exported (ACTIVE, SUSPENDED...). */
  status: string | null;
  lastSignIn: Date | null;
  created: Date | null;
  passwordLastSet: Date | null;
  passwordNeverExpires: boolean | null;
  privileged: boolean;
  /** Why the account counts as privileged: groups, adminCount=1, isAdmin, admin roles. */
  privilegeReasons: string[];
  /** null when the export says nothing about MFA. */
  mfa: boolean | null;
  mfaMethods: string[];
  phishingResistant: boolean;
}

// Okta user lifecycle (developer.okta.com, "User status"): these accounts can sign in or be
// made to; STAGED was never activated, SUSPENDED and DEPROVISIONED cannot sign in.
const OKTA_ENABLED = ['ACTIVE', 'PROVISIONED', 'RECOVERY', 'LOCKED_OUT', 'PASSWORD_EXPIRED'];
const OKTA_DISABLED = ['STAGED', 'SUSPENDED', 'DEPROVISIONED'];

export interface RowContext {
  fileName: string;
  source: DirectorySource;
  columns: ColumnMapping;
  dateOrder: DateOrder;
}

/** A row as read: `enabled` is null when the row does not say (merged, then defaulted). */
export type AccountRow = Omit<DirectoryAccount, 'enabled'> & { enabled: boolean | null };

/** Reads one row; a bad value is a DirectoryInputError naming the line and column. */
export function parseAccountRow(row: TableRow, ctx: RowContext): AccountRow {
  const { columns } = ctx;
  const read = <T>(field: DirectoryField, parse: (cell: Cell | undefined) => T): T | null => {
    const column = columns[field];
    if (!column) return null;
    try {
      return parse(row.values[column]);
    } catch (err) {
      if (!(err instanceof CellError)) throw err;
      throw new DirectoryInputError(
        { file: ctx.fileName, line: row.line, record: row.record, column },
        err.message,
      );
    }
  };
  const text = (field: DirectoryField) => read(field, cellText) || null;
  const date = (field: DirectoryField) => read(field, (c) => parseDate(c, ctx.dateOrder));

  const account = text('account');
  if (!account) {
    throw new DirectoryInputError(
      { file: ctx.fileName, line: row.line, record: row.record, column: columns.account },
      'the account name is empty',
    );
  }
  const upn = text('upn');
  const email = text('email');
  const employeeId = text('employeeId');
  const status = read('status', oktaStatus);
  const enabled = read('enabled', parseBoolean) ?? (status ? OKTA_ENABLED.includes(status) : null);
  const signIns = [date('lastSignIn'), date('lastLogonTimestamp')].filter((d) => d !== null);
  const methods = read('mfaMethods', parseList) ?? [];
  const mfaFlag = read('mfa', parseBoolean);
  // A JSON record without the key says nothing (Graph users objects carry no MFA data); an
  // empty CSV cell, or an empty list, in an export that has the column means none registered.
  const inRow = (field: DirectoryField) => {
    const column = columns[field];
    return column !== undefined && row.values[column] !== undefined;
  };
  const mfaKnown = inRow('mfa') || inRow('mfaMethods');
  const privilegeReasons = [
    ...(read('memberOf', memberOfGroups) ?? []).map((g) => `member of ${g}`),
    ...(read('adminCount', parseBoolean) ? ['adminCount=1'] : []),
    ...(read('admin', adminRoles) ?? []),
  ];
  const name = (ctx.source === 'ad' && upn) || account;
  // The core refuses longer asset names; say so here, before anything is written.
  if (name.length > 200) {
    throw new DirectoryInputError(
      { file: ctx.fileName, line: row.line, record: row.record, column: columns.account },
      'the account name is longer than 200 characters',
    );
  }
  return {
    name,
    aliases: accountAliases([account, upn, email, employeeId]),
    line: row.line,
    record: row.record,
    email: email && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : null,
    displayName: text('displayName'),
    department: text('department'),
    employeeId,
    description: text('description'),
    enabled,
    status,
    lastSignIn: signIns.length ? new Date(Math.max(...signIns.map((d) => d.getTime()))) : null,
    created: date('created'),
    passwordLastSet: date('passwordLastSet'),
    passwordNeverExpires: read('passwordNeverExpires', neverExpires),
    privileged: privilegeReasons.length > 0,
    privilegeReasons,
    mfa: mfaKnown ? mfaFlag === true || methods.some(isSecondFactor) : null,
    mfaMethods: methods,
    phishingResistant: methods.some(isPhishingResistant),
  };
}

/**
 * The names a leavers list may use for this account. HR often lists the bare user name
 * (`jsmith`) while Entra and Okta name accounts by UPN or email, so the part before the `@` is
 * one of them too.
 */
function accountAliases(names: (string | null)[]): string[] {
  const out = new Set<string>();
  for (const name of names) {
    if (name === null) continue;
    const id = normaliseIdentifier(name);
    out.add(id);
    if (id.includes('@')) out.add(id.slice(0, id.indexOf('@')));
  }
  return [...out];
}

/** Lower-case, and without a `DOMAIN\` prefix, so `STMARYS\jsmith` matches `jsmith`. */
export function normaliseIdentifier(value: string): string {
  const lower = value.trim().toLowerCase();
  const slash = lower.lastIndexOf('\\');
  return slash >= 0 ? lower.slice(slash + 1) : lower;
}

function oktaStatus(cell: Cell | undefined): string | null {
  const value = cellText(cell).toUpperCase().replace(/\s+/g, '_');
  if (!value) return null;
  if (OKTA_ENABLED.includes(value) || OKTA_DISABLED.includes(value)) return value;
  throw new CellError(
    `unknown Okta status ${JSON.stringify(cellText(cell))}; expected one of ${[...OKTA_ENABLED, ...OKTA_DISABLED].join(', ')}`,
  );
}

function memberOfGroups(cell: Cell | undefined): string[] {
  const values = Array.isArray(cell) ? cell.map(String) : [cellText(cell)];
  if (values.some(isUnjoinedCollection)) {
    throw new CellError(
      `holds ${JSON.stringify(cellText(cell))} instead of group names: export it joined, e.g. ` +
        `Select-Object *,@{n='MemberOf';e={$_.MemberOf -join ';'}}`,
    );
  }
  return privilegedGroups(values);
}

/** isAdmin (true/false) or a list of admin roles; a non-empty list makes the user privileged. */
function adminRoles(cell: Cell | undefined): string[] {
  if (typeof cell === 'boolean') return cell ? ['administrator role'] : [];
  const text = cellText(cell).toLowerCase();
  if (['true', 'yes', '1'].includes(text)) return ['administrator role'];
  if (['false', 'no', '0'].includes(text)) return [];
  const roles = parseList(cell);
  return roles.length ? [`admin roles: ${roles.join(', ')}`] : [];
}

/** AD's PasswordNeverExpires (True/False), or Entra's passwordPolicies text. */
function neverExpires(cell: Cell | undefined): boolean | null {
  const text = cellText(cell);
  if (/DisablePasswordExpiration/i.test(text)) return true;
  if (/^(None|DisableStrongPassword)$/i.test(text)) return false;
  return parseBoolean(cell);
}

import type { DirectorySource } from '../../../api-types.ts';
import { DirectoryInputError } from './directory-errors.ts';

/** What Ward reads from a directory export; each is found under a source's usual column names. */
export type DirectoryField =
  | 'account'
  | 'upn'
  | 'email'
  | 'displayName'
  | 'enabled'
  | 'status'
  | 'lastSignIn'
  | 'lastLogonTimestamp'
  | 'created'
  | 'passwordLastSet'
  | 'passwordNeverExpires'
  | 'memberOf'
  | 'adminCount'
  | 'admin'
  | 'mfa'
  | 'mfaMethods'
  | 'employeeId'
  | 'department'
  | 'description';

export const DIRECTORY_FIELDS: readonly DirectoryField[] = [
  'account',
  'upn',
  'email',
  'displayName',
  'enabled',
  'status',
  'lastSignIn',
  'lastLogonTimestamp',
  'created',
  'passwordLastSet',
  'passwordNeverExpires',
  'memberOf',
  'adminCount',
  'admin',
  'mfa',
  'mfaMethods',
  'employeeId',
  'department',
  'description',
];

export type ColumnMapping = Partial<Record<DirectoryField, string>>;

type Candidates = Partial<Record<DirectoryField, readonly string[]>>;

const COMMON: Candidates = {
  description: ['description'],
  department: ['department'],
  employeeId: ['employeeId', 'employeeNumber', 'employee id', 'staff number'],
};

/**
 * Column names per source, first match wins, compared after normaliseColumn (so the portal's
 * "User principal name" matches Graph's userPrincipalName). From PowerShell Get-ADUser property
 * names, the Microsoft Graph user and userRegistrationDetails resources, and Okta's Users API
 * and admin-console CSV exports.
 */
export const COLUMN_CANDIDATES: Record<DirectorySource, Candidates> = {
  ad: {
    ...COMMON,
    account: ['SamAccountName', 'sAMAccountName'],
    upn: ['UserPrincipalName'],
    email: ['EmailAddress', 'mail'],
    displayName: ['DisplayName', 'Name'],
    enabled: ['Enabled'],
    lastSignIn: ['LastLogonDate'],
    lastLogonTimestamp: ['lastLogonTimestamp'],
    created: ['whenCreated', 'Created'],
    passwordLastSet: ['PasswordLastSet'],
    passwordNeverExpires: ['PasswordNeverExpires'],
    memberOf: ['MemberOf'],
    adminCount: ['AdminCount'],
    mfa: ['MFA', 'MfaEnabled', 'MfaRegistered'],
    mfaMethods: ['MfaMethods'],
  },
  entra: {
    ...COMMON,
    account: ['userPrincipalName'],
    email: ['mail', 'email'],
    displayName: ['displayName', 'userDisplayName'],
    enabled: ['accountEnabled'],
    // Microsoft documents lastSuccessfulSignInDateTime (2023 on) as the one to use for stale
    // accounts: lastSignInDateTime also moves on failed attempts, such as a password spray.
    lastSignIn: [
      'signInActivity.lastSuccessfulSignInDateTime',
      'lastSuccessfulSignInDateTime',
      'signInActivity.lastSignInDateTime',
      'lastSignInDateTime',
      'last sign-in',
    ],
    created: ['createdDateTime'],
    passwordLastSet: ['lastPasswordChangeDateTime'],
    passwordNeverExpires: ['passwordPolicies'],
    admin: ['isAdmin', 'admin'],
    mfa: ['isMfaRegistered', 'mfaRegistered', 'MFA registered'],
    mfaMethods: ['methodsRegistered'],
  },
  okta: {
    ...COMMON,
    account: ['profile.login', 'login', 'Username'],
    email: ['profile.email', 'email', 'Primary email'],
    displayName: ['profile.displayName', 'displayName'],
    status: ['status'],
    lastSignIn: ['lastLogin', 'last login'],
    created: ['created'],
    passwordLastSet: ['passwordChanged', 'password changed'],
    admin: ['adminRoles', 'admin roles', 'roles'],
    mfa: ['mfa', 'mfaEnrolled'],
    mfaMethods: ['factors', 'enrolled factors', 'mfa factors'],
    employeeId: ['profile.employeeNumber', 'employeeNumber', 'employeeId'],
    department: ['profile.department', 'department'],
    description: ['profile.description', 'description'],
  },
};

/** Case, spaces, underscores and hyphens do not matter in column names; dots do (JSON paths). */
export function normaliseColumn(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, '');
}

/**
 * The `--map` option: `account=sAMAccountName,mfa=MFA` (commas or semicolons between pairs).
 * Unknown fields and malformed pairs are errors that list the fields there are.
 */
export function parseColumnMapping(text: string): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const pair of text.split(/[,;]/)) {
    if (!pair.trim()) continue;
    const eq = pair.indexOf('=');
    const field = eq < 0 ? pair.trim() : pair.slice(0, eq).trim();
    const column = eq < 0 ? '' : pair.slice(eq + 1).trim();
    if (!column) {
      throw new DirectoryInputError(
        { file: '--map' },
        `expected field=column, got ${JSON.stringify(pair.trim())}`,
      );
    }
    const known = DIRECTORY_FIELDS.find((f) => f.toLowerCase() === field.toLowerCase());
    if (!known) {
      throw new DirectoryInputError(
        { file: '--map' },
        `unknown field ${JSON.stringify(field)}; fields are ${DIRECTORY_FIELDS.join(', ')}`,
      );
    }
    mapping[known] = column;
  }
  return mapping;
}

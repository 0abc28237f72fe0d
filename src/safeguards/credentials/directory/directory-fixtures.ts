/**
 * Directory exports for tests (imported by *.test.ts only), written the way PowerShell,
 * Microsoft Graph, the Entra portal and Okta write them, from users a test describes.
 */
import { T0 } from '../../../../test/core-test-kit.ts';

/** A user as a test describes it; each factory writes what its directory would. */
export interface FakeUser {
  /** sAMAccountName (AD), or the local part of the UPN / Okta login. */
  sam: string;
  domain?: string;
  displayName?: string;
  enabled?: boolean;
  /** null: never signed in. */
  lastSignIn?: Date | null;
  created?: Date;
  passwordLastSet?: Date;
  passwordNeverExpires?: boolean;
  /** Group names; AD gets distinguished names. */
  groups?: string[];
  adminCount?: boolean;
  isAdmin?: boolean;
  /** Registered methods / enrolled factors; [] means none. */
  methods?: string[];
  employeeId?: string;
  department?: string;
  description?: string;
  /** Okta lifecycle status (default ACTIVE, or SUSPENDED when enabled is false). */
  status?: string;
}

const DEFAULT_DOMAIN = 'stmarys.example.org';
const dn = (group: string) => `CN=${group},CN=Users,DC=stmarys,DC=local`;
const upnOf = (u: FakeUser) => `${u.sam}@${u.domain ?? DEFAULT_DOMAIN}`;

function csvLine(values: readonly (string | number | null | undefined)[], sep = ','): string {
  return values.map((v) => `"${String(v ?? '').replace(/"/g, '""')}"`).join(sep);
}

/** `3/14/2026 8:12:45 AM`, as Windows PowerShell writes a DateTime in en-US. */
export function usDate(d: Date): string {
  const h = d.getUTCHours();
  const hour12 = h % 12 === 0 ? 12 : h % 12;
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  const ss = String(d.getUTCSeconds()).padStart(2, '0');
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${hour12}:${mm}:${ss} ${h < 12 ? 'AM' : 'PM'}`;
}

/** `14/03/2026 08:12:45`, as PowerShell writes it in en-GB. */
export function gbDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/** Windows FILETIME: 100 ns ticks since 1601-01-01 UTC. */
export function filetime(d: Date): string {
  return String((BigInt(d.getTime()) + 11_644_473_600_000n) * 10_000n);
}

export interface AdCsvOptions {
  /** Windows PowerShell 5.1 writes `#TYPE ...` first unless told -NoTypeInformation. */
  typeLine?: boolean;
  dates?: 'us' | 'gb';
  /** Write lastLogonTimestamp (FILETIME) instead of LastLogonDate. */
  filetime?: boolean;
  /** Add an `MFA` column (from another system) with True/False. */
  mfaColumn?: boolean;
  delimiter?: ',' | ';';
}

/** `Get-ADUser -Filter * -Properties ... | Export-Csv` */
export function adUsersCsv(users: readonly FakeUser[], opts: AdCsvOptions = {}): string {
  const date = (d: Date | null | undefined) =>
    d ? (opts.dates === 'gb' ? gbDate : usDate)(d) : '';
  const header = [
    'DistinguishedName',
    'Enabled',
    'GivenName',
    'Name',
    'ObjectClass',
    'SamAccountName',
    'UserPrincipalName',
    'DisplayName',
    opts.filetime ? 'lastLogonTimestamp' : 'LastLogonDate',
    'PasswordNeverExpires',
    'PasswordLastSet',
    'MemberOf',
    'AdminCount',
    'EmployeeID',
    'Department',
    'Description',
    'whenCreated',
    ...(opts.mfaColumn ? ['MFA'] : []),
  ];
  const sep = opts.delimiter ?? ',';
  const lines = users.map((u) =>
    csvLine(
      [
        `CN=${u.displayName ?? u.sam},OU=Staff,DC=stmarys,DC=local`,
        u.enabled === false ? 'False' : 'True',
        (u.displayName ?? u.sam).split(' ')[0],
        u.displayName ?? u.sam,
        'user',
        u.sam,
        upnOf(u),
        u.displayName ?? '',
        opts.filetime ? (u.lastSignIn ? filetime(u.lastSignIn) : '') : date(u.lastSignIn),
        u.passwordNeverExpires ? 'True' : 'False',
        date(u.passwordLastSet),
        (u.groups ?? []).map(dn).join(';'),
        u.adminCount ? 1 : '',
        u.employeeId ?? '',
        u.department ?? '',
        u.description ?? '',
        date(u.created ?? new Date('2020-01-06T09:00:00Z')),
        ...(opts.mfaColumn ? [(u.methods ?? []).length ? 'True' : 'False'] : []),
      ],
      sep,
    ),
  );
  const type = opts.typeLine ? ['#TYPE Microsoft.ActiveDirectory.Management.ADUser'] : [];
  return [...type, csvLine(header, sep), ...lines].join('\r\n') + '\r\n';
}

function graphUser(u: FakeUser): Record<string, unknown> {
  return {
    id: `00000000-0000-4000-8000-${u.sam
      .padStart(12, '0')
      .slice(-12)
      .replace(/[^0-9a-f]/g, 'a')}`,
    userPrincipalName: upnOf(u),
    displayName: u.displayName ?? u.sam,
    mail: upnOf(u),
    accountEnabled: u.enabled !== false,
    employeeId: u.employeeId ?? null,
    department: u.department ?? null,
    createdDateTime: (u.created ?? new Date('2021-02-01T08:00:00Z')).toISOString(),
    signInActivity: {
      lastSignInDateTime: u.lastSignIn ? u.lastSignIn.toISOString() : null,
      lastNonInteractiveSignInDateTime: null,
    },
  };
}

// Graph counts neither email nor security questions (self-service reset only) as MFA.
const mfaRegistered = (u: FakeUser) =>
  (u.methods ?? []).some((m) => m !== 'email' && m !== 'securityQuestion');

function registrationDetails(u: FakeUser): Record<string, unknown> {
  const methods = u.methods ?? [];
  return {
    id: graphUser(u).id,
    userPrincipalName: upnOf(u),
    userDisplayName: u.displayName ?? u.sam,
    isAdmin: u.isAdmin === true,
    isMfaRegistered: mfaRegistered(u),
    isMfaCapable: mfaRegistered(u),
    isPasswordlessCapable: false,
    methodsRegistered: methods,
    userType: 'member',
  };
}

/**
 * Graph `GET /users?$select=...,signInActivity` as `{ "value": [...] }`; with registration,
 * the userRegistrationDetails of the same users appended (as `jq -s` would merge two pages).
 */
export function entraUsersJson(
  users: readonly FakeUser[],
  opts: { registration?: boolean; combined?: boolean } = {},
): string {
  const value = opts.combined
    ? users.map((u) => ({ ...graphUser(u), ...registrationDetails(u) }))
    : [...users.map(graphUser), ...(opts.registration ? users.map(registrationDetails) : [])];
  return JSON.stringify(
    { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users', value },
    null,
    2,
  );
}

/** The Entra portal's "Download" of Authentication methods > User registration details. */
export function entraRegistrationCsv(users: readonly FakeUser[]): string {
  const header = [
    'userPrincipalName',
    'userDisplayName',
    'isAdmin',
    'isMfaRegistered',
    'isMfaCapable',
    'methodsRegistered',
    'accountEnabled',
    'lastSignInDateTime',
    'createdDateTime',
  ];
  const lines = users.map((u) =>
    csvLine([
      upnOf(u),
      u.displayName ?? u.sam,
      String(u.isAdmin === true),
      String(mfaRegistered(u)),
      String(mfaRegistered(u)),
      (u.methods ?? []).join(','),
      String(u.enabled !== false),
      u.lastSignIn ? u.lastSignIn.toISOString() : '',
      (u.created ?? new Date('2021-02-01T08:00:00Z')).toISOString(),
    ]),
  );
  return [csvLine(header), ...lines].join('\n') + '\n';
}

const oktaStatusOf = (u: FakeUser) => u.status ?? (u.enabled === false ? 'SUSPENDED' : 'ACTIVE');

/** Okta's Users report CSV, with the enrolled factors and admin roles joined in. */
export function oktaUsersCsv(users: readonly FakeUser[]): string {
  const header = [
    'Username',
    'First name',
    'Last name',
    'Primary email',
    'Status',
    'Created',
    'Last login',
    'Password changed',
    'Factors',
    'Admin roles',
    'Department',
    'employeeNumber',
  ];
  const lines = users.map((u) => {
    const [first, last] = (u.displayName ?? `${u.sam} User`).split(' ');
    return csvLine([
      upnOf(u),
      first,
      last,
      upnOf(u),
      oktaStatusOf(u),
      (u.created ?? new Date('2021-02-01T08:00:00Z')).toISOString(),
      u.lastSignIn ? u.lastSignIn.toISOString() : '',
      u.passwordLastSet ? u.passwordLastSet.toISOString() : '',
      (u.methods ?? []).join(', '),
      u.isAdmin ? 'SUPER_ADMIN' : '',
      u.department ?? '',
      u.employeeId ?? '',
    ]);
  });
  return [csvLine(header), ...lines].join('\n') + '\n';
}

/** `GET /api/v1/users`, each user with its enrolled factors under `factors`. */
export function oktaUsersJson(users: readonly FakeUser[]): string {
  return JSON.stringify(
    users.map((u, i) => ({
      id: `00u${String(i).padStart(17, '0')}`,
      status: oktaStatusOf(u),
      created: (u.created ?? new Date('2021-02-01T08:00:00Z')).toISOString(),
      lastLogin: u.lastSignIn ? u.lastSignIn.toISOString() : null,
      passwordChanged: u.passwordLastSet ? u.passwordLastSet.toISOString() : null,
      profile: {
        login: upnOf(u),
        email: upnOf(u),
        firstName: (u.displayName ?? u.sam).split(' ')[0],
        lastName: (u.displayName ?? u.sam).split(' ')[1] ?? '',
        department: u.department ?? null,
        employeeNumber: u.employeeId ?? null,
      },
      factors: (u.methods ?? []).map((m) => ({
        factorType: m,
        provider: 'OKTA',
        status: 'ACTIVE',
      })),
      _links: { self: { href: `https://stmarys.okta.com/api/v1/users/00u${i}` } },
    })),
  );
}

/** HR's leavers list. */
export function terminationsCsv(
  rows: readonly { account?: string; email?: string; employeeId?: string; leavingDate: string }[],
): string {
  return [
    csvLine(['Employee ID', 'Account', 'Email', 'Leaving date']),
    ...rows.map((r) => csvLine([r.employeeId, r.account, r.email, r.leavingDate])),
  ].join('\n');
}

/**
 * A hospital's directory of n users, deterministic: about 70 % with MFA, 2 % privileged, 8 %
 * disabled, 10 % stale, a few shared ward logins.
 */
export function generateDirectory(n: number, now: Date = new Date(T0)): FakeUser[] {
  const departments = ['Emergency', 'Radiology', 'Pharmacy', 'Cardiology', 'Theatres', 'Finance'];
  const surnames = ['smith', 'jones', 'patel', 'okafor', 'nguyen', 'garcia', 'murphy', 'kowalski'];
  const day = 86_400_000;
  return Array.from({ length: n }, (_, i): FakeUser => {
    const shared = i % 250 === 7;
    return {
      sam: shared ? `ward${i}` : `${String.fromCharCode(97 + (i % 26))}${surnames[i % 8]}${i}`,
      displayName: shared ? `Ward ${i} Station` : `Staff ${surnames[i % 8]}`,
      enabled: i % 13 !== 0,
      lastSignIn:
        i % 10 === 3
          ? new Date(now.getTime() - 200 * day)
          : new Date(now.getTime() - (i % 30) * day),
      created: new Date(now.getTime() - 900 * day),
      passwordNeverExpires: i % 17 === 0,
      groups: i % 50 === 1 || i % 50 === 9 ? ['Domain Admins'] : ['Nurses'],
      isAdmin: i % 50 === 1 || i % 50 === 9,
      methods:
        i % 10 < 7 || i % 100 === 51
          ? i % 5 === 0
            ? ['fido2SecurityKey']
            : ['microsoftAuthenticatorPush']
          : [],
      employeeId: `E${100000 + i}`,
      department: departments[i % departments.length],
    };
  });
}

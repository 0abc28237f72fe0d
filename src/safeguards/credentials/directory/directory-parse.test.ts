import { describe, expect, it } from 'vitest';
import {
  adUsersCsv,
  entraRegistrationCsv,
  entraUsersJson,
  oktaUsersCsv,
  oktaUsersJson,
  type FakeUser,
} from './directory-fixtures.ts';
import { DirectoryInputError } from './directory-errors.ts';
import { parseDirectoryExport } from './directory-parse.ts';

const signedIn = new Date('2026-03-01T08:12:45Z');
const users: FakeUser[] = [
  { sam: 'jsmith', displayName: 'Jane Smith', lastSignIn: signedIn, methods: ['sms'] },
  {
    sam: 'adm-okafor',
    displayName: 'Chidi Okafor (admin)',
    groups: ['Nurses', 'Domain Admins'],
    lastSignIn: null,
  },
  { sam: 'bpatel', enabled: false, adminCount: true, lastSignIn: signedIn },
];

const account = (exp: ReturnType<typeof parseDirectoryExport>, name: string) => {
  const found = exp.accounts.find((a) => a.name === name);
  if (!found)
    throw new Error(`no account ${name} in ${exp.accounts.map((a) => a.name).join(', ')}`);
  return found;
};

function errorOf(fn: () => unknown): DirectoryInputError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DirectoryInputError) return err;
    throw err;
  }
  throw new Error('expected a DirectoryInputError');
}

describe('Active Directory exports', () => {
  it('skips the #TYPE line, names accounts by UPN and reads US dates and groups', () => {
    const exp = parseDirectoryExport({
      fileName: 'users.csv',
      text: adUsersCsv(users, { typeLine: true }),
    });
    expect(exp.source).toBe('ad');
    expect(exp.mfaKnown).toBe(false);
    expect(exp.accounts.map((a) => a.name)).toEqual([
      'jsmith@stmarys.example.org',
      'adm-okafor@stmarys.example.org',
      'bpatel@stmarys.example.org',
    ]);
    const jane = account(exp, 'jsmith@stmarys.example.org');
    expect(jane).toMatchObject({ enabled: true, privileged: false, mfa: null, line: 3 });
    expect(jane.lastSignIn?.toISOString()).toBe('2026-03-01T08:12:45.000Z');
    expect(jane.aliases).toContain('jsmith');
    const admin = account(exp, 'adm-okafor@stmarys.example.org');
    expect(admin.privilegeReasons).toEqual(['member of Domain Admins']);
    expect(admin.lastSignIn).toBeNull();
    expect(account(exp, 'bpatel@stmarys.example.org')).toMatchObject({
      enabled: false,
      privilegeReasons: ['adminCount=1'],
    });
  });

  it('reads lastLogonTimestamp as a FILETIME, day-first dates, and semicolons', () => {
    // 25/12/2025 shows the export is day-first, so 06/01/2020 is 6 January.
    const withChristmas = [{ ...users[0]!, passwordLastSet: new Date('2025-12-25T10:00:00Z') }];
    const exp = parseDirectoryExport({
      fileName: 'users.csv',
      text: adUsersCsv(withChristmas, { filetime: true, dates: 'gb', delimiter: ';' }),
    });
    const jane = account(exp, 'jsmith@stmarys.example.org');
    expect(jane.lastSignIn?.toISOString()).toBe('2026-03-01T08:12:45.000Z');
    expect(jane.created?.toISOString()).toBe('2020-01-06T09:00:00.000Z');
    expect(jane.passwordLastSet?.toISOString()).toBe('2025-12-25T10:00:00.000Z');
  });

  it('reads UTF-16 files as Windows PowerShell writes them with -Encoding Unicode', () => {
    const text = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(adUsersCsv(users, { typeLine: true }), 'utf16le'),
    ]);
    expect(parseDirectoryExport({ fileName: 'users.csv', text }).accounts).toHaveLength(3);
  });

  it('takes MFA from a mapped column, and the account from another column', () => {
    const csv = 'Login,Active,Has2FA\nnurse.lee,True,False\ndr.ali,True,True\n';
    const exp = parseDirectoryExport({
      fileName: 'mfa.csv',
      text: csv,
      source: 'ad',
      mapping: { account: 'Login', enabled: 'active', mfa: 'Has2FA' },
    });
    expect(exp.mfaKnown).toBe(true);
    expect(exp.accounts.map((a) => [a.name, a.mfa])).toEqual([
      ['nurse.lee', false],
      ['dr.ali', true],
    ]);
  });

  it('names the missing column, the source and the columns found', () => {
    const err = errorOf(() =>
      parseDirectoryExport({
        fileName: 'users.csv',
        text: 'Name,Enabled\nJane,True\n',
        source: 'ad',
      }),
    );
    expect(err.message).toBe(
      'users.csv: missing column SamAccountName, which Active Directory exports have (or map another: account=<column>); columns found: Name, Enabled',
    );
    expect(err.status).toBe(400);
    const noEnabled = errorOf(() =>
      parseDirectoryExport({ fileName: 'users.csv', text: 'SamAccountName,Name\njs,Jane\n' }),
    );
    expect(noEnabled.message).toMatch(
      /^users\.csv: missing column Enabled, which Active Directory/,
    );
  });

  it('gives the file line and column of a bad value, counting the #TYPE line', () => {
    const bad = adUsersCsv(users, { typeLine: true })
      .split('\r\n')
      .map((line, i) => (i === 3 ? line.replace(/^("[^"]*"),"True"/, '$1,"Yes please"') : line))
      .join('\r\n');
    const err = errorOf(() => parseDirectoryExport({ fileName: 'users.csv', text: bad }));
    expect(err.message).toBe(
      'users.csv line 4, column Enabled: expected True or False, got "Yes please"',
    );
    const badDate = adUsersCsv([{ sam: 'x', lastSignIn: signedIn }]).replace(
      /"3\/1\/2026 8:12:45 AM"/,
      '"last Tuesday"',
    );
    expect(
      errorOf(() => parseDirectoryExport({ fileName: 'u.csv', text: badDate })).message,
    ).toMatch(/^u\.csv line 2, column LastLogonDate: expected a date/);
  });

  it('explains how to export MemberOf when it holds the collection type name', () => {
    const text =
      '"SamAccountName","Enabled","MemberOf"\n"js","True","Microsoft.ActiveDirectory.Management.ADPropertyValueCollection"\n';
    expect(errorOf(() => parseDirectoryExport({ fileName: 'u.csv', text })).message).toMatch(
      /^u\.csv line 2, column MemberOf: .*-join ';'/,
    );
  });

  it('refuses dates in both orders, and an export without users', () => {
    const mixed = adUsersCsv([
      { sam: 'a', lastSignIn: new Date('2026-03-14T00:00:00Z') },
      { sam: 'b', lastSignIn: new Date('2026-01-02T00:00:00Z') },
    ]).replace('"1/2/2026', '"14/2/2026');
    expect(errorOf(() => parseDirectoryExport({ fileName: 'u.csv', text: mixed })).message).toMatch(
      /mix day-first .* and month-first/,
    );
    expect(
      errorOf(() => parseDirectoryExport({ fileName: 'u.csv', text: adUsersCsv([]) })).message,
    ).toBe('u.csv: the export lists no users');
  });
});

describe('Entra ID exports', () => {
  const entra: FakeUser[] = [
    {
      sam: 'jsmith',
      methods: ['microsoftAuthenticatorPush', 'fido2SecurityKey'],
      lastSignIn: signedIn,
    },
    { sam: 'gadmin', isAdmin: true, methods: [] },
    { sam: 'left', enabled: false, methods: ['mobilePhone'] },
    { sam: 'mail', methods: ['email', 'securityQuestion'] },
  ];

  it('reads a Graph users response { value: [...] } without MFA data as MFA unknown', () => {
    const exp = parseDirectoryExport({ fileName: 'users.json', text: entraUsersJson(entra) });
    expect(exp.source).toBe('entra');
    expect(exp.mfaKnown).toBe(false);
    const jane = account(exp, 'jsmith@stmarys.example.org');
    expect(jane.record).toBe(1);
    expect(jane.mfa).toBeNull();
    expect(jane.lastSignIn?.toISOString()).toBe('2026-03-01T08:12:45.000Z');
    expect(account(exp, 'left@stmarys.example.org').enabled).toBe(false);
  });

  it('merges users with their registration details when both are in one file', () => {
    const exp = parseDirectoryExport({
      fileName: 'users.json',
      text: entraUsersJson(entra, { registration: true }),
    });
    expect(exp.mfaKnown).toBe(true);
    expect(exp.accounts).toHaveLength(4);
    expect(account(exp, 'jsmith@stmarys.example.org')).toMatchObject({
      mfa: true,
      phishingResistant: true,
      enabled: true,
    });
    expect(account(exp, 'gadmin@stmarys.example.org')).toMatchObject({
      mfa: false,
      privileged: true,
    });
    // Disabled in the users record; the registration record does not say.
    expect(account(exp, 'left@stmarys.example.org').enabled).toBe(false);
    // Email and security questions are not second factors.
    expect(account(exp, 'mail@stmarys.example.org').mfa).toBe(false);
  });

  it('reads the portal CSV of user registration details', () => {
    const exp = parseDirectoryExport({ fileName: 'reg.csv', text: entraRegistrationCsv(entra) });
    expect(exp.source).toBe('entra');
    expect(exp.accounts.map((a) => [a.name, a.mfa, a.privileged, a.phishingResistant])).toEqual([
      ['jsmith@stmarys.example.org', true, false, true],
      ['gadmin@stmarys.example.org', false, true, false],
      ['left@stmarys.example.org', true, false, false],
      ['mail@stmarys.example.org', false, false, false],
    ]);
  });

  it('names the JSON record of a bad value', () => {
    const text = JSON.stringify({
      value: [{ userPrincipalName: 'a@x.org', accountEnabled: 'sometimes' }],
    });
    expect(errorOf(() => parseDirectoryExport({ fileName: 'u.json', text })).message).toBe(
      'u.json record 1, column accountEnabled: expected True or False, got "sometimes"',
    );
  });
});

describe('Okta exports', () => {
  const statuses = [
    'ACTIVE',
    'LOCKED_OUT',
    'PASSWORD_EXPIRED',
    'PROVISIONED',
    'STAGED',
    'SUSPENDED',
    'DEPROVISIONED',
  ];
  const okta: FakeUser[] = statuses.map((status, i) => ({
    sam: status.toLowerCase(),
    status,
    methods: i === 0 ? ['okta_verify push', 'webauthn'] : i === 1 ? ['sms'] : [],
    isAdmin: i === 0,
  }));

  it('reads the users CSV: statuses, factors and admin roles', () => {
    const exp = parseDirectoryExport({ fileName: 'okta.csv', text: oktaUsersCsv(okta) });
    expect(exp.source).toBe('okta');
    expect(exp.mfaKnown).toBe(true);
    expect(exp.accounts.map((a) => [a.status, a.enabled])).toEqual([
      ['ACTIVE', true],
      ['LOCKED_OUT', true],
      ['PASSWORD_EXPIRED', true],
      ['PROVISIONED', true],
      ['STAGED', false],
      ['SUSPENDED', false],
      ['DEPROVISIONED', false],
    ]);
    expect(account(exp, 'active@stmarys.example.org')).toMatchObject({
      mfa: true,
      phishingResistant: true,
      privilegeReasons: ['admin roles: SUPER_ADMIN'],
    });
    expect(account(exp, 'locked_out@stmarys.example.org').mfa).toBe(true);
    expect(account(exp, 'password_expired@stmarys.example.org').mfa).toBe(false);
  });

  it('reads /api/v1/users JSON with factors as objects', () => {
    const exp = parseDirectoryExport({ fileName: 'okta.json', text: oktaUsersJson(okta) });
    expect(exp.source).toBe('okta');
    expect(account(exp, 'active@stmarys.example.org').mfaMethods).toEqual([
      'okta_verify push',
      'webauthn',
    ]);
    expect(account(exp, 'suspended@stmarys.example.org').enabled).toBe(false);
  });

  it('refuses an unknown status, listing the known ones', () => {
    const text = oktaUsersCsv([{ sam: 'x', status: 'ON_HOLIDAY' }]);
    expect(errorOf(() => parseDirectoryExport({ fileName: 'okta.csv', text })).message).toMatch(
      /^okta\.csv line 2, column Status: unknown Okta status "ON_HOLIDAY"; expected one of ACTIVE, /,
    );
  });
});

describe('source detection and mapping', () => {
  it('says what it expected when the columns name no directory', () => {
    expect(
      errorOf(() => parseDirectoryExport({ fileName: 'staff.csv', text: 'Name,Phone\nJane,123\n' }))
        .message,
    ).toMatch(
      /^staff\.csv: cannot tell which directory .* columns found: Name, Phone\. Say the source/,
    );
  });

  it('refuses a mapping to a column the file does not have', () => {
    expect(
      errorOf(() =>
        parseDirectoryExport({
          fileName: 'u.csv',
          text: adUsersCsv(users),
          mapping: { mfa: 'MFA Status' },
        }),
      ).message,
    ).toMatch(
      /^u\.csv: the mapping mfa=MFA Status names a column the file does not have; columns found: DistinguishedName,/,
    );
  });
});

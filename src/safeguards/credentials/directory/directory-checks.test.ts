import { describe, expect, it } from 'vitest';
import type { DirectoryCheck } from '../../../api-types.ts';
import { T0 } from '../test-kit.ts';
import {
  adUsersCsv,
  entraUsersJson,
  terminationsCsv,
  type FakeUser,
} from './directory-fixtures.ts';
import { auditDirectory, type DirectoryAudit } from './directory-checks.ts';
import { parseDirectoryExport } from './directory-parse.ts';
import { parseTerminations } from './terminations.ts';

const now = new Date(T0); // 2026-03-02T09:00:00Z
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
const MFA = ['microsoftAuthenticatorPush'];

/** account local part -> checks, for the problems of an audit. */
function problemsByAccount(audit: DirectoryAudit): Record<string, DirectoryCheck[]> {
  const out: Record<string, DirectoryCheck[]> = {};
  for (const p of audit.problems) (out[p.account.name.split('@')[0]!] ??= []).push(p.check);
  return out;
}

function entraAudit(users: FakeUser[], opts: { staleDays?: number } = {}): DirectoryAudit {
  const exp = parseDirectoryExport({
    fileName: 'users.json',
    text: entraUsersJson(users, { combined: true }),
  });
  return auditDirectory(exp, { now, ...opts });
}

describe('auditDirectory', () => {
  it('flags users without MFA, privileged ones as privileged_no_mfa only', () => {
    const audit = entraAudit([
      { sam: 'jsmith', methods: [], lastSignIn: daysAgo(1) },
      { sam: 'gadmin', isAdmin: true, methods: [], lastSignIn: daysAgo(1) },
      { sam: 'dsafe', isAdmin: true, methods: ['fido2SecurityKey'], lastSignIn: daysAgo(1) },
      { sam: 'kjones', methods: MFA, lastSignIn: daysAgo(1) },
      { sam: 'gone', enabled: false, methods: [], lastSignIn: daysAgo(400) },
    ]);
    expect(problemsByAccount(audit)).toEqual({
      jsmith: ['no_mfa'],
      gadmin: ['privileged_no_mfa'],
    });
    expect(audit.counts).toEqual({
      no_mfa: 1,
      privileged_no_mfa: 1,
      stale_account: 0,
      shared_account: 0,
    });
    expect(audit).toMatchObject({ users: 5, enabledUsers: 4 });
    expect(audit.coverage).toEqual({
      users: 4,
      usersWithMfa: 2,
      privileged: 2,
      privilegedWithMfa: 1,
      phishingResistant: 1,
    });
  });

  it('flags accounts idle for staleDays, and never-used ones created before that', () => {
    const users: FakeUser[] = [
      { sam: 'idle90', methods: MFA, lastSignIn: daysAgo(90) },
      { sam: 'idle89', methods: MFA, lastSignIn: daysAgo(89) },
      { sam: 'neverold', methods: MFA, lastSignIn: null, created: daysAgo(91) },
      { sam: 'nevernew', methods: MFA, lastSignIn: null, created: daysAgo(30) },
    ];
    expect(problemsByAccount(entraAudit(users))).toEqual({
      idle90: ['stale_account'],
      neverold: ['stale_account'],
    });
    expect(Object.keys(problemsByAccount(entraAudit(users, { staleDays: 30 }))).sort()).toEqual([
      'idle89',
      'idle90',
      'neverold',
    ]);
    const stale = entraAudit(users).problems[0]!;
    expect(stale.facts).toContain(
      'Last sign-in: 2025-12-02 (90 days before this export was imported)',
    );
  });

  it('flags leavers from the day after their leaving date, matched on account, email or employee id', () => {
    const exp = parseDirectoryExport({
      fileName: 'users.csv',
      text: adUsersCsv([
        { sam: 'left.yesterday', lastSignIn: daysAgo(2) },
        { sam: 'leaves.today', lastSignIn: daysAgo(2) },
        { sam: 'by.email', lastSignIn: daysAgo(2) },
        { sam: 'by.id', employeeId: 'E1042', lastSignIn: daysAgo(2) },
        { sam: 'already.off', enabled: false, lastSignIn: daysAgo(2) },
        { sam: 'stays', lastSignIn: daysAgo(2) },
      ]),
    });
    const terminations = parseTerminations({
      fileName: 'leavers.csv',
      text: terminationsCsv([
        { account: 'STMARYS\\left.yesterday', leavingDate: '2026-03-01' },
        { account: 'leaves.today', leavingDate: '2026-03-02' },
        { email: 'BY.EMAIL@stmarys.example.org', leavingDate: '2/14/2026' },
        { employeeId: 'E1042', leavingDate: '2026-01-31' },
        { account: 'already.off', leavingDate: '2026-01-31' },
      ]),
    });
    const audit = auditDirectory(exp, { now, terminations });
    expect(problemsByAccount(audit)).toEqual({
      'left.yesterday': ['leaver_enabled'],
      'by.email': ['leaver_enabled'],
      'by.id': ['leaver_enabled'],
    });
    expect(audit.problems[0]!.facts[0]).toBe(
      'On the leavers list leavers.csv (line 2): left 2026-03-01',
    );
  });

  it('flags a password that never expires only on privileged or single-factor accounts', () => {
    const exp = parseDirectoryExport({
      fileName: 'users.csv',
      text: adUsersCsv(
        [
          {
            sam: 'svc-backup',
            passwordNeverExpires: true,
            groups: ['Backup Operators'],
            methods: MFA,
            lastSignIn: daysAgo(1),
          },
          { sam: 'kiosk.ed', passwordNeverExpires: true, methods: [], lastSignIn: daysAgo(1) },
          { sam: 'dr.who', passwordNeverExpires: true, methods: MFA, lastSignIn: daysAgo(1) },
          { sam: 'mfa.less', passwordNeverExpires: false, methods: [], lastSignIn: daysAgo(1) },
        ],
        { mfaColumn: true },
      ),
    });
    expect(problemsByAccount(auditDirectory(exp, { now }))).toEqual({
      'svc-backup': ['password_never_expires'],
      'kiosk.ed': ['no_mfa', 'password_never_expires'],
      'mfa.less': ['no_mfa'],
    });
  });

  it('judges AD without MFA data on everything but MFA, and says which checks ran', () => {
    const exp = parseDirectoryExport({
      fileName: 'users.csv',
      text: adUsersCsv([
        { sam: 'nurse1', lastSignIn: daysAgo(3) },
        { sam: 'plain', passwordNeverExpires: true, lastSignIn: daysAgo(3) },
        {
          sam: 'root',
          passwordNeverExpires: true,
          groups: ['Domain Admins'],
          lastSignIn: daysAgo(3),
        },
      ]),
    });
    const audit = auditDirectory(exp, { now });
    expect(problemsByAccount(audit)).toEqual({
      nurse1: ['shared_account'],
      root: ['password_never_expires'],
    });
    expect(audit.counts).toEqual({
      stale_account: 0,
      password_never_expires: 1,
      shared_account: 1,
    });
    expect(audit.coverage).toEqual({
      users: 3,
      usersWithMfa: null,
      privileged: 1,
      privilegedWithMfa: null,
      phishingResistant: null,
    });
  });

  it('flags shared names and shared descriptions on enabled accounts only', () => {
    const exp = parseDirectoryExport({
      fileName: 'users.csv',
      text: adUsersCsv([
        { sam: 'ward3', lastSignIn: daysAgo(1) },
        { sam: 'frontdesk', lastSignIn: daysAgo(1) },
        { sam: 'w3pc', description: 'Shared login for Ward 3', lastSignIn: daysAgo(1) },
        { sam: 'guest', enabled: false, lastSignIn: null },
        { sam: 'jsmith', lastSignIn: daysAgo(1) },
      ]),
    });
    expect(problemsByAccount(auditDirectory(exp, { now }))).toEqual({
      ward3: ['shared_account'],
      frontdesk: ['shared_account'],
      w3pc: ['shared_account'],
    });
  });
});

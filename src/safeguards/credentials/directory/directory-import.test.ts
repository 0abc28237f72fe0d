import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FindingSummary } from '../../../api-types.ts';
import { createCredentialsTestKit, T0, type CredentialsTestKit } from '../test-kit.ts';
import {
  adUsersCsv,
  entraUsersJson,
  generateDirectory,
  terminationsCsv,
  type FakeUser,
} from './directory-fixtures.ts';
import { DirectoryInputError } from './directory-errors.ts';
import { importDirectory, type DirectoryImportInput } from './directory-import.ts';

let kit: CredentialsTestKit;
beforeEach(async () => {
  kit = await createCredentialsTestKit();
});
afterEach(async () => kit.close());

const now = new Date(T0);
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
const MFA = ['microsoftAuthenticatorPush'];

const staff: FakeUser[] = [
  { sam: 'jsmith', department: 'Radiology', methods: [], lastSignIn: daysAgo(1) },
  { sam: 'gadmin', isAdmin: true, methods: [], lastSignIn: daysAgo(2) },
  { sam: 'kjones', methods: MFA, lastSignIn: daysAgo(200) },
  { sam: 'nurse1', methods: MFA, lastSignIn: daysAgo(1) },
  { sam: 'okay', methods: MFA, lastSignIn: daysAgo(1) },
  { sam: 'gone', enabled: false, methods: [], lastSignIn: daysAgo(300) },
];

const run = (input: Partial<DirectoryImportInput> & { text: string | Buffer }) =>
  importDirectory(
    { db: kit.db, core: kit.core, audit: kit.audit, clock: kit.clock },
    { fileName: 'users.json', actor: 'alice', ...input },
  );
const entra = (users: FakeUser[]) => entraUsersJson(users, { combined: true });

async function directoryFindings(): Promise<FindingSummary[]> {
  const page = await kit.core.listFindings({ safeguard: ['credentials'], limit: 500 });
  return page.items.filter((f) => f.tool === 'ward-directory');
}

/** `local part: title [status]`, sorted, for the ward-directory findings. */
async function findingLines(): Promise<string[]> {
  return (await directoryFindings())
    .map((f) => `${f.asset?.name.split('@')[0]}: ${f.title} [${f.status}]`)
    .sort();
}

describe('importDirectory', () => {
  it('opens one finding per problem on the account asset, and records the import', async () => {
    const result = await run({ text: entra(staff) });
    expect(result).toMatchObject({
      source: 'entra',
      fileName: 'users.json',
      users: 6,
      enabledUsers: 5,
      checks: { no_mfa: 1, privileged_no_mfa: 1, stale_account: 1, shared_account: 1 },
      findingsOpened: 4,
      findingsFixed: 0,
      mfaKnown: true,
      coverage: { at: T0, users: 5, usersWithMfa: 3, privileged: 1, privilegedWithMfa: 0 },
    });
    expect(await findingLines()).toEqual([
      'gadmin: Privileged account without multi-factor authentication [open]',
      'jsmith: Account without multi-factor authentication [open]',
      'kjones: Enabled account with no recent sign-in [open]',
      'nurse1: Shared or generic account [open]',
    ]);
    const severities = Object.fromEntries(
      (await directoryFindings()).map((f) => [f.asset?.name.split('@')[0], f.severity]),
    );
    expect(severities).toEqual({
      gadmin: 'high',
      jsmith: 'medium',
      kjones: 'low',
      nurse1: 'medium',
    });

    const assets = await kit.core.listAssets({ type: 'account', q: 'jsmith' });
    expect(assets.items).toHaveLength(1);
    expect(assets.items[0]).toMatchObject({
      name: 'jsmith@stmarys.example.org',
      email: 'jsmith@stmarys.example.org',
      department: 'Radiology',
      openFindings: 1,
    });
    const jsmith = (await directoryFindings()).find((f) => f.asset?.name.startsWith('jsmith'))!;
    const detail = await kit.core.getFinding(jsmith.id);
    expect(detail?.evidence).toContain('Microsoft Entra ID export users.json, record 1');
    expect(detail?.evidence).toContain('MFA: none registered');

    const [row] = await kit.db.query<{ users: number; findings_opened: number; checks: object }>(
      'SELECT users, findings_opened, checks FROM creds_directory_imports WHERE id = $1',
      [result.id],
    );
    expect(row).toMatchObject({ users: 6, findings_opened: 4 });
    const audit = await kit.audit.list({
      limit: 5,
      offset: 0,
      action: 'credentials.directory.import',
    });
    expect(audit.items[0]).toMatchObject({ actor: 'alice', target: result.id });
  });

  it('re-importing updates last seen instead of duplicating', async () => {
    await run({ text: entra(staff) });
    kit.clock.advanceDays(1);
    const again = await run({ text: entra(staff) });
    expect(again).toMatchObject({ findingsOpened: 0, findingsFixed: 0 });
    const findings = await directoryFindings();
    expect(findings).toHaveLength(4);
    expect(new Set(findings.map((f) => f.lastSeen))).toEqual(new Set(['2026-03-03T09:00:00.000Z']));
    expect(findings.every((f) => f.firstSeen === T0)).toBe(true);
    expect((await kit.core.listAssets({ type: 'account' })).total).toBe(4);
  });

  it('closes what got better and reopens what came back', async () => {
    await run({ text: entra(staff) });
    kit.clock.advanceDays(7);
    const better = staff.map((u) =>
      u.sam === 'jsmith'
        ? { ...u, methods: MFA }
        : u.sam === 'gadmin'
          ? { ...u, enabled: false }
          : u,
    );
    const result = await run({ text: entra(better) });
    expect(result).toMatchObject({ findingsOpened: 0, findingsFixed: 2 });
    expect(await findingLines()).toEqual([
      'gadmin: Privileged account without multi-factor authentication [fixed]',
      'jsmith: Account without multi-factor authentication [fixed]',
      'kjones: Enabled account with no recent sign-in [open]',
      'nurse1: Shared or generic account [open]',
    ]);
    const jsmith = (await directoryFindings()).find((f) => f.asset?.name.startsWith('jsmith'))!;
    expect((await kit.core.getFinding(jsmith.id))?.history.at(-1)).toMatchObject({
      actor: 'alice',
      kind: 'status',
      from: 'open',
      to: 'fixed',
      note: 'no longer reported by Microsoft Entra ID export users.json',
    });

    kit.clock.advanceDays(7);
    const worse = better.map((u) => (u.sam === 'jsmith' ? { ...u, methods: [] } : u));
    expect(await run({ text: entra(worse) })).toMatchObject({
      findingsOpened: 1,
      findingsFixed: 0,
    });
    expect(await findingLines()).toContain(
      'jsmith: Account without multi-factor authentication [open]',
    );
  });

  it('leaves accepted risks, absent accounts and checks the export cannot judge alone', async () => {
    const leavers = {
      fileName: 'leavers.csv',
      text: terminationsCsv([{ account: 'okay', leavingDate: '2026-02-01' }]),
    };
    await run({ text: entra(staff), terminations: leavers });
    const shared = (await directoryFindings()).find((f) => f.asset?.name.startsWith('nurse1'))!;
    await kit.core.updateFinding(
      shared.id,
      {
        status: 'accepted_risk',
        justification: 'ward kiosk, badge tap',
        acceptedUntil: '2026-12-31',
      },
      'alice',
    );
    kit.clock.advanceDays(1);
    // nurse1 disabled (its shared finding no longer holds, but was accepted), gadmin left out of
    // this export, and no leavers list given this time.
    const partial = staff
      .filter((u) => u.sam !== 'gadmin')
      .map((u) => (u.sam === 'nurse1' ? { ...u, enabled: false } : u));
    const result = await run({ text: entra(partial) });
    expect(result.findingsFixed).toBe(0);
    expect(await findingLines()).toEqual([
      'gadmin: Privileged account without multi-factor authentication [open]',
      'jsmith: Account without multi-factor authentication [open]',
      'kjones: Enabled account with no recent sign-in [open]',
      'nurse1: Shared or generic account [accepted_risk]',
      'okay: Account of a leaver is still enabled [open]',
    ]);
  });

  it('keeps a finding two sources report open until neither does', async () => {
    const idle: FakeUser[] = [{ sam: 'idle', methods: MFA, lastSignIn: daysAgo(120) }];
    const active: FakeUser[] = [{ sam: 'idle', methods: MFA, lastSignIn: daysAgo(1) }];
    await run({ text: entra(idle) });
    await run({ fileName: 'ad.csv', text: adUsersCsv(idle) });
    expect(await findingLines()).toEqual(['idle: Enabled account with no recent sign-in [open]']);
    const adBetter = await run({ fileName: 'ad.csv', text: adUsersCsv(active) });
    expect(adBetter).toMatchObject({ source: 'ad', findingsFixed: 0, mfaKnown: false });
    expect(adBetter.checks).not.toHaveProperty('no_mfa');
    const entraBetter = await run({ text: entra(active) });
    expect(entraBetter.findingsFixed).toBe(1);
    expect(await findingLines()).toEqual(['idle: Enabled account with no recent sign-in [fixed]']);
  });

  it('uses an existing account asset whatever the case of its name', async () => {
    const asset = await kit.core.createAsset(
      { type: 'account', name: 'JSmith@StMarys.example.org' },
      'alice',
    );
    await run({ text: entra(staff) });
    const jsmith = (await directoryFindings()).find((f) => f.title.startsWith('Account without'))!;
    expect(jsmith.asset?.id).toBe(asset.id);
  });

  it('finds and creates assets in bulk for large exports, once', async () => {
    const users = generateDirectory(100);
    const first = await run({ text: entra(users) });
    const assets = (await kit.core.listAssets({ type: 'account', limit: 500 })).total;
    expect(first.findingsOpened).toBeGreaterThan(20);
    // One audit entry for the assets and one for the findings, not one per account.
    const entries = await kit.audit.list({ limit: 500, offset: 0 });
    expect(entries.items.map((e) => e.action).sort()).toEqual([
      'assets.create',
      'credentials.directory.import',
      'findings.record',
    ]);
    kit.clock.advanceDays(1);
    expect(await run({ text: entra(users) })).toMatchObject({ findingsOpened: 0 });
    expect((await kit.core.listAssets({ type: 'account', limit: 500 })).total).toBe(assets);
  });

  it('stores nothing when the export or the leavers list is bad', async () => {
    const bad = run({ fileName: 'u.csv', text: 'SamAccountName,Enabled\njs,Perhaps\n' });
    await expect(bad).rejects.toThrow(DirectoryInputError);
    await expect(bad).rejects.toThrow(
      'u.csv line 2, column Enabled: expected True or False, got "Perhaps"',
    );
    await expect(
      run({ text: entra(staff), terminations: { fileName: 'l.csv', text: 'Who,When\n' } }),
    ).rejects.toThrow(/^l\.csv: missing an account/);
    const counts = await kit.db.query<{ imports: number; assets: number }>(
      'SELECT (SELECT count(*)::int FROM creds_directory_imports) AS imports, (SELECT count(*)::int FROM assets) AS assets',
    );
    expect(counts[0]).toEqual({ imports: 0, assets: 0 });
  });
});

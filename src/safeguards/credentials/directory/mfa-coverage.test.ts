import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredentialsTestKit, T0, type CredentialsTestKit } from '../test-kit.ts';
import { adUsersCsv, oktaUsersCsv, entraUsersJson, type FakeUser } from './directory-fixtures.ts';
import { importDirectory } from './directory-import.ts';
import { listMfaCoverage } from './mfa-coverage.ts';

let kit: CredentialsTestKit;
const MFA = ['microsoftAuthenticatorPush'];
const KEY = ['fido2SecurityKey'];

// Week 1: 2 of 4 enabled users with MFA, the one admin without. Week 2: the admin has a key.
const week1: FakeUser[] = [
  { sam: 'a', methods: MFA },
  { sam: 'b', methods: KEY },
  { sam: 'c', methods: [] },
  { sam: 'root', isAdmin: true, methods: [] },
  { sam: 'off', enabled: false, methods: MFA },
];
const week2 = week1.map((u) => (u.sam === 'root' ? { ...u, methods: KEY } : u));

beforeAll(async () => {
  kit = await createCredentialsTestKit();
  const deps = { db: kit.db, core: kit.core, audit: kit.audit, clock: kit.clock };
  const entra = (users: FakeUser[]) => entraUsersJson(users, { combined: true });
  await importDirectory(deps, { fileName: 'w1.json', text: entra(week1), actor: 'alice' });
  kit.clock.advanceDays(7);
  await importDirectory(deps, { fileName: 'ad.csv', text: adUsersCsv(week2), actor: 'alice' });
  await importDirectory(deps, { fileName: 'okta.csv', text: oktaUsersCsv(week2), actor: 'alice' });
  await importDirectory(deps, { fileName: 'w2.json', text: entra(week2), actor: 'alice' });
});
afterAll(async () => kit.close());

describe('listMfaCoverage', () => {
  it('gives one point per import with MFA data, oldest first, enabled users only', async () => {
    const points = await listMfaCoverage(kit.db, { source: 'entra' });
    expect(points).toEqual([
      {
        at: T0,
        source: 'entra',
        users: 4,
        usersWithMfa: 2,
        privileged: 1,
        privilegedWithMfa: 0,
        phishingResistant: 1,
      },
      {
        at: '2026-03-09T09:00:00.000Z',
        source: 'entra',
        users: 4,
        usersWithMfa: 3,
        privileged: 1,
        privilegedWithMfa: 1,
        phishingResistant: 2,
      },
    ]);
  });

  it('writes no point for an AD export without MFA data, and filters by source and days', async () => {
    const all = await listMfaCoverage(kit.db);
    expect(all.map((p) => p.source)).toEqual(['entra', 'okta', 'entra']);
    const lastDays = await listMfaCoverage(kit.db, { days: 3, now: kit.clock.now() });
    expect(lastDays.map((p) => [p.source, p.at])).toEqual([
      ['okta', '2026-03-09T09:00:00.000Z'],
      ['entra', '2026-03-09T09:00:00.000Z'],
    ]);
    expect(await listMfaCoverage(kit.db, { source: 'ad' })).toEqual([]);
  });
});

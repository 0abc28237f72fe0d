import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FindingQuery } from '../../api-types.ts';
import { createCoreTestKit, type CoreTestKit } from '../../../test/core-test-kit.ts';

let kit: CoreTestKit;
const ids: Record<string, string> = {};

// Created on different days so that due dates differ within a severity.
beforeAll(async () => {
  kit = await createCoreTestKit('2026-01-01T00:00:00Z');
  const pacs = await kit.core.createAsset(
    { type: 'medical_device', name: 'PACS archive', ips: ['10.0.0.5'] },
    'alice',
  );
  const mail = await kit.core.createAsset(
    { type: 'domain', name: 'hospital.example', fqdn: 'hospital.example' },
    'alice',
  );
  const make = async (key: string, input: Parameters<CoreTestKit['core']['createFinding']>[0]) => {
    ids[key] = (await kit.core.createFinding(input, 'alice')).id;
    kit.clock.advanceDays(1);
  };
  await make('rdp', {
    safeguard: 'drills',
    title: 'Microsoft RDP RCE (BlueKeep)',
    severity: 'critical',
    cves: ['CVE-2019-0708'],
    cvssScore: 9.8,
    assetId: pacs.id,
  });
  await make('smb', {
    safeguard: 'drills',
    title: 'SMB signing not required',
    severity: 'medium',
    cvssScore: 5.3,
    assetId: pacs.id,
  });
  await make('cipher', {
    safeguard: 'drills',
    title: 'SSL Medium Strength Cipher Suites',
    severity: 'high',
    cvssScore: 7.5,
    assetId: pacs.id,
  });
  await make('dmarc', {
    safeguard: 'email',
    title: 'No DMARC record',
    severity: 'high',
    assetId: mail.id,
  });
  await make('banner', { safeguard: 'drills', title: 'Web server banner', severity: 'info' });
  await make('spooler', {
    safeguard: 'drills',
    title: 'Print spooler exposed',
    severity: 'critical',
  });
  await kit.core.updateFinding(ids['smb']!, { status: 'fixed' }, 'bob');
  kit.clock.set('2026-02-02T12:00:00Z');
});
afterAll(async () => {
  await kit.close();
});

const list = async (q: FindingQuery) =>
  (await kit.core.listFindings(q)).items.map((f) => Object.keys(ids).find((k) => ids[k] === f.id));

describe('listFindings', () => {
  it('puts the most severe first, then the soonest due, informational last', async () => {
    expect(await list({})).toEqual(['rdp', 'spooler', 'cipher', 'dmarc', 'smb', 'banner']);
    expect(await list({ order: 'asc' })).toEqual([
      'banner',
      'smb',
      'dmarc',
      'cipher',
      'spooler',
      'rdp',
    ]);
  });

  it('filters by severity, status, safeguard and asset', async () => {
    expect(await list({ severity: ['critical'] })).toEqual(['rdp', 'spooler']);
    expect(await list({ severity: ['high', 'medium'], status: ['open'] })).toEqual([
      'cipher',
      'dmarc',
    ]);
    expect(await list({ status: ['fixed'] })).toEqual(['smb']);
    expect(await list({ safeguard: ['email'] })).toEqual(['dmarc']);
    const pacs = (await kit.core.listAssets({ q: 'pacs' })).items[0]!;
    expect(await list({ assetId: pacs.id })).toEqual(['rdp', 'cipher', 'smb']);
  });

  it('finds overdue findings: past due and still open', async () => {
    // On Feb 2, noon: critical (15 days) from Jan 1 and Jan 6 and high (30 days) from Jan 3 are
    // past due; high from Jan 4 is not yet; the medium one is fixed.
    expect(await list({ overdue: true })).toEqual(['rdp', 'spooler', 'cipher']);
    expect(await list({ overdue: false })).toEqual(['dmarc', 'smb', 'banner']);
    const page = await kit.core.listFindings({ severity: ['critical'] });
    expect(page.items.every((f) => f.overdue)).toBe(true);
  });

  it('searches titles by any part, CVE ids exactly, and asset names', async () => {
    expect(await list({ q: 'cipher' })).toEqual(['cipher']);
    expect(await list({ q: 'BLUEKEEP' })).toEqual(['rdp']);
    expect(await list({ q: 'cve-2019-0708' })).toEqual(['rdp']);
    expect(await list({ q: 'pacs arch' })).toEqual(['rdp', 'cipher', 'smb']);
    expect(await list({ q: '10.0.0.5', status: ['open'] })).toEqual(['rdp', 'cipher']);
    expect(await list({ q: '100%_' })).toEqual([]);
  });

  it('sorts by other columns on request', async () => {
    expect(await list({ sort: 'title' })).toEqual([
      'rdp',
      'dmarc',
      'spooler',
      'smb',
      'cipher',
      'banner',
    ]);
    expect(await list({ sort: 'cvss' })).toEqual([
      'rdp',
      'cipher',
      'smb',
      'spooler',
      'dmarc',
      'banner',
    ]);
    expect(await list({ sort: 'first_seen' })).toEqual([
      'spooler',
      'banner',
      'dmarc',
      'cipher',
      'smb',
      'rdp',
    ]);
    expect(await list({ sort: 'due' })).toEqual([
      'rdp',
      'spooler',
      'cipher',
      'dmarc',
      'smb',
      'banner',
    ]);
  });

  it('pages through the results with the total', async () => {
    const first = await kit.core.listFindings({ limit: 4 });
    const second = await kit.core.listFindings({ limit: 4, offset: 4 });
    expect(first).toMatchObject({ total: 6, limit: 4, offset: 0 });
    expect(second).toMatchObject({ total: 6, limit: 4, offset: 4 });
    expect([...first.items, ...second.items].map((f) => f.id)).toEqual(
      (await kit.core.listFindings({})).items.map((f) => f.id),
    );
    expect((await kit.core.listFindings({ limit: 10_000 })).limit).toBe(500);
  });

  it('shows the asset by name', async () => {
    const [rdp] = (await kit.core.listFindings({ q: 'bluekeep' })).items;
    expect(rdp).toMatchObject({
      asset: { name: 'PACS archive' },
      cves: ['CVE-2019-0708'],
      cvssScore: 9.8,
      source: 'manual',
    });
  });
});

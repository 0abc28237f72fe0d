import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCoreTestKit, scanHost, type CoreTestKit } from '../../../test/core-test-kit.ts';
import { hostIdentity, matchHost, resolveHostAssets, type AssetIdentity } from './host-matching.ts';

const asset = (a: Partial<AssetIdentity> & { id: string }): AssetIdentity => ({
  ips: [],
  macs: [],
  hostnames: [],
  fqdn: null,
  os: null,
  lastSeen: 0,
  ...a,
});
const identity = (h: Parameters<typeof scanHost>[0]) => hostIdentity(scanHost(h))!;

describe('matchHost', () => {
  const byMac = asset({ id: 'mac', macs: ['00:1A:2B:3C:4D:5E'], ips: ['10.0.0.9'] });
  const byIpAndName = asset({ id: 'ip+name', ips: ['10.0.0.5'], hostnames: ['pacs-01'] });
  const byIpOnly = asset({ id: 'ip', ips: ['10.0.0.5'] });
  const byName = asset({ id: 'name', hostnames: ['pacs-01'], ips: ['10.9.9.9'] });

  it('prefers the MAC address over everything else, whatever its format in the scan', () => {
    const h = identity({ mac: '00-1a-2b-3c-4d-5e', ip: '10.0.0.5', hostnames: ['pacs-01'] });
    expect(matchHost(h, [byIpAndName, byIpOnly, byName, byMac])?.id).toBe('mac');
  });

  it('then the IP address together with a host name', () => {
    const h = identity({ ip: '10.0.0.5', hostnames: ['PACS-01'] });
    expect(matchHost(h, [byIpOnly, byName, byIpAndName])?.id).toBe('ip+name');
  });

  it('then the IP address alone', () => {
    expect(matchHost(identity({ ip: '10.0.0.5' }), [byName, byIpOnly])?.id).toBe('ip');
  });

  it('then a host name or the FQDN', () => {
    expect(matchHost(identity({ ip: '10.1.1.1', hostnames: ['pacs-01'] }), [byName])?.id).toBe(
      'name',
    );
    const withFqdn = asset({ id: 'fqdn', fqdn: 'pacs-01.hospital.example' });
    expect(matchHost(identity({ fqdn: 'PACS-01.hospital.example.' }), [withFqdn])?.id).toBe('fqdn');
  });

  it('does not take a reused address for a different device', () => {
    // DHCP gave 10.0.0.5 to another machine: its MAC differs, or its name does.
    const other = asset({
      id: 'other',
      ips: ['10.0.0.5'],
      macs: ['AA:AA:AA:AA:AA:AA'],
      hostnames: ['ws-17'],
    });
    expect(matchHost(identity({ ip: '10.0.0.5', mac: 'BB:BB:BB:BB:BB:BB' }), [other])).toBeNull();
    expect(matchHost(identity({ ip: '10.0.0.5', hostnames: ['ws-99'] }), [other])).toBeNull();
    // ...and then the name decides.
    const ws99 = asset({ id: 'ws-99', hostnames: ['ws-99'] });
    expect(matchHost(identity({ ip: '10.0.0.5', hostnames: ['ws-99'] }), [other, ws99])?.id).toBe(
      'ws-99',
    );
  });

  it('does not take a repeated name for a device with a different MAC', () => {
    // Generic names (ws-001) repeat across subnets and sites; different hardware, different device.
    const ws1 = asset({
      id: 'ws-001',
      ips: ['10.1.1.5'],
      macs: ['AA:AA:AA:AA:AA:01'],
      hostnames: ['ws-001'],
    });
    expect(
      matchHost(identity({ ip: '10.2.1.5', mac: 'BB:BB:BB:BB:BB:01', hostnames: ['ws-001'] }), [
        ws1,
      ]),
    ).toBeNull();
    // Without a MAC on one side the name still decides.
    expect(matchHost(identity({ ip: '10.2.1.5', hostnames: ['ws-001'] }), [ws1])?.id).toBe(
      'ws-001',
    );
  });

  it('finds nothing for a host with no identifier in common', () => {
    expect(
      matchHost(identity({ ip: '10.7.7.7', hostnames: ['new-host'] }), [
        byMac,
        byIpAndName,
        byName,
      ]),
    ).toBeNull();
  });
});

describe('resolveHostAssets', () => {
  let kit: CoreTestKit;
  beforeEach(async () => {
    kit = await createCoreTestKit();
  });
  afterEach(async () => {
    await kit.close();
  });

  it('creates an asset per new host and merges new identifiers into known ones', async () => {
    const known = await kit.core.createAsset(
      {
        type: 'medical_device',
        name: 'Infusion pump 7',
        macs: ['00:1a:2b:3c:4d:5e'],
        ips: ['10.0.0.7'],
        criticality: 'life_critical',
      },
      'tester',
    );
    const { ids, created: createdIds } = await resolveHostAssets(
      kit.db,
      [
        scanHost({
          mac: '00:1A:2B:3C:4D:5E',
          ip: '10.0.0.70',
          hostnames: ['pump-7'],
          os: 'VxWorks',
        }),
        scanHost({
          ip: '10.0.0.8',
          fqdn: 'ws-8.hospital.example',
          extra: { 'netbios-name': 'WS-8' },
        }),
      ],
      kit.clock.now(),
    );
    expect(ids[0]).toBe(known.id);
    expect([...createdIds]).toEqual([ids[1]]);
    const merged = (await kit.core.listAssets({ q: 'pump' })).items[0]!;
    expect(merged).toMatchObject({
      name: 'Infusion pump 7',
      type: 'medical_device',
      criticality: 'life_critical',
      ips: ['10.0.0.7', '10.0.0.70'],
      macs: ['00:1A:2B:3C:4D:5E'],
      hostnames: ['pump-7'],
      os: 'VxWorks',
    });
    const created = (await kit.core.listAssets({ q: '10.0.0.8' })).items[0]!;
    expect(created).toMatchObject({
      id: ids[1],
      type: 'host',
      name: 'ws-8',
      fqdn: 'ws-8.hospital.example',
      ips: ['10.0.0.8'],
    });
  });

  it('makes one asset of a host listed twice in one batch', async () => {
    const { ids } = await resolveHostAssets(
      kit.db,
      [
        scanHost({ ip: '10.0.0.9', hostnames: ['lab-1'] }),
        scanHost({ ip: '10.0.0.9', hostnames: ['lab-1'], mac: '02:00:00:00:00:01' }),
      ],
      kit.clock.now(),
    );
    expect(ids[0]).toBe(ids[1]);
    expect((await kit.core.listAssets({})).total).toBe(1);
    expect((await kit.core.listAssets({})).items[0]!.macs).toEqual(['02:00:00:00:00:01']);
  });

  it('does not match scanned hosts to assets that are not devices', async () => {
    await kit.core.createAsset(
      { type: 'domain', name: 'hospital.example', fqdn: 'portal.hospital.example' },
      'tester',
    );
    const [id] = (
      await resolveHostAssets(
        kit.db,
        [scanHost({ fqdn: 'portal.hospital.example' })],
        kit.clock.now(),
      )
    ).ids;
    const asset = (await kit.core.listAssets({ type: 'host' })).items[0]!;
    expect(asset.id).toBe(id);
  });

  it('skips a host without any identifier', async () => {
    expect((await resolveHostAssets(kit.db, [scanHost({})], kit.clock.now())).ids).toEqual([null]);
  });
});

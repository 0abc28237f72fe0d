import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importDeviceCsv } from './device-import.ts';
import { parseDeviceMapping } from './device-fields.ts';
import { getDeviceDetail, listDevices } from './device-queries.ts';
import { createDevicesTestKit, csv, type DevicesTestKit } from './test-kit.ts';

let kit: DevicesTestKit;
beforeEach(async () => (kit = await createDevicesTestKit()));
afterEach(async () => kit.close());

const count = async (table: string) =>
  Number((await kit.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n);

const HEADER = [
  'Device Name',
  'Vendor',
  'Product',
  'Firmware',
  'Type',
  'IP Address',
  'Department',
  'CPE',
  'MAC',
  'Serial Number',
  'VLAN',
  'PHI',
];
const PUMP = [
  'Pump-ICU-01',
  'Acme Medical',
  'Infusion Pump 9000',
  '2.1.0',
  'Infusion pump',
  '10.20.1.5',
  'ICU',
  '',
  'aa-bb-cc-00-00-01',
  'SN-001',
  'VLAN-CLIN',
  'yes',
];
const CT = [
  'CT-RAD-1',
  'Imaging Corp',
  'CT 5000',
  '7.3',
  'CT scanner',
  '10.20.2.9',
  'Radiology',
  'cpe:2.3:o:imaging_corp:ct_5000_firmware:7.3',
  '',
  'SN-CT-1',
  '',
  'yes',
];
const CAM = [
  'Cam-Lobby',
  'Vision',
  'IPC-1',
  '',
  'CCTV camera',
  '10.30.0.4',
  'Facilities',
  '',
  '',
  '',
  'guest',
  'no',
];

describe('importDeviceCsv', () => {
  it('reads synonym headers in any case and stores devices as core assets with a class', async () => {
    const r = await importDeviceCsv(kit, {
      fileName: 'cmms.csv',
      text: csv([HEADER, PUMP, CT, CAM]),
      actor: 'alice',
    });
    expect(r).toMatchObject({ rows: 3, created: 3, updated: 0, unchanged: 0 });
    const page = await listDevices(kit.db, {});
    expect(page.total).toBe(3);
    const pump = page.items.find((d) => d.name === 'Pump-ICU-01')!;
    expect(pump).toMatchObject({
      manufacturer: 'Acme Medical',
      model: 'Infusion Pump 9000',
      version: '2.1.0',
      deviceClass: 'life_critical',
      ip: '10.20.1.5',
      mac: 'AA:BB:CC:00:00:01',
      phi: true,
      scanPolicy: 'discovery_only',
      cpes: [],
    });
    expect(page.items.find((d) => d.name === 'CT-RAD-1')).toMatchObject({
      deviceClass: 'clinical',
      cpes: ['cpe:2.3:o:imaging_corp:ct_5000_firmware:7.3'],
    });
    expect(page.items.find((d) => d.name === 'Cam-Lobby')).toMatchObject({
      deviceClass: 'building_iot',
      vlan: 'guest',
    });
    const assets = await kit.core.listAssets({ limit: 10 });
    expect(assets.items.map((a) => [a.name, a.type, a.criticality]).sort()).toEqual([
      ['CT-RAD-1', 'medical_device', 'clinical'],
      ['Cam-Lobby', 'iot_device', 'business'],
      ['Pump-ICU-01', 'medical_device', 'life_critical'],
    ]);
    expect(assets.items.find((a) => a.name === 'Pump-ICU-01')).toMatchObject({
      ips: ['10.20.1.5'],
      macs: ['AA:BB:CC:00:00:01'],
      department: 'ICU',
    });
  });

  it('names a missing required column and lists the header found', async () => {
    const text = csv([
      ['Name', 'Model', 'IP'],
      ['a', 'b', '10.0.0.1'],
    ]);
    await expect(importDeviceCsv(kit, { fileName: 'x.csv', text, actor: 'a' })).rejects.toThrow(
      /^x\.csv: no "manufacturer" column \(also read as vendor, make, mfr\); the header has: Name, Model, IP/,
    );
  });

  it('fails a bad row with its line number and column and stores nothing', async () => {
    const bad = [...CAM];
    bad[5] = '10.30.0.999';
    const text = csv([HEADER, PUMP, CT, bad]);
    await expect(importDeviceCsv(kit, { fileName: 'inv.csv', text, actor: 'a' })).rejects.toThrow(
      'inv.csv line 4, column IP Address: not an IP address: "10.30.0.999"',
    );
    expect(await count('devices')).toBe(0);
    expect(await count('assets')).toBe(0);
  });

  it('merges a re-import without duplicates and writes every changed field to history', async () => {
    await importDeviceCsv(kit, {
      fileName: 'v1.csv',
      text: csv([HEADER, PUMP, CT]),
      actor: 'alice',
    });
    // Same pump, new name and IP (MAC matches); CT renamed (serial matches); pump firmware updated.
    const pump2 = [...PUMP];
    pump2[0] = 'Pump-ICU-01b';
    pump2[3] = '2.2.0';
    pump2[5] = '10.20.1.77';
    const ct2 = [...CT];
    ct2[0] = 'CT-RADIOLOGY-1';
    const r = await importDeviceCsv(kit, {
      fileName: 'v2.csv',
      text: csv([HEADER, pump2, ct2]),
      actor: 'bob',
    });
    expect(r).toMatchObject({ created: 0, updated: 2, unchanged: 0 });
    expect(await count('devices')).toBe(2);
    expect(await count('assets')).toBe(2);
    const pump = (await listDevices(kit.db, { q: 'AA:BB:CC:00:00:01' })).items[0]!;
    const detail = await getDeviceDetail(kit.db, pump.id);
    expect(detail).toMatchObject({ name: 'Pump-ICU-01b', version: '2.2.0', ip: '10.20.1.77' });
    const changes = detail.history
      .filter((h) => h.source === 'v2.csv')
      .map((h) => [h.field, h.oldValue, h.newValue, h.changedBy]);
    expect(changes.sort()).toEqual([
      ['ip', '10.20.1.5', '10.20.1.77', 'bob'],
      ['name', 'Pump-ICU-01', 'Pump-ICU-01b', 'bob'],
      ['version', '2.1.0', '2.2.0', 'bob'],
    ]);
    // The asset follows the IP change, so scanner imports keep matching.
    const asset = (await kit.core.listAssets({ q: '10.20.1.77' })).items[0]!;
    expect(asset.id).toBe(pump.id);
    expect(asset.ips).toEqual(['10.20.1.77']);

    const again = await importDeviceCsv(kit, {
      fileName: 'v2.csv',
      text: csv([HEADER, pump2, ct2]),
      actor: 'bob',
    });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
  });

  it('matches by IP and host name together, then by name', async () => {
    const h = ['Name', 'Manufacturer', 'Model', 'IP', 'Hostname', 'Location'];
    await importDeviceCsv(kit, {
      fileName: 'a.csv',
      text: csv([h, ['mon-1', 'Philips', 'IntelliVue MX450', '10.1.1.1', 'MON-1', 'Bed 3']]),
      actor: 'a',
    });
    await importDeviceCsv(kit, {
      fileName: 'b.csv',
      text: csv([
        h,
        ['Monitor bed 3', 'Philips', 'IntelliVue MX450', '10.1.1.1', 'mon-1', 'Bed 4'],
      ]),
      actor: 'a',
    });
    await importDeviceCsv(kit, {
      fileName: 'c.csv',
      text: csv([h, ['monitor BED 3', 'Philips', 'IntelliVue MX450', '', '', 'Bed 5']]),
      actor: 'a',
    });
    const page = await listDevices(kit.db, {});
    expect(page.items.map((d) => [d.name, d.location])).toEqual([['monitor BED 3', 'Bed 5']]);
  });

  it('takes a column mapping (column=field) for headers it does not know', async () => {
    const text = csv([
      ['Asset Label', 'Hersteller', 'Typ'],
      ['Vent-3', 'Draeger', 'Evita V500'],
    ]);
    const mapping = parseDeviceMapping('Asset Label=name,Hersteller=manufacturer,Typ=model');
    const r = await importDeviceCsv(kit, { fileName: 'de.csv', text, mapping, actor: 'a' });
    expect(r.created).toBe(1);
    expect((await listDevices(kit.db, {})).items[0]).toMatchObject({
      name: 'Vent-3',
      manufacturer: 'Draeger',
      model: 'Evita V500',
    });
  });
});

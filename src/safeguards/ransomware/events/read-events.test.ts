import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeEvtx } from '../evtx/index.ts';
import { InputPathError, listInputFiles } from './input-files.ts';
import { readEvents, UnknownFormatError, type ReadWarning } from './read-events.ts';

const dir = mkdtempSync(join(tmpdir(), 'ward-events-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
}

const evtxJson = (id: number, commandLine: string) => ({
  Event: {
    System: {
      Provider: { '#attributes': { Name: 'Microsoft-Windows-Sysmon' } },
      EventID: 1,
      TimeCreated: { '#attributes': { SystemTime: `2024-03-01T10:00:0${id}.000000Z` } },
      EventRecordID: id,
      Channel: 'Microsoft-Windows-Sysmon/Operational',
      Computer: 'ws01',
    },
    EventData: { Image: 'C:\\Windows\\System32\\vssadmin.exe', CommandLine: commandLine },
  },
});

function readAll(path: string) {
  const warnings: ReadWarning[] = [];
  const events = [...readEvents(path, { onWarning: (w) => warnings.push(w) })];
  return { events, warnings };
}

describe('readEvents', () => {
  it('reads evtx_dump objects concatenated, reporting a broken one with file and line', () => {
    const first = JSON.stringify(evtxJson(1, 'vssadmin delete shadows /all {quiet}'), null, 2);
    const text = [
      first,
      '{\n  "Event": { "System": { "EventID": 1, } }\n}',
      JSON.stringify(evtxJson(2, 'say "hi" }'), null, 2),
    ].join('\r\n');
    const path = file('twin.json', text);
    const { events, warnings } = readAll(path);
    expect(events.map((e) => e.event['CommandLine'])).toEqual([
      'vssadmin delete shadows /all {quiet}',
      'say "hi" }',
    ]);
    expect(events[0]).toMatchObject({
      origin: { file: path, recordId: 1 },
      timestamp: '2024-03-01T10:00:01.000000Z',
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ file: path, line: first.split('\n').length + 1 });
    expect(warnings[0]!.message).toMatch(/invalid JSON/);
  });

  it('reads Winlogbeat NDJSON and flat exports in a JSON array', () => {
    const ecs = file(
      'beats.ndjson',
      [
        JSON.stringify({
          '@timestamp': '2024-03-01T10:00:00Z',
          winlog: {
            channel: 'Security',
            event_id: 1102,
            computer_name: 'dc1',
            user_data: { SubjectUserName: 'admin' },
          },
        }),
        'garbage line',
        JSON.stringify({
          '@timestamp': '2024-03-01T10:00:01Z',
          winlog: {
            channel: 'System',
            event_id: '7045',
            computer_name: 'dc1',
            event_data: { ServiceName: 'PSEXESVC' },
          },
        }),
      ].join('\n'),
    );
    const beats = readAll(ecs);
    expect(beats.events.map((e) => [e.event['EventID'], e.event['Computer'], e.timestamp])).toEqual(
      [
        [1102, 'dc1', '2024-03-01T10:00:00Z'],
        [7045, 'dc1', '2024-03-01T10:00:01Z'],
      ],
    );
    expect(beats.events[0]!.event['SubjectUserName']).toBe('admin');
    expect(beats.warnings).toEqual([
      { file: ecs, line: 2, message: expect.stringMatching(/not JSON/) },
    ]);

    const flat = file(
      'otrf.json',
      JSON.stringify([
        { EventID: 4625, Channel: 'Security', Hostname: 'ws9', TargetUserName: 'bob' },
      ]),
    );
    expect(readAll(flat).events[0]!.event).toMatchObject({
      EventID: 4625,
      Computer: 'ws9',
      TargetUserName: 'bob',
    });
  });

  it('reads UTF-16LE JSON as PowerShell writes it', () => {
    const text = '\ufeff' + JSON.stringify({ EventID: 1, Channel: 'x' });
    const path = file('ps.json', Buffer.from(text, 'utf16le'));
    expect(readAll(path).events[0]!.event['EventID']).toBe(1);
  });

  it('reads EVTX files through the parser', () => {
    const path = file(
      'sysmon.evtx',
      writeEvtx([
        {
          recordId: 1,
          timestamp: '2024-03-01T10:00:01.000Z',
          event: evtxJson(1, 'vssadmin delete shadows'),
        },
        {
          recordId: 2,
          timestamp: '2024-03-01T10:00:02.000Z',
          event: evtxJson(2, 'wbadmin delete catalog'),
        },
      ]),
    );
    const { events, warnings } = readAll(path);
    expect(warnings).toEqual([]);
    expect(
      events.map((e) => [e.origin.recordId, e.event['EventID'], e.event['CommandLine']]),
    ).toEqual([
      [1, 1, 'vssadmin delete shadows'],
      [2, 1, 'wbadmin delete catalog'],
    ]);
  });

  it('rejects files that are neither EVTX nor JSON, naming the file', () => {
    const csv = file('export.json', 'TimeCreated,EventID\n');
    expect(() => readEvents(csv)).toThrow(UnknownFormatError);
    expect(() => readEvents(csv)).toThrow(/export\.json: unknown format/);
    const fake = file('fake.evtx', '{"EventID": 1}');
    expect(() => readEvents(fake)).toThrow(/fake\.evtx: not an EVTX file/);
  });
});

describe('listInputFiles', () => {
  it('walks directories recursively for event files, sorted, and takes named files as given', () => {
    const root = join(dir, 'tree');
    file('tree/b/two.evtx', '');
    file('tree/a/one.json', '');
    file('tree/a/notes.txt', '');
    file('tree/c.NDJSON', '');
    file('tree/d.jsonl', '');
    const named = file('named.log', '');
    expect(listInputFiles([root, named])).toEqual([
      join(root, 'a/one.json'),
      join(root, 'b/two.evtx'),
      join(root, 'c.NDJSON'),
      join(root, 'd.jsonl'),
      named,
    ]);
  });

  it('fails clearly on a missing path', () => {
    expect(() => listInputFiles([join(dir, 'nope')])).toThrow(InputPathError);
    expect(() => listInputFiles([join(dir, 'nope')])).toThrow(/nope: no such file or directory/);
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  countChunks,
  readEvtx,
  readEvtxFile,
  writeEvtx,
  type EvtxWarning,
  type EvtxWriteRecord,
} from './index.ts';

const SYSMON = {
  provider: 'Microsoft-Windows-Sysmon',
  providerGuid: '5770385F-C22A-43E0-BF4C-06F5698FFBD9',
  channel: 'Microsoft-Windows-Sysmon/Operational',
  computer: 'ws01.example.org',
};

function readAll(file: Uint8Array) {
  const warnings: EvtxWarning[] = [];
  const records = [...readEvtx(file, { onWarning: (w) => warnings.push(w) })];
  return { records, warnings };
}

describe('readEvtx renders records as evtx_dump does', () => {
  it('renders a Sysmon process creation exactly', () => {
    const file = writeEvtx([
      {
        recordId: 571146,
        timestamp: '2025-11-27T07:40:10.165324Z',
        system: {
          ...SYSMON,
          eventId: 1,
          version: 5,
          task: 1,
          processId: 3544,
          threadId: 4272,
          userId: 'S-1-5-18',
        },
        eventData: {
          RuleName: '-',
          UtcTime: '2025-11-27 07:40:10.132',
          ProcessGuid: { type: 'guid', value: '0197231E-005A-6928-A50B-000000000D00' },
          ProcessId: 4460,
          Image: 'C:\\Windows\\System32\\vssadmin.exe',
          CommandLine: 'vssadmin.exe Delete Shadows /All /Quiet',
          LogonId: { type: 'hex64', value: '0x3e7' },
          TerminalSessionId: 0,
        },
      },
    ]);
    const { records, warnings } = readAll(file);
    expect(warnings).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      recordId: 571146,
      timestamp: '2025-11-27T07:40:10.165324Z',
      chunk: 0,
    });
    expect(JSON.stringify(records[0]!.event, null, 2)).toBe(
      JSON.stringify(
        {
          Event: {
            '#attributes': { xmlns: 'http://schemas.microsoft.com/win/2004/08/events/event' },
            System: {
              Provider: {
                '#attributes': {
                  Name: 'Microsoft-Windows-Sysmon',
                  Guid: '5770385F-C22A-43E0-BF4C-06F5698FFBD9',
                },
              },
              EventID: 1,
              Version: 5,
              Level: 4,
              Task: 1,
              Opcode: 0,
              Keywords: '0x8000000000000000',
              TimeCreated: { '#attributes': { SystemTime: '2025-11-27T07:40:10.165324Z' } },
              EventRecordID: 571146,
              Correlation: null,
              Execution: { '#attributes': { ProcessID: 3544, ThreadID: 4272 } },
              Channel: 'Microsoft-Windows-Sysmon/Operational',
              Computer: 'ws01.example.org',
              Security: { '#attributes': { UserID: 'S-1-5-18' } },
            },
            EventData: {
              RuleName: '-',
              UtcTime: '2025-11-27 07:40:10.132',
              ProcessGuid: '0197231E-005A-6928-A50B-000000000D00',
              ProcessId: 4460,
              Image: 'C:\\Windows\\System32\\vssadmin.exe',
              CommandLine: 'vssadmin.exe Delete Shadows /All /Quiet',
              LogonId: '0x3e7',
              TerminalSessionId: 0,
            },
          },
        },
        null,
        2,
      ),
    );
  });

  it('renders a Security 4624 with Qualifiers, an omitted UserID and NULL fields', () => {
    const file = writeEvtx([
      {
        timestamp: '2019-03-19T23:34:20.123456Z',
        system: {
          provider: 'Microsoft-Windows-Security-Auditing',
          providerGuid: '54849625-5478-4994-A5BA-3E3B0328C30D',
          eventId: 4624,
          qualifiers: 0,
          version: 2,
          level: 0,
          task: 12544,
          keywords: '0x8020000000000000',
          channel: 'Security',
          computer: 'DC01',
          activityId: 'C2C4C2C5-A1D1-0001-DAC2-C4C2D1A1D401',
        },
        eventData: {
          SubjectUserSid: { type: 'sid', value: 'S-1-5-21-3623811015-3361044348-30300820-1013' },
          TargetUserName: 'alice',
          LogonType: 3,
          LogonGuid: { type: 'guid', value: '00000000-0000-0000-0000-000000000000' },
          WorkstationName: null,
          IpPort: '-',
        },
      },
    ]);
    const event = readAll(file).records[0]!.event.Event as Record<string, Record<string, unknown>>;
    expect(event['System']!['EventID']).toEqual({
      '#attributes': { Qualifiers: 0 },
      '#text': 4624,
    });
    expect(event['System']!['Correlation']).toEqual({
      '#attributes': { ActivityID: 'C2C4C2C5-A1D1-0001-DAC2-C4C2D1A1D401' },
    });
    expect(event['System']!['Security']).toBeNull();
    expect(event['System']!['Keywords']).toBe('0x8020000000000000');
    expect(event['EventData']).toEqual({
      SubjectUserSid: 'S-1-5-21-3623811015-3361044348-30300820-1013',
      TargetUserName: 'alice',
      LogonType: 3,
      LogonGuid: '00000000-0000-0000-0000-000000000000',
      WorkstationName: null,
      IpPort: '-',
    });
  });

  it('renders every supported value type as evtx_dump types it', () => {
    const file = writeEvtx([
      {
        timestamp: '2024-01-02T03:04:05.000001Z',
        system: { ...SYSMON, eventId: 99 },
        eventData: {
          Str: 'Grüße 日本語 😀  ',
          Ansi: { type: 'ansi', value: 'caf\u00e9' },
          I8: { type: 'int8', value: -5 },
          U8: { type: 'uint8', value: 250 },
          I16: { type: 'int16', value: -30000 },
          U16: { type: 'uint16', value: 65000 },
          I32: -2000000000,
          U32: 4000000000,
          I64: { type: 'int64', value: -9007199254740991n },
          U64: { type: 'uint64', value: 9007199254740991n },
          F32: { type: 'float', value: 1.1 },
          F64: 2.5,
          Bool: false,
          Bin: { type: 'binary', value: '00ff10ab' },
          SizeT: { type: 'sizet', value: 4096 },
          FileTime: { type: 'filetime', value: '2020-02-29T23:59:59.9999999Z' },
          SysTime: { type: 'systemtime', value: '2021-06-15T12:30:45.678Z' },
          Hex32: { type: 'hex32', value: -1 },
          Hex64: { type: 'hex64', value: '0xffffffffffffffff' },
          StrArray: ['one', 'two', ''],
          U16Array: { type: 'uint16', array: [1, 2, 65535] },
          GuidArray: { type: 'guid', array: ['0197231E-005A-6928-A50B-000000000D00'] },
          Nested: {
            type: 'xml',
            element: {
              name: 'Rule',
              attributes: { id: 'r1' },
              children: ['a &amp; b', { name: 'Empty' }],
            },
          },
        },
      },
    ]);
    const { records, warnings } = readAll(file);
    expect(warnings).toEqual([]);
    expect(records[0]!.timestamp).toBe('2024-01-02T03:04:05.000001Z');
    expect((records[0]!.event.Event as Record<string, unknown>)['EventData']).toEqual({
      Str: 'Grüße 日本語 😀', // evtx trims trailing whitespace of sized strings
      Ansi: 'café',
      I8: -5,
      U8: 250,
      I16: -30000,
      U16: 65000,
      I32: -2000000000,
      U32: 4000000000,
      I64: -9007199254740991,
      U64: 9007199254740991,
      F32: 1.1,
      F64: 2.5,
      Bool: false,
      Bin: '00FF10AB',
      SizeT: '0x1000',
      FileTime: '2020-02-29T23:59:59.999999Z',
      SysTime: '2021-06-15T12:30:45.678000Z',
      Hex32: '0xffffffff',
      Hex64: '0xffffffffffffffff',
      StrArray: ['one', 'two', ''],
      U16Array: [1, 2, 65535],
      GuidArray: ['0197231E-005A-6928-A50B-000000000D00'],
      Nested: { Rule: { '#attributes': { id: 'r1' }, '#text': 'a &amp; b', Empty: null } },
    });
  });

  it('renders unnamed Data, UserData and repeated elements', () => {
    const file = writeEvtx([
      {
        timestamp: '2024-01-01T00:00:00.000000Z',
        system: { ...SYSMON, eventId: 2 },
        eventData: ['first', 'second'],
      },
      {
        timestamp: '2024-01-01T00:00:01.000000Z',
        system: {
          provider: 'Microsoft-Windows-Eventlog',
          eventId: 1102,
          channel: 'Security',
          computer: 'dc01',
        },
        userData: {
          name: 'LogFileCleared',
          xmlns: 'http://manifests.microsoft.com/win/2004/08/windows/eventlog',
          fields: { SubjectUserName: 'admin', SubjectDomainName: 'CORP' },
        },
      },
      {
        timestamp: '2024-01-01T00:00:02.000000Z',
        event: { Event: { System: { EventID: 3 }, EventData: { Data: { '#text': 'only' } } } },
      },
    ]);
    const events = readAll(file).records.map((r) => r.event.Event as Record<string, unknown>);
    expect(events[0]!['EventData']).toEqual({ Data: { '#text': ['first', 'second'] } });
    expect(events[1]!['UserData']).toEqual({
      LogFileCleared: {
        '#attributes': { xmlns: 'http://manifests.microsoft.com/win/2004/08/windows/eventlog' },
        SubjectUserName: 'admin',
        SubjectDomainName: 'CORP',
      },
    });
    expect(events[2]).toEqual({ System: { EventID: 3 }, EventData: { Data: { '#text': 'only' } } });
  });

  it('round-trips many records over several chunks with templates reused', () => {
    const records: EvtxWriteRecord[] = Array.from({ length: 50 }, (_, i): EvtxWriteRecord => ({
      timestamp: `2024-05-01T00:00:${String(i % 60).padStart(2, '0')}.${String(i).padStart(6, '0')}Z`,
      system: { ...SYSMON, eventId: i % 2 === 0 ? 1 : 11 },
      eventData:
        i % 2 === 0
          ? { Image: `C:\\p${i}.exe`, CommandLine: `p${i} --flag` }
          : { TargetFilename: `C:\\f${i}.txt`, ProcessId: i },
    }));
    const file = writeEvtx(records, { recordsPerChunk: 7 });
    expect(countChunks(file)).toBe(8);
    const { records: read, warnings } = readAll(file);
    expect(warnings).toEqual([]);
    expect(read.map((r) => r.recordId)).toEqual(records.map((_, i) => i + 1));
    expect(read.map((r) => r.chunk)).toEqual(records.map((_, i) => Math.floor(i / 7)));
    expect(read[48]!.event.Event['EventData']).toEqual({
      Image: 'C:\\p48.exe',
      CommandLine: 'p48 --flag',
    });
    expect(read[49]!.event.Event['EventData']).toEqual({
      TargetFilename: 'C:\\f49.txt',
      ProcessId: 49,
    });
    // A chunk range reads only those chunks, for splitting a file across workers.
    const middle = [...readEvtx(file, { chunks: { from: 2, to: 4 } })];
    expect(middle.map((r) => r.recordId)).toEqual(Array.from({ length: 14 }, (_, i) => 15 + i));
  });

  it('fills chunks to 64 KiB by default and reads the same from a file', () => {
    const records = Array.from({ length: 400 }, (_, i) => ({
      timestamp: '2024-05-01T00:00:00.000000Z',
      system: { ...SYSMON, eventId: 1 },
      eventData: { CommandLine: `cmd.exe /c echo ${'x'.repeat(200)} ${i}` },
    }));
    const file = writeEvtx(records);
    expect(countChunks(file)).toBeGreaterThan(1);
    const path = join(mkdtempSync(join(tmpdir(), 'evtx-')), 'a.evtx');
    writeFileSync(path, file);
    const fromFile = [...readEvtxFile(path)];
    expect(fromFile).toHaveLength(400);
    expect(fromFile).toEqual([...readEvtx(file)]);
    expect(
      [...readEvtxFile(path, { chunks: { from: 1, to: 2 } })].every((r) => r.chunk === 1),
    ).toBe(true);
  });

  it('gives back evtx_dump JSON it was written from', () => {
    const event = {
      Event: {
        '#attributes': { xmlns: 'http://schemas.microsoft.com/win/2004/08/events/event' },
        System: {
          Provider: {
            '#attributes': {
              Name: 'Microsoft-Windows-Windows Defender',
              Guid: '11CD958A-C507-4EF3-B3F2-5FD9DFBD2C78',
            },
          },
          EventID: 1116,
          Keywords: '0x8000000000000000',
          TimeCreated: { '#attributes': { SystemTime: '2023-01-01T00:00:00.500000Z' } },
          EventRecordID: 77,
          Correlation: { '#attributes': { ActivityID: 'C2C4C2C5-A1D1-0001-DAC2-C4C2D1A1D401' } },
          Execution: { '#attributes': { ProcessID: 1, ThreadID: 2 } },
          Channel: 'Microsoft-Windows-Windows Defender/Operational',
          Computer: 'ws',
          Security: { '#attributes': { UserID: 'S-1-5-18' } },
        },
        EventData: {
          'Product Name': 'Microsoft Defender Antivirus',
          'Threat ID': 2147519003,
          Path: 'file:_C:\\eicar.com',
        },
      },
    };
    const [record] = [
      ...readEvtx(writeEvtx([{ timestamp: '2023-01-01T00:00:00.500000Z', event }])),
    ];
    expect(JSON.stringify(record!.event)).toBe(JSON.stringify(event));
  });
});

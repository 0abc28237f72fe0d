import { describe, expect, it } from 'vitest';
import { flattenEvent } from './flatten-event.ts';
import { flattenEcsEvent, flattenExportEvent, flattenJsonRecord } from './flatten-json-record.ts';

const sysmon1 = {
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
      TimeCreated: { '#attributes': { SystemTime: '2024-03-01T10:00:00.123456Z' } },
      EventRecordID: 4711,
      Correlation: null,
      Execution: { '#attributes': { ProcessID: 3544, ThreadID: 4272 } },
      Channel: 'Microsoft-Windows-Sysmon/Operational',
      Computer: 'ward-ws01.hospital.local',
      Security: { '#attributes': { UserID: 'S-1-5-18' } },
    },
    EventData: {
      RuleName: '-',
      ProcessId: 4460,
      Image: 'C:\\Windows\\System32\\vssadmin.exe',
      CommandLine: 'vssadmin.exe delete shadows /all /quiet',
      ParentImage: 'C:\\Windows\\System32\\cmd.exe',
      Hashes: 'SHA256=AB,IMPHASH=CD',
    },
  },
};

describe('flattenEvent', () => {
  it('maps Sysmon 1 System and EventData to Sigma field names, keeping types', () => {
    const flat = flattenEvent(sysmon1);
    expect(flat).toMatchObject({
      EventID: 1,
      Channel: 'Microsoft-Windows-Sysmon/Operational',
      Computer: 'ward-ws01.hospital.local',
      Provider_Name: 'Microsoft-Windows-Sysmon',
      Provider_Guid: '5770385F-C22A-43E0-BF4C-06F5698FFBD9',
      EventRecordID: 4711,
      TimeCreated: '2024-03-01T10:00:00.123456Z',
      Level: 4,
      Task: 1,
      Opcode: 0,
      Keywords: '0x8000000000000000',
      Version: 5,
      ProcessID: 3544,
      ThreadID: 4272,
      UserID: 'S-1-5-18',
      ProcessId: 4460,
      Image: 'C:\\Windows\\System32\\vssadmin.exe',
      CommandLine: 'vssadmin.exe delete shadows /all /quiet',
    });
    expect(flat).not.toHaveProperty('Correlation');
    expect(flat).not.toHaveProperty('xmlns');
  });

  it('takes EventID from #text when it carries Qualifiers (Security 4688)', () => {
    const flat = flattenEvent({
      Event: {
        System: {
          Provider: { '#attributes': { Name: 'Microsoft-Windows-Security-Auditing' } },
          EventID: { '#attributes': { Qualifiers: 0 }, '#text': 4688 },
          Channel: 'Security',
          Computer: 'DC01',
        },
        EventData: {
          SubjectUserName: 'nurse1',
          NewProcessName: 'C:\\Windows\\System32\\wbadmin.exe',
          CommandLine: 'wbadmin delete catalog -quiet',
          TokenElevationType: '%%1936',
        },
      },
    });
    expect(flat['EventID']).toBe(4688);
    expect(flat['NewProcessName']).toBe('C:\\Windows\\System32\\wbadmin.exe');
    expect(flat['TokenElevationType']).toBe('%%1936');
  });

  it('flattens 1102 UserData leaves by element name', () => {
    const flat = flattenEvent({
      Event: {
        System: {
          Provider: { '#attributes': { Name: 'Microsoft-Windows-Eventlog' } },
          EventID: 1102,
          Channel: 'Security',
          Computer: 'DC01',
        },
        UserData: {
          LogFileCleared: {
            '#attributes': { xmlns: 'http://manifests.microsoft.com/win/2004/08/windows/eventlog' },
            SubjectUserSid: 'S-1-5-21-1-2-3-500',
            SubjectUserName: 'Administrator',
            SubjectDomainName: 'HOSPITAL',
            SubjectLogonId: '0x3e7',
          },
        },
      },
    });
    expect(flat).toMatchObject({
      EventID: 1102,
      SubjectUserName: 'Administrator',
      SubjectDomainName: 'HOSPITAL',
      SubjectLogonId: '0x3e7',
    });
  });

  it('keeps the System Channel when UserData names the cleared log (System 104)', () => {
    const flat = flattenEvent({
      Event: {
        System: { EventID: 104, Channel: 'System' },
        UserData: { LogFileCleared: { SubjectUserName: 'admin', Channel: 'Application' } },
      },
    });
    expect(flat['Channel']).toBe('System');
  });

  it('collects unnamed Data elements and Data elements given as name/text pairs', () => {
    const unnamed = flattenEvent({
      Event: { System: { EventID: 7045 }, EventData: { Data: ['a', 'b'] } },
    });
    expect(unnamed['Data']).toEqual(['a', 'b']);
    const single = flattenEvent({ Event: { System: { EventID: 1 }, EventData: { Data: 'only' } } });
    expect(single['Data']).toBe('only');
    const named = flattenEvent({
      Event: {
        System: { EventID: '4625' },
        EventData: {
          Data: [
            { '#attributes': { Name: 'TargetUserName' }, '#text': 'bob' },
            { '#attributes': { Name: 'LogonType' }, '#text': 3 },
          ],
        },
      },
    });
    expect(named).toMatchObject({ EventID: 4625, TargetUserName: 'bob', LogonType: 3 });
  });

  it('adds space-free names for Defender Data names, as Sigma rules spell them', () => {
    const flat = flattenEvent({
      Event: {
        System: { EventID: 1119 },
        EventData: {
          'Threat Name': 'Virus:DOS/EICAR_Test_File',
          'Source Name': 'Real-Time Protection',
        },
      },
    });
    expect(flat).toMatchObject({
      'Threat Name': 'Virus:DOS/EICAR_Test_File',
      ThreatName: 'Virus:DOS/EICAR_Test_File',
      SourceName: 'Real-Time Protection',
    });
  });

  it('survives an event with null EventData and no System', () => {
    expect(flattenEvent({ Event: { EventData: null } })).toEqual({});
  });
});

describe('flattenEcsEvent (Winlogbeat)', () => {
  it('maps winlog.* to the same flat names', () => {
    const flat = flattenEcsEvent({
      '@timestamp': '2024-03-01T10:00:00.000Z',
      event: { code: '4688' },
      winlog: {
        channel: 'Security',
        event_id: '4688',
        computer_name: 'ws02',
        provider_name: 'Microsoft-Windows-Security-Auditing',
        provider_guid: '{54849625-5478-4994-a5ba-3e3b0328c30d}',
        record_id: '91',
        process: { pid: 4, thread: { id: 88 } },
        user: { identifier: 'S-1-5-18' },
        event_data: {
          NewProcessName: 'C:\\Windows\\System32\\bcdedit.exe',
          CommandLine: 'bcdedit /set {default} recoveryenabled No',
        },
      },
    });
    expect(flat).toMatchObject({
      EventID: 4688,
      Channel: 'Security',
      Computer: 'ws02',
      Provider_Name: 'Microsoft-Windows-Security-Auditing',
      EventRecordID: 91,
      ProcessID: 4,
      ThreadID: 88,
      UserID: 'S-1-5-18',
      TimeCreated: '2024-03-01T10:00:00.000Z',
      NewProcessName: 'C:\\Windows\\System32\\bcdedit.exe',
    });
  });
});

describe('flattenExportEvent (OTRF / NXLog flat JSON)', () => {
  it('keeps top-level fields and adds Sigma names for exporter aliases', () => {
    const flat = flattenExportEvent({
      EventID: '1',
      Channel: 'Microsoft-Windows-Sysmon/Operational',
      Hostname: 'WORKSTATION5',
      SourceName: 'Microsoft-Windows-Sysmon',
      RecordNumber: 2134,
      '@timestamp': '2020-09-21T18:50:07.187Z',
      EventTime: '2020-09-21 14:50:07',
      Image: 'C:\\Windows\\PSEXESVC.exe',
      tags: ['mordorDataset'],
    });
    expect(flat).toMatchObject({
      EventID: 1,
      Computer: 'WORKSTATION5',
      Hostname: 'WORKSTATION5',
      Provider_Name: 'Microsoft-Windows-Sysmon',
      EventRecordID: 2134,
      TimeCreated: '2020-09-21T18:50:07.187Z',
      Image: 'C:\\Windows\\PSEXESVC.exe',
      tags: ['mordorDataset'],
    });
  });

  it('is chosen by shape in flattenJsonRecord', () => {
    expect(flattenJsonRecord(sysmon1)['EventID']).toBe(1);
    expect(flattenJsonRecord({ winlog: { event_id: 4624 } })['EventID']).toBe(4624);
    expect(flattenJsonRecord({ EventID: 4625, Hostname: 'x' })['Computer']).toBe('x');
  });
});

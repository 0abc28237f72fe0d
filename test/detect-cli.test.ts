// `ward detect` and `ward rules check` as incident responders and acceptance checks run them:
// real processes, no server, no database; inputs generated here (EVTX through Ward's writer).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EvtxJson } from '../src/safeguards/ransomware/events/event-types.ts';
import { writeEvtx } from '../src/safeguards/ransomware/evtx/index.ts';
import { runWardCli } from './ward-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'ward-detect-cli-'));
const env = { ...process.env, WARD_DATA_DIR: join(dir, 'data'), WARD_LOG_LEVEL: 'warn' };

const ward = (...args: string[]) => runWardCli(args, env);
const jsonLines = (text: string) =>
  text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

let recordId = 1000;
function processStart(computer: string, image: string, commandLine: string): EvtxJson {
  return {
    Event: {
      System: {
        Provider: { '#attributes': { Name: 'Microsoft-Windows-Sysmon' } },
        EventID: 1,
        TimeCreated: { '#attributes': { SystemTime: '2026-03-02T02:14:07.000000Z' } },
        EventRecordID: ++recordId,
        Channel: 'Microsoft-Windows-Sysmon/Operational',
        Computer: computer,
      },
      EventData: {
        Image: image,
        CommandLine: commandLine,
        ParentImage: 'C:\\Windows\\System32\\cmd.exe',
      },
    },
  };
}

const logs = join(dir, 'logs');
mkdirSync(join(logs, 'ws-017'), { recursive: true });
writeFileSync(
  join(logs, 'ws-017', 'sysmon.evtx'),
  writeEvtx(
    [
      processStart(
        'WS-017',
        'C:\\Windows\\System32\\vssadmin.exe',
        'vssadmin.exe delete shadows /all /quiet',
      ),
      processStart('WS-017', 'C:\\Windows\\System32\\notepad.exe', 'notepad.exe report.txt'),
    ].map((event, i) => ({ recordId: i + 1, timestamp: '2026-03-02T02:14:07.000Z', event })),
  ),
);
// A flat NDJSON export (OTRF/Winlogbeat-like) with a Security log clear.
writeFileSync(
  join(logs, 'dc1-security.ndjson'),
  JSON.stringify({
    Channel: 'Security',
    EventID: 1102,
    Computer: 'DC1',
    TimeCreated: '2026-03-02T02:20:00.000Z',
    EventRecordID: 77,
    SubjectUserName: 'svc-backup',
    Provider_Name: 'Microsoft-Windows-Eventlog',
  }) + '\n',
);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ward detect', () => {
  it("finds ransomware precursors with Ward's pack and prints the contract fields", () => {
    const r = ward('detect', '--json', logs);
    expect(r.code, r.stderr).toBe(0);
    const matches = jsonLines(r.stdout);
    const vss = matches.find((m) => String(m['rule_title']).match(/shadow/i));
    expect(vss).toMatchObject({
      level: expect.stringMatching(/high|critical/),
      author: 'Ward project',
      computer: 'WS-017',
      channel: 'Microsoft-Windows-Sysmon/Operational',
      event_id: 1,
      record_id: 1001,
      file: expect.stringContaining(join('ws-017', 'sysmon.evtx')),
    });
    for (const key of ['rule_id', 'rule_title', 'timestamp']) expect(vss?.[key]).toBeTruthy();
    expect(vss?.['tags']).toContain('attack.t1490');
    expect(vss?.['fields']).toMatchObject({
      CommandLine: 'vssadmin.exe delete shadows /all /quiet',
    });
    const cleared = matches.find((m) => m['event_id'] === 1102);
    expect(cleared).toMatchObject({
      computer: 'DC1',
      file: expect.stringContaining('dc1-security.ndjson'),
    });
    expect(matches.some((m) => JSON.stringify(m['fields']).includes('notepad'))).toBe(false);
  });

  it('uses exactly the rule trees given with --rules, and filters by --min-level', () => {
    const rules = join(dir, 'my-rules');
    mkdirSync(rules, { recursive: true });
    writeFileSync(
      join(rules, 'notepad.yml'),
      [
        'title: Notepad started',
        'id: 0f2b8c1e-5d7a-4c3b-9e1f-2a6d8b4c7e90',
        'author: Test',
        'level: low',
        'logsource: { product: windows, category: process_creation }',
        'detection:',
        '  selection: { Image|endswith: \\notepad.exe }',
        '  condition: selection',
      ].join('\n'),
    );
    const r = ward('detect', '--json', '--rules', rules, logs);
    expect(r.code, r.stderr).toBe(0);
    const matches = jsonLines(r.stdout);
    expect(matches.map((m) => m['rule_title'])).toEqual(['Notepad started']);
    const high = ward('detect', '--json', '--rules', rules, '--min-level', 'high', logs);
    expect(jsonLines(high.stdout)).toEqual([]);
  });

  it('writes CSV with a header', () => {
    const r = ward('detect', '--csv', logs);
    expect(r.code, r.stderr).toBe(0);
    const [header, ...rows] = r.stdout.trim().split('\n');
    expect(header).toContain('rule_id');
    expect(rows.length).toBeGreaterThanOrEqual(2);
  });
});

describe('ward rules check', () => {
  it('lists each rule file with ok or the reason, and exits 1 when one does not compile', () => {
    const rules = join(dir, 'check-rules');
    mkdirSync(rules, { recursive: true });
    writeFileSync(
      join(rules, 'good.yml'),
      'title: Good\nlogsource: { product: windows, category: process_creation }\ndetection:\n  sel: { Image|endswith: \\a.exe }\n  condition: sel\n',
    );
    writeFileSync(
      join(rules, 'bad.yml'),
      'title: Bad\nlogsource: { product: windows, category: process_creation }\ndetection:\n  sel: { Image|sideways: x }\n  condition: sel\n',
    );
    const r = ward('rules', 'check', '--json', rules);
    expect(r.code).toBe(1);
    const results = jsonLines(r.stdout);
    expect(results).toHaveLength(2);
    const bad = results.find((x) => String(x['path']).endsWith('bad.yml'));
    expect(bad).toMatchObject({ ok: false, error: expect.stringMatching(/sideways/) });
    expect(results.find((x) => String(x['path']).endsWith('good.yml'))).toMatchObject({
      ok: true,
      error: null,
    });
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeEvtx } from '../evtx/index.ts';
import type { EvtxJson } from '../events/event-types.ts';
import { checkRules } from './check-rules.ts';
import type { DetectMatch, DetectOptions, DetectWarning } from './detect-types.ts';
import { runDetect } from './run-detect.ts';

const root = mkdtempSync(join(tmpdir(), 'ward-detect-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(rel: string, content: string | Uint8Array): string {
  const path = join(root, rel);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
}

const rule = (id: string, title: string, level: string, body: string) => `title: ${title}
id: ${id}
status: test
author: Ward tests
tags:
  - attack.impact
  - attack.t1490
references:
  - https://example.org/${id}
level: ${level}
${body}`;

const rulesDir = join(root, 'rules');
write(
  'rules/shadow.yml',
  rule(
    '11111111-1111-4111-8111-111111111111',
    'Shadow copies deleted',
    'high',
    `logsource:
  product: windows
  category: process_creation
detection:
  selection:
    Image|endswith: '\\vssadmin.exe'
    CommandLine|contains|all: ['delete', 'shadows']
  condition: selection
`,
  ),
);
write(
  'rules/cmd.yml',
  rule(
    '22222222-2222-4222-8222-222222222222',
    'Command shell started',
    'low',
    `logsource:
  product: windows
  category: process_creation
detection:
  selection:
    Image|endswith: '\\cmd.exe'
  condition: selection
`,
  ),
);
write(
  'rules/brute-force.yml',
  `${rule(
    '33333333-3333-4333-8333-333333333333',
    'Failed logon',
    'low',
    `logsource:
  product: windows
  service: security
detection:
  selection:
    EventID: 4625
  condition: selection
`,
  )}---
title: Many failed logons on one host
id: 44444444-4444-4444-8444-444444444444
author: Ward tests
level: high
correlation:
  type: event_count
  rules:
    - 33333333-3333-4333-8333-333333333333
  group-by:
    - Computer
  timespan: 10m
  condition:
    gte: 4
`,
);

let record = 0;
function sysmon1(computer: string, second: number, image: string, commandLine: string): EvtxJson {
  return {
    Event: {
      System: {
        Provider: { '#attributes': { Name: 'Microsoft-Windows-Sysmon' } },
        EventID: 1,
        TimeCreated: {
          '#attributes': {
            SystemTime: `2024-03-01T10:00:${String(second).padStart(2, '0')}.000000Z`,
          },
        },
        EventRecordID: ++record,
        Channel: 'Microsoft-Windows-Sysmon/Operational',
        Computer: computer,
      },
      EventData: { Image: image, CommandLine: commandLine, User: 'HOSPITAL\\nurse, "night" shift' },
    },
  };
}
function failedLogon(computer: string, second: number): EvtxJson {
  return {
    Event: {
      System: {
        Provider: { '#attributes': { Name: 'Microsoft-Windows-Security-Auditing' } },
        EventID: { '#attributes': { Qualifiers: 0 }, '#text': 4625 },
        TimeCreated: {
          '#attributes': {
            SystemTime: `2024-03-01T10:01:${String(second).padStart(2, '0')}.000000Z`,
          },
        },
        EventRecordID: ++record,
        Channel: 'Security',
        Computer: computer,
      },
      EventData: { TargetUserName: 'admin', LogonType: 3 },
    },
  };
}
const concat = (events: EvtxJson[]) => events.map((e) => JSON.stringify(e, null, 2)).join('\n');

const vss = 'C:\\Windows\\System32\\vssadmin.exe';
const cmd = 'C:\\Windows\\System32\\cmd.exe';
const inputs = join(root, 'inputs');
write(
  'inputs/a-ws01.json',
  concat([
    sysmon1('ws01', 1, cmd, 'cmd /c x'),
    sysmon1('ws01', 2, vss, 'vssadmin delete shadows /all /quiet'),
  ]),
);
write('inputs/b-dc01-day1.json', concat([failedLogon('dc01', 1), failedLogon('dc01', 3)]));
write(
  'inputs/c-dc01-day1b.ndjson',
  [failedLogon('dc01', 2), failedLogon('dc01', 4)].map((e) => JSON.stringify(e)).join('\n'),
);
write('inputs/d-broken.json', '{ "Event": {"System": {"EventID": 1}} }\nnot json at all\n');
write('inputs/e-notes.json', 'hello');
write(
  'inputs/f-ws02.evtx',
  writeEvtx(
    [
      sysmon1('ws02', 5, vss, 'vssadmin.exe Delete Shadows /For=C:'),
      sysmon1('ws02', 6, 'C:\\x\\notepad.exe', 'notepad'),
    ].map((event, i) => ({
      recordId: i + 1,
      timestamp: `2024-03-01T10:00:0${5 + i}.000Z`,
      event,
    })),
  ),
);

async function detect(extra: Partial<DetectOptions> = {}) {
  const matches: DetectMatch[] = [];
  const warnings: DetectWarning[] = [];
  const summary = await runDetect({
    paths: [inputs],
    ruleDirs: [rulesDir],
    onMatch: (m) => matches.push(m),
    onWarning: (w) => warnings.push(w),
    ...extra,
  });
  return { matches, warnings, summary };
}

describe('runDetect', () => {
  it('finds base matches in JSON and EVTX inputs, with rule metadata and the event', async () => {
    // "Failed logon" feeds a correlation (generate: false by default), so it is not reported alone.
    const { matches, summary } = await detect({ workers: 1 });
    const base = matches.filter((m) => m.rule_type === 'rule');
    expect(base.map((m) => [m.rule_title, m.computer, m.file.split('/').pop()])).toEqual([
      ['Command shell started', 'ws01', 'a-ws01.json'],
      ['Shadow copies deleted', 'ws01', 'a-ws01.json'],
      ['Shadow copies deleted', 'ws02', 'f-ws02.evtx'],
    ]);
    expect(base[1]).toMatchObject({
      rule_id: '11111111-1111-4111-8111-111111111111',
      level: 'high',
      author: 'Ward tests',
      tags: ['attack.impact', 'attack.t1490'],
      references: ['https://example.org/11111111-1111-4111-8111-111111111111'],
      timestamp: '2024-03-01T10:00:02.000000Z',
      channel: 'Microsoft-Windows-Sysmon/Operational',
      event_id: 1,
      rule_path: join(rulesDir, 'shadow.yml'),
      fields: { CommandLine: 'vssadmin delete shadows /all /quiet', Computer: 'ws01' },
    });
    expect(summary).toMatchObject({
      files: 6,
      events: 9,
      rules: 4,
      rulesFailed: 0,
      filesFailed: 1,
    });
  });

  it('correlates failed logons across two files in time order', async () => {
    const { matches } = await detect({ workers: 1 });
    const corr = matches.filter((m) => m.rule_type === 'correlation');
    expect(corr).toHaveLength(1);
    expect(corr[0]).toMatchObject({
      rule_id: '44444444-4444-4444-8444-444444444444',
      rule_title: 'Many failed logons on one host',
      level: 'high',
      computer: 'dc01',
      timestamp: '2024-03-01T10:01:04.000Z',
      correlation_type: 'event_count',
      fields: { Computer: 'dc01', event_count: 4 },
    });
    expect(
      corr[0]!.events!.map((e) => [e.file.split('/').pop(), e.timestamp?.slice(17, 19)]),
    ).toEqual([
      ['b-dc01-day1.json', '01'],
      ['c-dc01-day1b.ndjson', '02'],
      ['b-dc01-day1.json', '03'],
      ['c-dc01-day1b.ndjson', '04'],
    ]);
  });

  it('gives the same matches and warnings on two workers as in-process', async () => {
    const one = await detect({ workers: 1 });
    const two = await detect({ workers: 2 });
    expect(two.summary.workers).toBe(2);
    expect(two.matches).toEqual(one.matches);
    expect(two.warnings).toEqual(one.warnings);
    expect(two.summary.events).toBe(one.summary.events);
  });

  it('reports bad input as warnings with file and line, and keeps going', async () => {
    const { warnings } = await detect({ workers: 1 });
    expect(warnings).toEqual([
      { file: join(inputs, 'd-broken.json'), line: 2, message: expect.stringMatching(/not JSON/) },
      {
        file: join(inputs, 'e-notes.json'),
        message: expect.stringMatching(/not read: unknown format/),
      },
    ]);
  });

  it('leaves out matches below --min-level', async () => {
    const { matches, summary } = await detect({ workers: 2, minLevel: 'high' });
    expect(new Set(matches.map((m) => m.level))).toEqual(new Set(['high']));
    expect(matches.map((m) => m.rule_title)).toEqual([
      'Shadow copies deleted',
      'Shadow copies deleted',
      'Many failed logons on one host',
    ]);
    expect(summary.matchesByLevel).toEqual({ high: 3 });
  });

  it('reports rules that fail to compile and runs the rest', async () => {
    const dir = join(root, 'mixed-rules');
    write(
      'mixed-rules/good.yml',
      rule(
        '55555555-5555-4555-8555-555555555555',
        'Any vssadmin',
        'medium',
        `logsource:\n  category: process_creation\n  product: windows\ndetection:\n  sel:\n    Image|endswith: vssadmin.exe\n  condition: sel\n`,
      ),
    );
    write(
      'mixed-rules/bad.yml',
      rule(
        '66666666-6666-4666-8666-666666666666',
        'Broken',
        'high',
        `logsource:\n  product: windows\ndetection:\n  sel:\n    Image|nosuchmodifier: x\n  condition: sel and missing\n`,
      ),
    );
    // With workers and no correlations, the compile report comes from a worker.
    for (const workers of [1, 2]) {
      const { matches, warnings, summary } = await detect({ ruleDirs: [dir], workers });
      expect(summary).toMatchObject({ rules: 1, rulesFailed: 1 });
      expect(
        warnings.some((w) => w.file === join(dir, 'bad.yml') && /rule not loaded/.test(w.message)),
      ).toBe(true);
      expect(matches.map((m) => m.rule_title)).toEqual(['Any vssadmin', 'Any vssadmin']);
    }
  });

  it('fails clearly on a missing input path', async () => {
    await expect(detect({ paths: [join(root, 'missing')] })).rejects.toThrow(
      /missing: no such file or directory/,
    );
  });
});

describe('checkRules', () => {
  it('reports one result per rule file, with the reason a file fails', () => {
    const dir = join(root, 'check');
    write(
      'check/good.yml',
      rule(
        '77777777-7777-4777-8777-777777777777',
        'Good',
        'low',
        `logsource:\n  product: windows\n  category: process_creation\ndetection:\n  sel:\n    Image: x\n  condition: sel\n`,
      ),
    );
    write(
      'check/sub/broken.yaml',
      'title: Broken\nlogsource:\n  product: windows\ndetection:\n  sel:\n    Image: [x\n',
    );
    write('check/readme.txt', 'not a rule');
    const results = checkRules([dir]);
    expect(results.map((r) => [r.path, r.ok, r.rules])).toEqual([
      [join(dir, 'good.yml'), true, 1],
      [join(dir, 'sub/broken.yaml'), false, 0],
    ]);
    expect(results[0]!.error).toBeNull();
    expect(results[1]!.error).toMatch(/line \d+/);
  });
});

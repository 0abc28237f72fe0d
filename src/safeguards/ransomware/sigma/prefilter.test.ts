import { describe, expect, it } from 'vitest';
import type { FlatEvent } from '../events/event-types.ts';
import { parseSigmaFile } from './parse-sigma-file.ts';
import { compileRuleSet } from './rule-set.ts';

// Detections exercising every kind of test the pre-filter must get right: anchored literals of
// each kind, `all`, inner wildcards, `?`, negations, `N of`, keywords, regular expressions,
// null/neq/exists, CIDR, numbers, encodings, windash, cased values, and global filters.
const DETECTIONS = [
  "sel:\n  Image|endswith: '\\\\cmd.exe'\n  CommandLine|contains: ['/c ', 'whoami']\ncondition: sel",
  "sel_img:\n  - Image|endswith: '\\\\powershell.exe'\n  - OriginalFileName: 'PowerShell.EXE'\nsel_cli:\n  CommandLine|contains|all: ['-enc', 'bypass']\ncondition: all of sel_*",
  "sel:\n  CommandLine|startswith: 'net '\nfilter:\n  User|contains: 'admin'\ncondition: sel and not filter",
  "sel:\n  CommandLine: '*temp*.ps1'\ncondition: sel",
  "sel:\n  Image: 'C:\\\\Windows\\\\?md.exe'\ncondition: sel",
  'filter:\n  Image|endswith: .exe\ncondition: not filter',
  "sel_a:\n  CommandLine|contains: vssadmin\nsel_b:\n  CommandLine|contains: 'delete shadows'\nsel_c:\n  ParentImage|endswith: '\\\\cmd.exe'\ncondition: 2 of sel_*",
  "keywords:\n  - 'mimikatz'\n  - 'sekurlsa'\ncondition: keywords",
  "sel:\n  CommandLine|re: '(?i)ba[s]e64'\ncondition: sel",
  'sel:\n  User: null\n  Image|endswith: cmd.exe\ncondition: sel',
  'sel:\n  User|neq: SYSTEM\n  Image|contains: temp\ncondition: sel',
  'sel:\n  User|exists: true\ncondition: sel',
  "sel:\n  DestinationIp|cidr: '10.0.0.0/8'\ncondition: sel",
  'sel:\n  DestinationPort|gte: 4000\ncondition: sel',
  "sel:\n  CommandLine|base64offset|contains: 'whoami'\ncondition: sel",
  "sel:\n  CommandLine|windash|contains: ' -exec '\ncondition: sel",
  "sel:\n  Image|cased|endswith: '\\\\CMD.exe'\ncondition: sel",
  "sel:\n  CommandLine|contains: 'whoami'\nfilter:\n  ParentImage|endswith: 'explorer.exe'\ncondition: sel and not filter or (sel and 1 of filter*)",
  "sel:\n  CommandLine|contains: ''\ncondition: sel",
  "sel:\n  Image|endswith:\n    - '\\\\a.exe'\n    - '*'\ncondition: sel",
  "sel:\n  CommandLine|contains: 'a*b'\ncondition: sel",
  "sel:\n  OriginalFileName: ''\ncondition: sel",
];

const GLOBAL_FILTER = `title: Ignore backup agent
logsource:
  product: windows
  category: process_creation
filter:
  rules: []
  selection:
    ParentImage|endswith: '\\\\agent.exe'
  condition: not selection
`;

function rulesYaml(withFilter: boolean): string {
  const rules = DETECTIONS.map((detection, i) => {
    const body = detection
      .split('\n')
      .map((line) => `  ${line}`)
      .join('\n');
    return `title: Rule ${i}\nid: 00000000-0000-4000-8000-${String(i).padStart(12, '0')}\nlogsource:\n  product: windows\n  category: ${i % 5 === 4 ? 'network_connection' : 'process_creation'}\ndetection:\n${body}\n`;
  });
  return [...rules, ...(withFilter ? [GLOBAL_FILTER] : [])].join('---\n');
}

const DIRS = [
  'C:\\Windows\\System32\\',
  'C:\\Windows\\',
  'C:\\Users\\bob\\AppData\\Local\\Temp\\',
  '',
];
const EXES = [
  'cmd.exe',
  'CMD.exe',
  'powershell.exe',
  'explorer.exe',
  'agent.exe',
  'a.exe',
  'xmd.exe',
];
const FRAGMENTS = [
  ...DIRS,
  ...EXES,
  '/c ',
  'whoami',
  'WHOAMI',
  '-enc ',
  'Bypass',
  'net ',
  'temp',
  'x.ps1',
  'vssadmin',
  'delete shadows',
  'mimikatz',
  'sekurlsa',
  'BASE64',
  'd2hvYW1p',
  ' -exec ',
  ' /exec ',
  'a',
  'b',
  ' ',
];

describe('rule pre-filter', () => {
  it('gives the same matches as evaluating every rule, on random events', () => {
    for (const withFilter of [false, true]) {
      const { documents, errors } = parseSigmaFile(rulesYaml(withFilter), 'rules.yml');
      expect(errors).toEqual([]);
      const fast = compileRuleSet({ documents });
      const full = compileRuleSet({ documents, prefilter: false });
      expect(fast.errors.filter((e) => e.severity === 'error')).toEqual([]);
      expect(fast.ruleSet.rules).toHaveLength(DETECTIONS.length);
      // xorshift32: consecutive draws of a plain LCG modulo small numbers are correlated.
      let seed = 0x9e3779b9;
      const rand = (n: number): number => {
        seed ^= seed << 13;
        seed ^= seed >>> 17;
        seed ^= seed << 5;
        return (seed >>> 0) % n;
      };
      const text = (): string => {
        let s = '';
        for (let k = rand(5); k >= 0; k--) s += FRAGMENTS[rand(FRAGMENTS.length)]!;
        return s;
      };
      const path = (): string =>
        rand(3) === 0 ? text() : DIRS[rand(DIRS.length)]! + EXES[rand(EXES.length)]!;
      let matches = 0;
      const matchedRules = new Set<number>();
      for (let i = 0; i < 5000; i++) {
        const event = randomEvent(rand, text, path);
        const expected = full.ruleSet.match(event).map((r) => r.index);
        expect(fast.ruleSet.match(event).map((r) => r.index)).toEqual(expected);
        matches += expected.length;
        for (const r of expected) matchedRules.add(r);
      }
      // The events must exercise the rules, not only their non-matching side.
      expect(matches).toBeGreaterThan(1000);
      expect(DETECTIONS.map((_, i) => i).filter((i) => !matchedRules.has(i))).toEqual([]);
    }
  });

  it('leaves only rules without a literal anchor to be evaluated for every event', () => {
    const { documents } = parseSigmaFile(rulesYaml(false), 'rules.yml');
    const { ruleSet } = compileRuleSet({ documents });
    // `?` (4), not-only (5), regex (8), exists (11), cidr (12), numeric (13), and the empty
    // value that also matches an empty field (21).
    expect(ruleSet.unanchoredRules).toBe(7);
  });
});

function randomEvent(
  rand: (n: number) => number,
  text: () => string,
  path: () => string,
): FlatEvent {
  const kind = rand(3);
  const event: FlatEvent =
    kind === 2
      ? { Channel: 'Security', EventID: 4688 }
      : { Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: kind === 0 ? 1 : 3 };
  const image = kind === 2 ? 'NewProcessName' : 'Image';
  const parent = kind === 2 ? 'ParentProcessName' : 'ParentImage';
  if (rand(6) > 0) event[image] = path();
  if (rand(3) > 0) event[parent] = path();
  if (rand(6) > 0) event['CommandLine'] = text();
  if (rand(3) === 0) event['OriginalFileName'] = rand(3) === 0 ? '' : text();
  const user = rand(4);
  if (user === 1) event['User'] = 'SYSTEM';
  else if (user === 2) event['User'] = rand(2) === 0 ? null : `corp\\${text()}`;
  else if (user === 3) event['User'] = ['admin', text()];
  if (rand(3) === 0) event['DestinationIp'] = `10.${rand(3)}.0.${rand(255)}`;
  if (rand(3) === 0) event['DestinationPort'] = rand(8000);
  if (rand(10) === 0) event['Message'] = text();
  return event;
}

import { describe, expect, it } from 'vitest';
import { compileRuleSet, parseSigmaFile } from './index.ts';

// A rule file damaged in any way (a truncated download, a bad merge, an editor accident) must
// come back as errors with a path, never as an exception or a hang: one bad file in a tree of
// thousands must not stop a hunt. Seeded, so a failure reproduces.
const VALID = `title: Shadow copies deleted
id: 0b8e3c2a-1d4f-4e6a-9b7c-5d2e1f0a3b4c
status: test
author: Fuzz
level: high
tags: [attack.t1490]
logsource:
  product: windows
  category: process_creation
detection:
  selection_img:
    - Image|endswith: '\\\\vssadmin.exe'
    - OriginalFileName: 'VSSADMIN.EXE'
  selection_cli:
    CommandLine|contains|all: ['delete', 'shadows']
    CommandLine|windash: '-quiet'
  filter:
    ParentImage|startswith: 'C:\\\\Program Files\\\\Backup\\\\'
  condition: all of selection_* and not filter
---
title: Many deletions
correlation:
  type: event_count
  rules: [0b8e3c2a-1d4f-4e6a-9b7c-5d2e1f0a3b4c]
  group-by: [Computer]
  timespan: 5m
  condition: { gte: 3 }
`;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPETS = [
  ':',
  '-',
  '|',
  '{',
  '}',
  '[',
  ']',
  "'",
  '"',
  '\n',
  '  ',
  '*',
  '?',
  '\\',
  '%x%',
  '|re',
  '|base64offset',
  'null',
  '1 of',
  'them',
  '(',
  ')',
  '---',
  '&a',
  '*a',
  '!!binary',
];

function mutate(text: string, random: () => number): string {
  let s = text;
  const edits = 1 + Math.floor(random() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * (s.length + 1));
    const kind = random();
    if (kind < 0.3)
      s = s.slice(0, at); // truncated
    else if (kind < 0.6) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(random() * 20));
    else s = s.slice(0, at) + SNIPPETS[Math.floor(random() * SNIPPETS.length)]! + s.slice(at);
  }
  return s;
}

describe('rule file fuzzing', () => {
  it('damaged rule files give errors with the path, never exceptions', () => {
    const random = mulberry32(20261129);
    const started = Date.now();
    let runs = 0;
    let withErrors = 0;
    while (Date.now() - started < 1500 && runs < 3000) {
      runs++;
      const text = mutate(VALID, random);
      const parsed = parseSigmaFile(text, 'fuzz.yml');
      const compiled = compileRuleSet({ documents: parsed.documents });
      const errors = [...parsed.errors, ...compiled.errors];
      if (errors.length > 0) withErrors++;
      for (const e of errors) {
        expect(e.path).toBe('fuzz.yml');
        expect(e.message.length).toBeGreaterThan(0);
      }
      // Whatever compiled can be matched against an event without throwing.
      compiled.ruleSet.match({
        Channel: 'Microsoft-Windows-Sysmon/Operational',
        EventID: 1,
        Image: 'C:\\Windows\\System32\\vssadmin.exe',
        CommandLine: 'vssadmin delete shadows /quiet',
      });
    }
    expect(runs).toBeGreaterThan(100);
    expect(withErrors).toBeGreaterThan(runs / 10);
  });
});

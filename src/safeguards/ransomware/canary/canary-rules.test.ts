import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FlatEvent } from '../events/event-types.ts';
import { compileRuleSet, loadRuleTree } from '../sigma/index.ts';
import { toCanaryRecord } from './event-poster.ts';
import type { CanaryEvent } from './watch-canaries.ts';

const RULES_DIR = fileURLToPath(new URL('../rules/canary/', import.meta.url));

const loaded = loadRuleTree([RULES_DIR]);
const { ruleSet, errors } = compileRuleSet({ documents: loaded.documents });

const event = (e: Partial<CanaryEvent> & Pick<CanaryEvent, 'kind'>): FlatEvent =>
  ({
    ...toCanaryRecord(
      {
        path: '/srv/share/0_Payroll_March.xlsx',
        folder: '/srv/share',
        at: new Date('2026-03-02T09:00:00Z'),
        ...e,
      },
      { computer: 'FS01', user: 'svc-ward' },
    ),
  }) as unknown as FlatEvent;

const matched = (e: FlatEvent) => ruleSet.match(e).map((r) => [r.title, r.level]);

describe('canary rules', () => {
  it('compile with the default logsource map', () => {
    expect(loaded.errors).toEqual([]);
    expect(errors).toEqual([]);
    expect(ruleSet.rules).toHaveLength(3);
  });

  it('raise critical alerts for a modified or vanished canary and high for a burst', () => {
    expect(matched(event({ kind: 'modified' }))).toEqual([['Canary File Modified', 'critical']]);
    expect(matched(event({ kind: 'missing' }))).toEqual([
      ['Canary File Renamed Or Deleted', 'critical'],
    ]);
    expect(matched(event({ kind: 'burst', changes: 40 }))).toEqual([
      ['Burst Of File Changes In A Canary Folder', 'high'],
    ]);
  });

  it('do not fire on Windows events that share the event ids', () => {
    const sysmon: FlatEvent = {
      Channel: 'Microsoft-Windows-Sysmon/Operational',
      Provider_Name: 'Microsoft-Windows-Sysmon',
      EventID: 1,
      Computer: 'WS-017',
      Image: 'C:\\Windows\\System32\\notepad.exe',
    };
    expect(matched(sysmon)).toEqual([]);
  });
});

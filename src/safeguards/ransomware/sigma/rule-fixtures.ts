/**
 * Builders for tests: a rule document from a detection snippet, compiled into a RuleSet.
 * Kept in src/ beside the engine so tests write their rules inline instead of reading files.
 */
import type { FlatEvent } from '../events/event-types.ts';
import type { LogsourceMap } from './logsource-map.ts';
import { parseSigmaFile } from './parse-sigma-file.ts';
import { compileRuleSet, type RuleSet } from './rule-set.ts';

/** A rule file with the given detection lines (YAML, indented under `detection:`). */
export function ruleYaml(
  detection: string,
  extra = 'logsource:\n  product: windows\n  category: process_creation\n',
): string {
  const body = detection
    .trim()
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
  return `title: Test rule\nid: 00000000-0000-4000-8000-000000000001\n${extra}detection:\n${body}\n`;
}

export function compileYaml(
  text: string,
  options: { placeholders?: Record<string, string[]>; logsources?: LogsourceMap } = {},
): { ruleSet: RuleSet; messages: string[] } {
  const parsed = parseSigmaFile(text, 'test.yml');
  const { ruleSet, errors } = compileRuleSet({ documents: parsed.documents, ...options });
  const messages = [...parsed.errors, ...errors]
    .filter((e) => e.severity === 'error')
    .map((e) => e.message);
  return { ruleSet, messages };
}

/** Sysmon process creation event with the given fields. */
export function sysmonProcess(fields: FlatEvent): FlatEvent {
  return { Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 1, ...fields };
}

/** Whether a single-rule detection matches the event (process_creation logsource). */
export function detects(
  detection: string,
  event: FlatEvent,
  placeholders?: Record<string, string[]>,
): boolean {
  const { ruleSet, messages } = compileYaml(
    ruleYaml(detection),
    placeholders ? { placeholders } : {},
  );
  if (messages.length > 0) throw new Error(messages.join('; '));
  return ruleSet.match(sysmonProcess(event)).length > 0;
}

/**
 * Correlations in a hunt run in the main thread, after base-rule matching in the workers.
 *
 * Why there: a correlation group (say, failed logons per target host) spans files (Security.evtx
 * of several days, several hosts' exports) and needs its events in time order. Workers see one
 * file or chunk range each, in no global order. So workers return every event that matched a base
 * rule; here they are sorted by timestamp (stable, so ties keep file and record order and the
 * output does not depend on the number of workers) and fed to one correlator. Only matched
 * events travel, so this stays small next to the events read.
 */
import type { CorrelationMatch, RuleSet } from '../sigma/index.ts';
import type { ContributingEvent, CorrelationInput, DetectMatch } from './detect-types.ts';
import { levelRank } from './detect-types.ts';

const timeOf = (t: string | null) => {
  const ms = t === null ? NaN : Date.parse(t);
  return Number.isNaN(ms) ? -Infinity : ms;
};

/** Inputs in time order; events without a readable time first, in their original order. */
export function sortByTime(inputs: CorrelationInput[]): CorrelationInput[] {
  return inputs
    .map((input, i) => ({ input, i, t: timeOf(input.timestamp) }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.input);
}

export function correlateMatches(
  ruleSet: RuleSet,
  inputs: CorrelationInput[],
  minRank: number,
): DetectMatch[] {
  const correlator = ruleSet.createCorrelator();
  // The correlator hands back the very event objects it was given; this finds their origin.
  const byEvent = new Map<object, CorrelationInput>();
  const out: DetectMatch[] = [];
  const collect = (matches: CorrelationMatch[]) => {
    for (const m of matches) {
      if (m.rule.generate && levelRank(m.rule.level) >= minRank)
        out.push(toDetectMatch(m, byEvent, ruleSet));
    }
  };
  for (const input of sortByTime(inputs)) {
    byEvent.set(input.event, input);
    const matched = input.rules.map((i) => ruleSet.rules[i]).filter((r) => r !== undefined);
    collect(correlator.push(input.event, matched));
  }
  collect(correlator.flush());
  return out;
}

function toDetectMatch(
  m: CorrelationMatch,
  byEvent: Map<object, CorrelationInput>,
  ruleSet: RuleSet,
): DetectMatch {
  const known = m.events.map((e) => byEvent.get(e)).filter((e) => e !== undefined);
  const last = known[known.length - 1];
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const contributing: ContributingEvent[] = known.map((e) => ({
    rule_id: e.rules.map((i) => ruleSet.rules[i]?.id).find((id) => id) ?? null,
    file: e.file,
    record_id: e.recordId,
    timestamp: e.timestamp,
  }));
  const rule = m.rule;
  return {
    rule_type: 'correlation',
    rule_id: rule.id,
    rule_title: rule.title,
    level: rule.level ?? 'informational',
    status: rule.status,
    author: rule.author,
    tags: [...rule.tags],
    references: [...rule.references],
    rule_path: rule.path,
    timestamp: m.lastTime,
    computer: str(last?.event['Computer']),
    channel: str(last?.event['Channel']),
    event_id: null,
    record_id: last?.recordId ?? null,
    file: last?.file ?? '',
    fields: { ...m.groupBy, event_count: m.eventCount, value: m.value, first_time: m.firstTime },
    correlation_type: m.type,
    events: contributing,
  };
}

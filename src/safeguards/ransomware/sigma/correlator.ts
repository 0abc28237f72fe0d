/**
 * Correlation state over one stream of events (Sigma correlation specification 2.x):
 * event_count, value_count, temporal, temporal_ordered and the 2.1 value_sum, value_avg and
 * value_percentile, with group-by, aliases, sliding windows and chaining.
 *
 * Time is the event's TimeCreated. The stream is expected in timestamp order (the detect
 * pipeline sorts per file); an event that arrives late is still counted when it falls inside
 * its group's window (entries are kept sorted), but windows are evicted relative to the newest
 * time seen, so memory stays bounded by the timespan.
 *
 * Firing: conditions that can only become true as a window fills (gt/gte only) are checked on
 * every event over the sliding window [t - timespan, t] and the group's window is cleared after
 * a match, so one burst raises one match. Conditions with an upper bound (lt, lte, eq, neq, or a
 * range) can only be decided when the window ends: each group's window opens at its first event
 * and is evaluated once the stream passes first + timespan (or on flush).
 */
import type { FieldScalar, FlatEvent } from '../events/event-types.ts';
import type { CompiledCorrelation } from './compile-correlations.ts';
import {
  fieldValue,
  groupValue,
  measure,
  resolveField,
  sourceKey,
  type Entry,
} from './correlation-values.ts';
import { testCountCondition } from './parse-correlation.ts';
import { eventTime } from './event-view.ts';
import type { CompiledRuleInfo, CountCondition } from './types.ts';

export interface CorrelationMatch {
  rule: CompiledRuleInfo;
  type: string;
  /** The group-by fields (alias names where aliases are used) and their values. */
  groupBy: Record<string, FieldScalar>;
  firstTime: string;
  lastTime: string;
  /** Events (or lower correlation matches) inside the matching window. */
  eventCount: number;
  /** The measured value: count, distinct count, sum, average, percentile or rules seen. */
  value: number;
  /** Up to ten of the window's events, oldest first, as evidence. */
  events: FlatEvent[];
}

export interface Correlator {
  push(event: FlatEvent, matched: readonly CompiledRuleInfo[]): CorrelationMatch[];
  /** Decides windows still open at the end of the stream and clears all state. */
  flush(): CorrelationMatch[];
}

const SAMPLE_EVENTS = 10;
const SWEEP_EVERY = 2048;

interface GroupState {
  groupBy: Record<string, FieldScalar>;
  entries: Entry[];
  /** temporal_ordered: latest start time of a chain that has completed sources 0..k. */
  chain: Array<number | undefined>;
}

interface CorrelationState {
  def: CompiledCorrelation;
  groups: Map<string, GroupState>;
  upward: boolean;
}

export function createCorrelator(
  correlations: readonly CompiledCorrelation[],
  _rules: readonly CompiledRuleInfo[],
): Correlator {
  // value_percentile ranks each new event against its window, so it is decided per event.
  const states: CorrelationState[] = correlations.map((def) => ({
    def,
    groups: new Map(),
    upward: def.spec.type === 'value_percentile' || isUpward(def.spec.condition),
  }));
  // Which correlations listen to a base rule / correlation, and at which positions of `rules`.
  const listeners = new Map<string, Array<{ state: CorrelationState; positions: number[] }>>();
  states.forEach((state) => {
    const byKey = new Map<string, number[]>();
    state.def.sources.forEach((source, position) => {
      const key = sourceKey(source);
      byKey.set(key, [...(byKey.get(key) ?? []), position]);
    });
    for (const [key, positions] of byKey)
      listeners.set(key, [...(listeners.get(key) ?? []), { state, positions }]);
  });
  let watermark = -Infinity;
  let lastTime = 0;
  let pushes = 0;

  const feed = (key: string, event: FlatEvent, t: number, out: CorrelationMatch[]): void => {
    for (const { state, positions } of listeners.get(key) ?? []) {
      const matches = observe(state, positions, event, t);
      for (const match of matches) {
        out.push(match);
        const pseudo: FlatEvent = { ...match.groupBy, TimeCreated: match.lastTime };
        feed(
          sourceKey({ kind: 'correlation', index: match.rule.index }),
          pseudo,
          Date.parse(match.lastTime),
          out,
        );
      }
    }
  };

  const closeAll = (until: number, out: CorrelationMatch[]): void => {
    for (const state of states) {
      for (const [key, group] of state.groups) {
        const matches = state.upward ? [] : closeWindows(state, group, until);
        if (state.upward) evictOlder(group, until - state.def.spec.timespanMs);
        if (
          group.entries.length === 0 &&
          group.chain.every((c) => c === undefined || c < until - state.def.spec.timespanMs)
        ) {
          state.groups.delete(key);
        }
        for (const match of matches) {
          out.push(match);
          const pseudo: FlatEvent = { ...match.groupBy, TimeCreated: match.lastTime };
          feed(
            sourceKey({ kind: 'correlation', index: match.rule.index }),
            pseudo,
            Date.parse(match.lastTime),
            out,
          );
        }
      }
    }
  };

  return {
    push(event, matched) {
      const out: CorrelationMatch[] = [];
      const t = eventTime(event) ?? lastTime;
      lastTime = t;
      if (t > watermark) watermark = t;
      for (const rule of matched)
        if (rule.kind === 'rule')
          feed(sourceKey({ kind: 'rule', index: rule.index }), event, t, out);
      if (++pushes % SWEEP_EVERY === 0) closeAll(watermark, out);
      return out;
    },
    flush() {
      const out: CorrelationMatch[] = [];
      closeAll(Infinity, out);
      for (const state of states) state.groups.clear();
      return out;
    },
  };
}

function isUpward(condition: CountCondition | null): boolean {
  if (condition === null) return true;
  return (
    condition.lt === undefined &&
    condition.lte === undefined &&
    condition.eq === undefined &&
    condition.neq === undefined
  );
}

function observe(
  state: CorrelationState,
  positions: number[],
  event: FlatEvent,
  t: number,
): CorrelationMatch[] {
  const { spec } = state.def;
  const source = positions[0]!;
  const groupBy: Record<string, FieldScalar> = {};
  for (const field of spec.groupBy)
    groupBy[field] = groupValue(event, resolveField(state.def, field, source));
  const key = JSON.stringify(spec.groupBy.map((f) => groupBy[f]));
  let group = state.groups.get(key);
  if (group === undefined) {
    group = { groupBy, entries: [], chain: [] };
    state.groups.set(key, group);
  }
  const value =
    spec.field === null
      ? undefined
      : fieldValue(event, resolveField(state.def, spec.field, source));
  if (spec.type === 'temporal_ordered') return observeOrdered(state, group, positions, event, t);

  const out = state.upward ? [] : closeWindows(state, group, t);
  insertSorted(group.entries, { t, event, value, source });
  if (!state.upward) return out;
  const newest = group.entries[group.entries.length - 1]!.t;
  evictOlder(group, newest - spec.timespanMs);
  const measured = measure(state.def, group.entries);
  if (measured !== null && satisfied(state.def, measured)) {
    if (spec.type === 'value_percentile') {
      // The match is about this event; the window stays as the baseline for the next ones.
      out.push({ ...toMatch(state.def, group, group.entries, measured), events: [event] });
    } else {
      out.push(toMatch(state.def, group, group.entries, measured));
      group.entries = [];
    }
  }
  return out;
}

/** Ordered chain: each step must follow the previous one within the timespan of the chain's start. */
function observeOrdered(
  state: CorrelationState,
  group: GroupState,
  positions: number[],
  event: FlatEvent,
  t: number,
): CorrelationMatch[] {
  const { spec, sources } = state.def;
  const span = spec.timespanMs;
  for (let k = 0; k < group.chain.length; k++) {
    const start = group.chain[k];
    if (start !== undefined && start < t - span) group.chain[k] = undefined;
  }
  // Highest position first, so one event never completes two consecutive steps.
  for (const position of [...positions].sort((a, b) => b - a)) {
    if (position === 0) group.chain[0] = t;
    else {
      const previous = group.chain[position - 1];
      if (previous !== undefined && previous <= t && t - previous <= span) {
        group.chain[position] = Math.max(group.chain[position] ?? -Infinity, previous);
      }
    }
  }
  insertSorted(group.entries, { t, event, value: undefined, source: positions[0]! });
  const start = group.chain[sources.length - 1];
  evictOlder(group, Math.min(start ?? t, t - span));
  if (start === undefined) return [];
  const window = group.entries.filter((e) => e.t >= start);
  const match = toMatch(state.def, group, window, sources.length);
  group.chain = [];
  group.entries = [];
  return [match];
}

/** Evaluates and drops windows that ended before `now` (upper-bounded conditions). */
function closeWindows(state: CorrelationState, group: GroupState, now: number): CorrelationMatch[] {
  const out: CorrelationMatch[] = [];
  const span = state.def.spec.timespanMs;
  while (group.entries.length > 0 && group.entries[0]!.t + span < now) {
    const end = group.entries[0]!.t + span;
    const cut = group.entries.findIndex((e) => e.t > end);
    const window = cut < 0 ? group.entries : group.entries.slice(0, cut);
    group.entries = cut < 0 ? [] : group.entries.slice(cut);
    const measured = measure(state.def, window);
    if (measured !== null && satisfied(state.def, measured))
      out.push(toMatch(state.def, group, window, measured));
  }
  return out;
}

function satisfied(def: CompiledCorrelation, measured: number): boolean {
  const { spec } = def;
  if (spec.condition === null) return measured >= new Set(def.sources.map(sourceKey)).size;
  return testCountCondition(spec.condition, measured);
}

function toMatch(
  def: CompiledCorrelation,
  group: GroupState,
  window: readonly Entry[],
  value: number,
): CorrelationMatch {
  const first = window[0]?.t ?? 0;
  const last = window[window.length - 1]?.t ?? first;
  return {
    rule: def.info,
    type: def.spec.type,
    groupBy: { ...group.groupBy },
    firstTime: new Date(first).toISOString(),
    lastTime: new Date(last).toISOString(),
    eventCount: window.length,
    value,
    events: window.slice(0, SAMPLE_EVENTS).map((e) => e.event),
  };
}

function insertSorted(entries: Entry[], entry: Entry): void {
  let i = entries.length;
  while (i > 0 && entries[i - 1]!.t > entry.t) i--;
  entries.splice(i, 0, entry);
}

function evictOlder(group: GroupState, before: number): void {
  let drop = 0;
  while (drop < group.entries.length && group.entries[drop]!.t < before) drop++;
  if (drop > 0) group.entries.splice(0, drop);
}

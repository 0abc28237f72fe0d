/**
 * What correlations measure over a window of events (Sigma correlation specification 2.x):
 * counts, distinct values, sums, averages and percentile ranks, and how fields (with aliases)
 * are read from events.
 */
import type { FieldScalar, FieldValue, FlatEvent } from '../events/event-types.ts';
import type { CompiledCorrelation, SourceRef } from './compile-correlations.ts';

/** One event (or lower correlation match) in a group's window. */
export interface Entry {
  t: number;
  event: FlatEvent;
  value: FieldValue | undefined;
  source: number;
}

export function sourceKey(source: SourceRef): string {
  return `${source.kind}:${source.index}`;
}

export function measure(def: CompiledCorrelation, entries: readonly Entry[]): number | null {
  switch (def.spec.type) {
    case 'event_count':
      return entries.length;
    case 'temporal':
    case 'temporal_ordered':
      return new Set(entries.map((e) => sourceKey(def.sources[e.source]!))).size;
    case 'value_count': {
      const distinct = new Set<string>();
      for (const e of entries)
        for (const v of scalarList(e.value)) distinct.add(String(v).toLowerCase());
      return distinct.size;
    }
    case 'value_sum':
    case 'value_avg': {
      const numbers = entries.flatMap((e) => numbersOf(e.value));
      if (numbers.length === 0) return null;
      const sum = numbers.reduce((a, b) => a + b, 0);
      return def.spec.type === 'value_sum' ? sum : sum / numbers.length;
    }
    case 'value_percentile':
      return percentileRank(entries);
  }
}

/**
 * value_percentile (Sigma 2.1 names the type without defining the arithmetic): the percentile
 * rank, 0..100, of the newest event's value among the window's values. Numbers: share of values
 * less than or equal to it; other values: share of equal values (how rare the value is).
 */
function percentileRank(entries: readonly Entry[]): number | null {
  const newest = entries[entries.length - 1];
  if (!newest) return null;
  const current = scalarList(newest.value)[0];
  if (current === undefined) return null;
  const all = entries.flatMap((e) => scalarList(e.value));
  const numeric =
    typeof current === 'number' ||
    (typeof current === 'string' && current.trim() !== '' && !Number.isNaN(Number(current)));
  if (numeric) {
    const n = Number(current);
    const numbers = all.map(Number).filter((x) => !Number.isNaN(x));
    return (100 * numbers.filter((x) => x <= n).length) / numbers.length;
  }
  const text = String(current).toLowerCase();
  return (100 * all.filter((v) => String(v).toLowerCase() === text).length) / all.length;
}

/** Correlation specification, "Field Name Aliases": alias -> field name per source rule. */
export function resolveField(def: CompiledCorrelation, field: string, source: number): string {
  const mapping = def.spec.aliases[field];
  if (!mapping) return field;
  for (const name of def.sourceNames[source] ?? []) {
    const mapped = mapping[name];
    if (mapped !== undefined) return mapped;
  }
  return field;
}

export function fieldValue(event: FlatEvent, field: string): FieldValue | undefined {
  const direct = event[field];
  if (direct !== undefined || !field.includes('.')) return direct;
  let current: unknown = event;
  for (const part of field.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current as FieldValue | undefined;
}

export function groupValue(event: FlatEvent, field: string): FieldScalar {
  const value = fieldValue(event, field);
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map(String).join(',');
  return value as FieldScalar;
}

function scalarList(value: FieldValue | undefined): Array<string | number | boolean> {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value))
    return (value as readonly FieldScalar[]).filter(
      (v): v is string | number | boolean => v !== null,
    );
  return [value as string | number | boolean];
}

function numbersOf(value: FieldValue | undefined): number[] {
  return scalarList(value)
    .map((v) => (typeof v === 'number' ? v : Number(v)))
    .filter((n) => Number.isFinite(n));
}

/**
 * One event as the compiled rules see it: field lookups with per-event caches of the string and
 * lower-cased forms (each field is lower-cased at most once per event however many rules read
 * it), a result memo for shared predicates, and the event time for correlations and time
 * modifiers. A RuleSet reuses one view for every event to avoid allocation.
 */
import type { FieldScalar, FieldValue, FlatEvent } from '../events/event-types.ts';

const ABSENT: readonly string[] = [];

export class EventView {
  event: FlatEvent = {};
  /** Shared-predicate results for this event: 0 unknown, 1 false, 2 true. */
  memo: Uint8Array;
  /** Changes with every event; literal-index hit flags carry the stamp of the event they belong to. */
  stamp = 0;
  private readonly stringCache = new Map<string, readonly string[] | null>();
  private readonly lowerCache = new Map<string, readonly string[] | null>();
  private allLower: string[] | null = null;
  private allRaw: string[] | null = null;

  constructor(memoSize: number) {
    this.memo = new Uint8Array(memoSize);
  }

  reset(event: FlatEvent): void {
    this.event = event;
    this.stamp = (this.stamp + 1) >>> 0 || 1;
    this.memo.fill(0);
    this.stringCache.clear();
    this.lowerCache.clear();
    this.allLower = null;
    this.allRaw = null;
  }

  /** The raw value, following a dotted path into nested objects when the flat key is absent. */
  value(field: string): FieldValue | undefined {
    const direct = this.event[field];
    if (direct !== undefined || !field.includes('.')) return direct;
    let current: unknown = this.event;
    for (const part of field.split('.')) {
      if (current === null || typeof current !== 'object') return undefined;
      current = (current as Record<string, unknown>)[part];
    }
    return current as FieldValue | undefined;
  }

  has(field: string): boolean {
    return this.value(field) !== undefined;
  }

  /** The field's non-null values as strings; null when the field is absent. */
  strings(field: string): readonly string[] | null {
    let cached = this.stringCache.get(field);
    if (cached === undefined) {
      cached = toStrings(this.value(field));
      this.stringCache.set(field, cached);
    }
    return cached;
  }

  /** As strings(), lower-cased (Sigma values are case-insensitive by default). */
  lower(field: string): readonly string[] | null {
    let cached = this.lowerCache.get(field);
    if (cached === undefined) {
      const raw = this.strings(field);
      cached =
        raw === null
          ? null
          : raw.length === 1
            ? [raw[0]!.toLowerCase()]
            : raw.map((s) => s.toLowerCase());
      this.lowerCache.set(field, cached);
    }
    return cached;
  }

  /** Every string value of the event, for keyword (full-text) searches. */
  allValues(lowerCase: boolean): readonly string[] {
    if (this.allRaw === null) {
      this.allRaw = [];
      collectStrings(this.event, this.allRaw, 0);
    }
    if (!lowerCase) return this.allRaw;
    this.allLower ??= this.allRaw.map((s) => s.toLowerCase());
    return this.allLower;
  }
}

function toStrings(value: FieldValue | undefined): readonly string[] | null {
  if (value === undefined) return null;
  if (value === null) return ABSENT;
  if (Array.isArray(value)) {
    const out: string[] = [];
    for (const item of value as readonly FieldScalar[])
      if (item !== null) out.push(scalarText(item));
    return out;
  }
  if (typeof value === 'object') return [JSON.stringify(value)];
  return [scalarText(value as FieldScalar & {})];
}

function scalarText(value: string | number | boolean): string {
  return typeof value === 'string' ? value : String(value);
}

function collectStrings(value: unknown, out: string[], depth: number): void {
  if (value === null || value === undefined || depth > 8) return;
  if (typeof value === 'string') out.push(value);
  else if (typeof value === 'number' || typeof value === 'boolean') out.push(String(value));
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, out, depth + 1);
  else if (typeof value === 'object')
    for (const item of Object.values(value)) collectStrings(item, out, depth + 1);
}

/** Milliseconds since the epoch from TimeCreated (ISO 8601) or a number; null when unknown. */
export function eventTime(event: FlatEvent): number | null {
  return parseTime(event['TimeCreated'] ?? event['@timestamp'] ?? event['timestamp']);
}

export function parseTime(value: FieldValue | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || value === '') return null;
  // No zone designator: the time is taken as UTC (time modifiers do no zone handling, spec 2.1).
  const text = /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * One event as the compiled rules see it: field lookups with per-event caches of the string and
 * lower-cased forms (each field is lower-cased at most once per event however many rules read
 * it), a result memo for shared predicates, and the event time for correlations and time
 * modifiers. A RuleSet reuses one view for every event to avoid allocation.
 */
import type { FieldScalar, FieldValue, FlatEvent } from '../events/event-types.ts';

const ABSENT: readonly string[] = [];
const MAX_STAMP = 2 ** 30;

export class EventView {
  event: FlatEvent = {};
  /** Shared-predicate results: stamp * 2 + (result ? 1 : 0) of the event that computed them. */
  readonly memo: Uint32Array;
  /**
   * Changes with every event (1 .. 2^30 - 1); memo entries and literal-index flags carry the
   * stamp of the event they belong to, so nothing is cleared between events.
   */
  stamp = 0;
  /**
   * Per-event caches by field slot: a field gets a slot the first time it is read and keeps it
   * for every later event, so a cache lookup is one hash lookup of the name and array reads,
   * and nothing is cleared between events (entries carry the stamp of their event).
   */
  private readonly slots = new Map<string, number>();
  private readonly names: string[] = [];
  private readonly rawStamp: number[] = [];
  private readonly rawValues: Array<readonly string[] | null> = [];
  private readonly lowerStamp: number[] = [];
  private readonly lowerValues: Array<readonly string[] | null> = [];
  private allLower: string[] | null = null;
  private allRaw: string[] | null = null;

  constructor(memoSize: number) {
    this.memo = new Uint32Array(memoSize);
  }

  /** Starts a new event; true when the stamp wrapped around and stamped state must be cleared. */
  reset(event: FlatEvent): boolean {
    this.event = event;
    let wrapped = false;
    if (++this.stamp >= MAX_STAMP) {
      this.stamp = 1;
      this.memo.fill(0);
      this.rawStamp.fill(0);
      this.lowerStamp.fill(0);
      wrapped = true;
    }
    this.allLower = null;
    this.allRaw = null;
    return wrapped;
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

  /** The slot of a field name, for stringsAt / lowerAt. */
  slot(field: string): number {
    let slot = this.slots.get(field);
    if (slot === undefined) {
      slot = this.names.length;
      this.slots.set(field, slot);
      this.names.push(field);
      this.rawStamp.push(0);
      this.rawValues.push(null);
      this.lowerStamp.push(0);
      this.lowerValues.push(null);
    }
    return slot;
  }

  /** The field's non-null values as strings; null when the field is absent. */
  strings(field: string): readonly string[] | null {
    return this.stringsAt(this.slot(field));
  }

  /** As strings(), lower-cased (Sigma values are case-insensitive by default). */
  lower(field: string): readonly string[] | null {
    return this.lowerAt(this.slot(field));
  }

  stringsAt(slot: number): readonly string[] | null {
    if (this.rawStamp[slot] === this.stamp) return this.rawValues[slot]!;
    const strings = toStrings(this.value(this.names[slot]!));
    this.rawStamp[slot] = this.stamp;
    this.rawValues[slot] = strings;
    return strings;
  }

  lowerAt(slot: number): readonly string[] | null {
    if (this.lowerStamp[slot] === this.stamp) return this.lowerValues[slot]!;
    const raw = this.stringsAt(slot);
    const lower =
      raw === null
        ? null
        : raw.length === 1
          ? [raw[0]!.toLowerCase()]
          : raw.map((s) => s.toLowerCase());
    this.lowerStamp[slot] = this.stamp;
    this.lowerValues[slot] = lower;
    return lower;
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

/**
 * Detection items that compare other than by string literal: regular expressions, CIDR
 * networks, numbers and time parts, and field references. Like compile-field.ts, all parsing
 * happens at compile time; the returned closures only compare.
 */
import { parseTime, type EventView } from './event-view.ts';
import { ipInNetwork, parseCidr } from './ip-cidr.ts';
import { NUMERIC_MODIFIERS, TIME_MODIFIERS } from './modifiers.ts';
import { compileRegex } from './regex-compat.ts';
import type { StringTest } from './string-pattern.ts';
import type { FieldItem } from './types.ts';

export type Predicate = (ev: EventView) => boolean;
export type Fail = (message: string) => never;

/** Applies `tests` to the field's strings (or all event strings for keywords). */
export function combine(
  field: string | null,
  cased: boolean,
  tests: StringTest[],
  all: boolean,
): Predicate {
  const read = (ev: EventView): readonly string[] | null =>
    field === null ? ev.allValues(!cased) : cased ? ev.strings(field) : ev.lower(field);
  if (all) {
    return (ev) => {
      const strings = read(ev);
      if (strings === null || strings.length === 0) return false;
      for (const test of tests) if (!strings.some(test)) return false;
      return true;
    };
  }
  return (ev) => {
    const strings = read(ev);
    if (strings === null) return false;
    for (const s of strings) for (const test of tests) if (test(s)) return true;
    return false;
  };
}

export function regexTest(
  item: FieldItem,
  field: string | null,
  mods: Set<string>,
  all: boolean,
  fail: Fail,
): Predicate {
  const flags =
    (mods.has('i') ? 'i' : '') + (mods.has('m') ? 'm' : '') + (mods.has('s') ? 's' : '');
  const tests: StringTest[] = item.values.map((v) => {
    const result = compileRegex(String(v), flags);
    if (typeof result === 'string')
      fail(`regular expression ${JSON.stringify(String(v))}: ${result}`);
    const re = result as RegExp;
    return (s: string) => re.test(s);
  });
  // Modifiers appendix, re: case-sensitive unless the `i` flag is given, so raw strings.
  return combine(field, true, tests, all);
}

export function cidrTest(
  item: FieldItem,
  field: string | null,
  all: boolean,
  fail: Fail,
): Predicate {
  const networks = item.values.map(
    (v) => parseCidr(String(v)) ?? fail(`'${String(v)}' is not a CIDR network`),
  );
  const tests: StringTest[] = networks.map((n) => (s: string) => ipInNetwork(s, n));
  return combine(field, true, tests, all);
}

export function numericTest(
  item: FieldItem,
  field: string | null,
  mods: Set<string>,
  all: boolean,
): Predicate {
  const timePart = [...mods].find((m) => TIME_MODIFIERS.has(m)) ?? null;
  const comparator = [...mods].find((m) => NUMERIC_MODIFIERS.has(m)) ?? 'eq';
  const targets = item.values.map((v) => Number(v));
  const compare = (n: number, t: number): boolean =>
    comparator === 'lt'
      ? n < t
      : comparator === 'lte'
        ? n <= t
        : comparator === 'gt'
          ? n > t
          : comparator === 'gte'
            ? n >= t
            : n === t;
  return (ev) => {
    const numbers = readNumbers(ev, field, timePart);
    if (numbers.length === 0) return false;
    const hit = (t: number): boolean => numbers.some((n) => compare(n, t));
    return all ? targets.every(hit) : targets.some(hit);
  };
}

/**
 * Numbers from a field. With a time modifier the field is read as a timestamp (UTC, no zone
 * handling, spec 2.1); when the rule's field is absent the event's TimeCreated is used.
 */
function readNumbers(ev: EventView, field: string | null, timePart: string | null): number[] {
  const strings = field === null ? null : ev.strings(field);
  if (timePart === null) {
    if (strings === null) return [];
    return strings.map((s) => (s.trim() === '' ? NaN : Number(s))).filter((n) => !Number.isNaN(n));
  }
  const source = strings ?? ev.strings('TimeCreated') ?? [];
  const out: number[] = [];
  for (const s of source) {
    const ms = parseTime(/^\d+(\.\d+)?$/.test(s) ? Number(s) : s);
    if (ms !== null) out.push(extractTimePart(ms, timePart));
  }
  return out;
}

export function extractTimePart(ms: number, part: string): number {
  const d = new Date(ms);
  switch (part) {
    case 'minute':
      return d.getUTCMinutes();
    case 'hour':
      return d.getUTCHours();
    case 'day':
      return d.getUTCDate();
    case 'month':
      return d.getUTCMonth() + 1;
    case 'year':
      return d.getUTCFullYear();
    default:
      return isoWeek(d);
  }
}

function isoWeek(date: Date): number {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  return Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
}

export function fieldrefTest(
  item: FieldItem,
  field: string | null,
  mods: Set<string>,
  all: boolean,
  fail: Fail,
): Predicate {
  if (field === null) fail("'fieldref' needs a field name");
  const cased = mods.has('cased');
  const others = item.values.map((v) => String(v));
  const startsWith = mods.has('startswith');
  const endsWith = mods.has('endswith');
  const contains = mods.has('contains');
  const relate = (a: string, b: string): boolean =>
    contains ? a.includes(b) : startsWith ? a.startsWith(b) : endsWith ? a.endsWith(b) : a === b;
  return (ev) => {
    const mine = cased ? ev.strings(field!) : ev.lower(field!);
    if (mine === null || mine.length === 0) return false;
    const hit = (other: string): boolean => {
      const theirs = cased ? ev.strings(other) : ev.lower(other);
      if (theirs === null) return false;
      return mine.some((a) => theirs.some((b) => relate(a, b)));
    };
    return all ? others.every(hit) : others.some(hit);
  };
}

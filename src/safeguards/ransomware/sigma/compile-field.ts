/**
 * One detection item (`Field|mod|mod: values`) to a predicate over an EventView. All value work
 * (lower-casing, wildcard analysis, encodings, windash, placeholder expansion, regex and CIDR
 * parsing) happens here, once; the returned closure only compares.
 */
import {
  encodeBase64,
  encodeBase64Offsets,
  encodeText,
  expandWindash,
  type ByteEncoding,
} from './encodings.ts';
import { parseTime, type EventView } from './event-view.ts';
import { ipInNetwork, parseCidr } from './ip-cidr.ts';
import { NUMERIC_MODIFIERS, TIME_MODIFIERS } from './modifiers.ts';
import type { FieldLiterals, LiteralIndex } from './literal-index.ts';
import { compileRegex } from './regex-compat.ts';
import {
  compilePattern,
  literalPattern,
  mapPatternLiterals,
  parsePattern,
  patternLiteral,
  wrapPattern,
  type Pattern,
  type StringTest,
} from './string-pattern.ts';
import type { FieldItem } from './types.ts';
import { RuleSchemaError } from './yaml-nodes.ts';

export type Predicate = (ev: EventView) => boolean;

export interface FieldCompileContext {
  /** Event field name for a rule field name (logsource field mapping). */
  rename: (field: string) => string;
  placeholders: Readonly<Record<string, readonly string[]>>;
  /** Shared per-field literal search; without it each literal is tested on its own. */
  literals?: LiteralIndex;
}

export interface CompiledField {
  /** Identity of the test, for sharing one evaluation between rules. */
  key: string;
  predicate: Predicate;
}

export function compileFieldItem(item: FieldItem, ctx: FieldCompileContext): CompiledField {
  const field = item.field === null ? null : ctx.rename(item.field);
  const key = JSON.stringify([field, item.modifiers, item.values]);
  return { key, predicate: buildPredicate(item, field, ctx) };
}

function buildPredicate(
  item: FieldItem,
  field: string | null,
  ctx: FieldCompileContext,
): Predicate {
  const mods = new Set(item.modifiers);
  const negate = mods.has('neq');
  const all = mods.has('all');
  const fail = (message: string): never => {
    throw new RuleSchemaError(
      `'${[item.field ?? '', ...item.modifiers].join('|')}': ${message}`,
      item.line,
    );
  };

  if (mods.has('exists')) {
    if (field === null) fail("'exists' needs a field name");
    const wanted = item.values[0] === true;
    return (ev) => ev.has(field!) === wanted;
  }
  if (item.values.length === 1 && item.values[0] === null) {
    if (field === null) fail('a keyword cannot be null');
    // Rules specification, "null": matches a field that is absent or empty of any value.
    const isNull: Predicate = (ev) => {
      const strings = ev.strings(field!);
      return strings === null || strings.length === 0;
    };
    return negate ? (ev) => !isNull(ev) : isNull;
  }

  let valueTest: (ev: EventView) => boolean;
  if (mods.has('fieldref')) valueTest = fieldrefTest(item, field, mods, all, fail);
  else if ([...mods].some((m) => NUMERIC_MODIFIERS.has(m) || TIME_MODIFIERS.has(m)))
    valueTest = numericTest(item, field, mods, all);
  else if (mods.has('cidr')) valueTest = cidrTest(item, field, all, fail);
  else if (mods.has('re')) valueTest = regexTest(item, field, mods, all, fail);
  else valueTest = stringTest(item, field, mods, all, ctx, fail);

  if (!negate) return valueTest;
  // Modifiers appendix, neq: "the field is different from the specified values". An absent
  // field is different from every value.
  return (ev) => !valueTest(ev);
}

type Fail = (message: string) => never;

/** Applies `tests` to the field's strings (or all event strings for keywords). */
function combine(
  field: string | null,
  cased: boolean,
  tests: StringTest[],
  exact: Set<string>,
  all: boolean,
): Predicate {
  const read = (ev: EventView): readonly string[] | null =>
    field === null ? ev.allValues(!cased) : cased ? ev.strings(field) : ev.lower(field);
  if (all) {
    const every = [
      ...tests,
      ...[...exact].map(
        (e): StringTest =>
          (s) =>
            s === e,
      ),
    ];
    return (ev) => {
      const strings = read(ev);
      if (strings === null || strings.length === 0) return false;
      for (const test of every) if (!strings.some(test)) return false;
      return true;
    };
  }
  const hasExact = exact.size > 0;
  return (ev) => {
    const strings = read(ev);
    if (strings === null) return false;
    for (const s of strings) {
      if (hasExact && exact.has(s)) return true;
      for (const test of tests) if (test(s)) return true;
    }
    return false;
  };
}

function stringTest(
  item: FieldItem,
  field: string | null,
  mods: Set<string>,
  all: boolean,
  ctx: FieldCompileContext,
  fail: Fail,
): Predicate {
  const cased = mods.has('cased');
  let texts = item.values.map((v) => String(v));
  if (mods.has('expand'))
    texts = texts.flatMap((t) => expandPlaceholders(t, ctx.placeholders, fail));
  if (mods.has('windash')) texts = texts.flatMap(expandWindash);
  let patterns: Pattern[] = texts.map(parsePattern);
  const byteEncoding = item.modifiers.map((m) => BYTE_ENCODINGS[m]).find((e) => e !== undefined);
  const base64 = mods.has('base64offset') ? 'offset' : mods.has('base64') ? 'plain' : null;
  if (byteEncoding !== undefined && base64 === null)
    fail('a UTF-16 encoding must be followed by base64 or base64offset');
  if (base64 !== null) {
    // Encodings operate on bytes; wildcards cannot be encoded meaningfully.
    patterns = patterns.flatMap((p) => {
      const text =
        patternLiteral(p) ?? fail('wildcards cannot be combined with an encoding modifier');
      const bytes = encodeText(text, byteEncoding ?? 'utf8');
      return base64 === 'offset'
        ? encodeBase64Offsets(bytes).map(literalPattern)
        : [literalPattern(encodeBase64(bytes))];
    });
  }
  const contains =
    mods.has('contains') || (field === null && !mods.has('startswith') && !mods.has('endswith'));
  patterns = patterns.map((p) =>
    wrapPattern(p, contains || mods.has('endswith'), contains || mods.has('startswith')),
  );
  if (!cased) patterns = patterns.map((p) => mapPatternLiterals(p, (s) => s.toLowerCase()));
  const tests: StringTest[] = [];
  const exact = new Set<string>();
  const literalIds: number[] = [];
  const fieldLiterals = ctx.literals?.forField(field, cased);
  for (const pattern of patterns) {
    const shape = literalShape(pattern);
    if (fieldLiterals && shape) {
      literalIds.push(fieldLiterals.register(shape.kind, shape.literal));
      continue;
    }
    const compiled = compilePattern(pattern, !cased);
    if (compiled.exact !== null && !all) exact.add(compiled.exact);
    else tests.push(compiled.test);
  }
  if (
    item.values.length === 1 &&
    item.values[0] === '' &&
    item.modifiers.every((m) => m === 'cased')
  ) {
    // An empty value also matches a field present without a value (evtx renders empty Data as null).
    return (ev) => {
      if (field === null) return false;
      const strings = ev.strings(field);
      return strings !== null && (strings.length === 0 || strings.includes(''));
    };
  }
  if (literalIds.length === 0 || !fieldLiterals) return combine(field, cased, tests, exact, all);
  return combineWithLiterals(
    field,
    cased,
    tests,
    exact,
    all,
    fieldLiterals,
    ctx.literals!,
    literalIds,
  );
}

/** contains / startswith / endswith of one literal: answered by the shared literal index. */
function literalShape(
  pattern: Pattern,
): { kind: 'contains' | 'prefix' | 'suffix'; literal: string } | null {
  const [a, b, c] = pattern;
  const star = (t: Pattern[number] | undefined): boolean =>
    t !== undefined && typeof t !== 'string' && t.wildcard === '*';
  if (pattern.length === 3 && star(a) && typeof b === 'string' && star(c))
    return { kind: 'contains', literal: b };
  if (pattern.length === 2 && typeof a === 'string' && star(b))
    return { kind: 'prefix', literal: a };
  if (pattern.length === 2 && star(a) && typeof b === 'string')
    return { kind: 'suffix', literal: b };
  return null;
}

function combineWithLiterals(
  field: string | null,
  cased: boolean,
  tests: StringTest[],
  exact: Set<string>,
  all: boolean,
  fieldLiterals: FieldLiterals,
  index: LiteralIndex,
  ids: number[],
): Predicate {
  const rest = tests.length > 0 || exact.size > 0 ? combine(field, cased, tests, exact, all) : null;
  const read = (ev: EventView): readonly string[] | null =>
    field === null ? ev.allValues(!cased) : cased ? ev.strings(field) : ev.lower(field);
  return (ev) => {
    const strings = read(ev);
    if (strings === null) return false;
    fieldLiterals.scan(strings, ev.stamp);
    const hits = index.hits;
    const stamp = ev.stamp;
    if (all) {
      for (const id of ids) if (hits[id] !== stamp) return false;
      return rest === null || rest(ev);
    }
    for (const id of ids) if (hits[id] === stamp) return true;
    return rest !== null && rest(ev);
  };
}

const BYTE_ENCODINGS: Record<string, ByteEncoding> = {
  utf16le: 'utf16le',
  wide: 'utf16le',
  utf16be: 'utf16be',
  utf16: 'utf16',
};

/** Modifiers appendix, expand: `%name%` placeholders become every configured value. */
export function expandPlaceholders(
  text: string,
  placeholders: Readonly<Record<string, readonly string[]>>,
  fail: Fail,
): string[] {
  let results = [''];
  let last = 0;
  for (const match of text.matchAll(/%([^%\s]+)%/g)) {
    const name = match[1]!;
    const values = placeholders[name] ?? placeholders[`%${name}%`];
    if (values === undefined || values.length === 0)
      fail(`placeholder %${name}% has no configured values`);
    const prefix = text.slice(last, match.index);
    results = results.flatMap((r) => values!.map((v) => r + prefix + v));
    last = match.index + match[0].length;
  }
  return results.map((r) => r + text.slice(last));
}

function regexTest(
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
  return combine(field, true, tests, new Set(), all);
}

function cidrTest(item: FieldItem, field: string | null, all: boolean, fail: Fail): Predicate {
  const networks = item.values.map(
    (v) => parseCidr(String(v)) ?? fail(`'${String(v)}' is not a CIDR network`),
  );
  const tests: StringTest[] = networks.map((n) => (s: string) => ipInNetwork(s, n));
  return combine(field, true, tests, new Set(), all);
}

function numericTest(
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

function fieldrefTest(
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

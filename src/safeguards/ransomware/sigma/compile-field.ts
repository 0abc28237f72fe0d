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
import { andAnchor, literalsAnchor, type AnchorExpr } from './anchors.ts';
import {
  cidrTest,
  combine,
  fieldrefTest,
  numericTest,
  regexTest,
  type Fail,
  type Predicate,
} from './compile-value-tests.ts';
import type { FieldLiterals, LiteralIndex, LiteralKind } from './literal-index.ts';
import { NUMERIC_MODIFIERS, TIME_MODIFIERS } from './modifiers.ts';
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

export type { Predicate } from './compile-value-tests.ts';

export interface FieldCompileContext {
  /** Event field name for a rule field name (logsource field mapping). */
  rename: (field: string) => string;
  placeholders: Readonly<Record<string, readonly string[]>>;
  /** Shared per-field literal search. */
  literals: LiteralIndex;
}

export interface CompiledField {
  /** Identity of the test, for sharing one evaluation between rules. */
  key: string;
  predicate: Predicate;
  /** Literals one of which the event must contain for the test to hold (anchors.ts). */
  anchor: AnchorExpr;
}

interface Built {
  predicate: Predicate;
  anchor: AnchorExpr;
}

export function compileFieldItem(item: FieldItem, ctx: FieldCompileContext): CompiledField {
  const field = item.field === null ? null : ctx.rename(item.field);
  const key = JSON.stringify([field, item.modifiers, item.values]);
  return { key, ...buildPredicate(item, field, ctx) };
}

function buildPredicate(item: FieldItem, field: string | null, ctx: FieldCompileContext): Built {
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
    return { predicate: (ev) => ev.has(field!) === wanted, anchor: null };
  }
  if (item.values.length === 1 && item.values[0] === null) {
    if (field === null) fail('a keyword cannot be null');
    // Rules specification, "null": matches a field that is absent or empty of any value.
    const isNull: Predicate = (ev) => {
      const strings = ev.strings(field!);
      return strings === null || strings.length === 0;
    };
    return { predicate: negate ? (ev) => !isNull(ev) : isNull, anchor: null };
  }

  let built: Built;
  if (mods.has('fieldref'))
    built = { predicate: fieldrefTest(item, field, mods, all, fail), anchor: null };
  else if ([...mods].some((m) => NUMERIC_MODIFIERS.has(m) || TIME_MODIFIERS.has(m)))
    built = { predicate: numericTest(item, field, mods, all), anchor: null };
  else if (mods.has('cidr')) built = { predicate: cidrTest(item, field, all, fail), anchor: null };
  else if (mods.has('re'))
    built = { predicate: regexTest(item, field, mods, all, fail), anchor: null };
  else built = stringTest(item, field, mods, all, ctx, fail);

  if (!negate) return built;
  // Modifiers appendix, neq: "the field is different from the specified values". An absent
  // field is different from every value.
  const valueTest = built.predicate;
  return { predicate: (ev) => !valueTest(ev), anchor: null };
}

function stringTest(
  item: FieldItem,
  field: string | null,
  mods: Set<string>,
  all: boolean,
  ctx: FieldCompileContext,
  fail: Fail,
): Built {
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
  if (
    item.values.length === 1 &&
    item.values[0] === '' &&
    item.modifiers.every((m) => m === 'cased')
  ) {
    // An empty value also matches a field present without a value (evtx renders empty Data as null).
    const predicate: Predicate = (ev) => {
      if (field === null) return false;
      const strings = ev.strings(field);
      return strings !== null && (strings.length === 0 || strings.includes(''));
    };
    return { predicate, anchor: null };
  }
  const tests: StringTest[] = [];
  const literalIds: number[] = [];
  // Per pattern, the literals one of which it needs (null: none known).
  const needs: Array<number | null> = [];
  const fieldLiterals = ctx.literals.forField(field, cased);
  for (const pattern of patterns) {
    const shape = literalShape(pattern);
    if (shape) {
      const id = fieldLiterals.register(shape.kind, shape.literal);
      literalIds.push(id);
      needs.push(id);
      continue;
    }
    tests.push(compilePattern(pattern, !cased).test);
    const run = longestRun(pattern);
    needs.push(run === null ? null : fieldLiterals.register('contains', run));
  }
  const anchor = all
    ? andAnchor(needs.map((id) => (id === null ? null : literalsAnchor([id]))))
    : needs.includes(null)
      ? null
      : literalsAnchor(needs as number[]);
  if (literalIds.length === 0) return { predicate: combine(field, cased, tests, all), anchor };
  const rest = tests.length > 0 ? combine(field, cased, tests, all) : null;
  return {
    predicate: literalTest(fieldLiterals, ctx.literals, Int32Array.from(literalIds), all, rest),
    anchor,
  };
}

/** A plain literal, or contains / startswith / endswith of one: answered by the literal index. */
function literalShape(pattern: Pattern): { kind: LiteralKind; literal: string } | null {
  const literal = patternLiteral(pattern);
  if (literal !== null) return { kind: 'exact', literal };
  const [a, b, c] = pattern;
  const star = (t: Pattern[number] | undefined): boolean =>
    t !== undefined && typeof t !== 'string' && t.wildcard === '*';
  if (pattern.length === 3 && star(a) && typeof b === 'string' && star(c))
    return { kind: 'contains', literal: b };
  if (pattern.length === 2 && typeof a === 'string' && star(b))
    return { kind: 'prefix', literal: a };
  if (pattern.length === 2 && star(a) && typeof b === 'string')
    return { kind: 'suffix', literal: b };
  if (pattern.length === 1 && star(a)) return { kind: 'contains', literal: '' };
  return null;
}

/**
 * The longest literal run of a `*`-only pattern: every matching value contains it. Patterns
 * with `?` compile to case-folding regular expressions, for which a lower-cased run is not
 * strictly necessary (e.g. /s/iu matches 'ſ'), so they get none.
 */
function longestRun(pattern: Pattern): string | null {
  let best: string | null = null;
  for (const token of pattern) {
    if (typeof token !== 'string') {
      if (token.wildcard === '?') return null;
    } else if (best === null || token.length > best.length) best = token;
  }
  return best;
}

function literalTest(
  fieldLiterals: FieldLiterals,
  index: LiteralIndex,
  ids: Int32Array,
  all: boolean,
  rest: Predicate | null,
): Predicate {
  return (ev) => {
    const strings = fieldLiterals.read(ev);
    if (strings === null) return false;
    fieldLiterals.scan(ev);
    const hits = index.hits;
    const stamp = ev.stamp;
    if (all) {
      for (let k = 0; k < ids.length; k++) if (hits[ids[k]!] !== stamp) return false;
      return rest === null || rest(ev);
    }
    for (let k = 0; k < ids.length; k++) if (hits[ids[k]!] === stamp) return true;
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

/**
 * Sigma string values: wildcards `*` and `?`, escapes `\*`, `\?`, `\\` (rules specification,
 * "Escaping"; a backslash before any other character is literal). A value compiles to the
 * cheapest test that decides it: equality, startsWith, endsWith, includes, an ordered chain of
 * includes for `a*b*c`, and a RegExp only when `?` is involved.
 */

export type PatternToken = string | { wildcard: '*' | '?' };
export type Pattern = PatternToken[];

export const STAR: PatternToken = { wildcard: '*' };
const QMARK: PatternToken = { wildcard: '?' };

/** Splits a Sigma string into literal runs and wildcards. */
export function parsePattern(text: string): Pattern {
  const out: Pattern = [];
  let literal = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') {
      const next = text[i + 1];
      if (next === '*' || next === '?' || next === '\\') {
        literal += next;
        i++;
      } else {
        literal += c;
      }
    } else if (c === '*' || c === '?') {
      if (literal) out.push(literal);
      literal = '';
      out.push(c === '*' ? STAR : QMARK);
    } else {
      literal += c;
    }
  }
  if (literal) out.push(literal);
  return out;
}

export function literalPattern(text: string): Pattern {
  return text === '' ? [] : [text];
}

/** The literal text when the pattern has no wildcard, else null. */
export function patternLiteral(pattern: Pattern): string | null {
  let text = '';
  for (const token of pattern) {
    if (typeof token !== 'string') return null;
    text += token;
  }
  return text;
}

/** contains/startswith/endswith put `*` around the value (modifiers appendix, generic). */
export function wrapPattern(pattern: Pattern, start: boolean, end: boolean): Pattern {
  const out = [...pattern];
  if (start && out[0] !== STAR) out.unshift(STAR);
  if (end && out[out.length - 1] !== STAR) out.push(STAR);
  return out;
}

export function mapPatternLiterals(pattern: Pattern, map: (text: string) => string): Pattern {
  return pattern.map((token) => (typeof token === 'string' ? map(token) : token));
}

export type StringTest = (value: string) => boolean;

/** A compiled test; `exact` is set when the pattern is a plain literal (for set lookups). */
export interface CompiledPattern {
  test: StringTest;
  exact: string | null;
}

/** Compiles a pattern; literals must already be lower-cased when matching case-insensitively. */
export function compilePattern(pattern: Pattern, caseInsensitive: boolean): CompiledPattern {
  const literal = patternLiteral(pattern);
  if (literal !== null) return { test: (v) => v === literal, exact: literal };
  if (pattern.some((t) => t === QMARK || (typeof t !== 'string' && t.wildcard === '?'))) {
    return { test: regexTest(pattern, caseInsensitive), exact: null };
  }
  // Only `*` wildcards from here: literal runs must appear in order.
  const parts: string[] = [];
  for (const token of pattern) if (typeof token === 'string') parts.push(token);
  const leadingStar = typeof pattern[0] !== 'string';
  const trailingStar = typeof pattern[pattern.length - 1] !== 'string';
  if (parts.length === 0) return { test: () => true, exact: null };
  if (parts.length === 1) {
    const p = parts[0]!;
    if (leadingStar && trailingStar) return { test: (v) => v.includes(p), exact: null };
    if (leadingStar) return { test: (v) => v.endsWith(p), exact: null };
    return { test: (v) => v.startsWith(p), exact: null };
  }
  const first = leadingStar ? null : parts[0]!;
  const last = trailingStar ? null : parts[parts.length - 1]!;
  const middle = parts.slice(
    first === null ? 0 : 1,
    last === null ? parts.length : parts.length - 1,
  );
  const minLength = parts.reduce((n, p) => n + p.length, 0);
  return {
    test: (v) => {
      if (v.length < minLength) return false;
      let from = 0;
      let to = v.length;
      if (first !== null) {
        if (!v.startsWith(first)) return false;
        from = first.length;
      }
      if (last !== null) {
        if (!v.endsWith(last)) return false;
        to = v.length - last.length;
      }
      for (const part of middle) {
        const at = v.indexOf(part, from);
        if (at < 0 || at + part.length > to) return false;
        from = at + part.length;
      }
      return from <= to;
    },
    exact: null,
  };
}

function regexTest(pattern: Pattern, caseInsensitive: boolean): StringTest {
  let source = '^';
  for (const token of pattern) {
    if (typeof token === 'string') source += token.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    else source += token.wildcard === '*' ? '[\\s\\S]*' : '[\\s\\S]';
  }
  // The literals are lower-cased already; `i` guards against characters whose lower case differs.
  const re = new RegExp(`${source}$`, caseInsensitive ? 'iu' : 'u');
  return (v) => re.test(v);
}

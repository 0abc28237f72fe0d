/**
 * Sigma condition grammar (rules specification, "Condition"): `and`, `or`, `not`, parentheses,
 * `1 of X` / `all of X` with `*` patterns and `them`. Binding, loosest to tightest:
 * or < and < not < x of < ( ). Parsed once into a ConditionNode with patterns resolved to names.
 */
import type { ConditionNode } from './types.ts';

type Token =
  | { kind: 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'of' | 'all' | 'them' | 'pipe' }
  | { kind: 'number'; value: number }
  | { kind: 'ident'; value: string };

const KEYWORDS = new Set(['and', 'or', 'not', 'of', 'all', 'them']);
// Deep nesting only appears in hostile input; the recursive-descent parser must not overflow.
const MAX_DEPTH = 64;

export class ConditionSyntaxError extends Error {}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:(\()|(\))|(\|)|([^\s()|]+))/y;
  let pos = 0;
  while (pos < text.length) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) {
      if (text.slice(pos).trim() === '') break;
      throw new ConditionSyntaxError(`unexpected character at offset ${pos}`);
    }
    pos = re.lastIndex;
    if (m[1]) tokens.push({ kind: 'lparen' });
    else if (m[2]) tokens.push({ kind: 'rparen' });
    else if (m[3]) tokens.push({ kind: 'pipe' });
    else if (m[4]) {
      const word = m[4];
      if (KEYWORDS.has(word)) tokens.push({ kind: word as 'and' });
      else if (/^\d+$/.test(word)) tokens.push({ kind: 'number', value: Number(word) });
      else tokens.push({ kind: 'ident', value: word });
    }
  }
  return tokens;
}

/** Parses one condition string; names not in `identifiers` are errors. */
export function parseCondition(text: string, identifiers: readonly string[]): ConditionNode {
  const tokens = tokenize(text);
  if (tokens.some((t) => t.kind === 'pipe')) {
    throw new ConditionSyntaxError(
      "aggregation expressions ('| count() ...') are Sigma 1 syntax: write a correlation rule instead",
    );
  }
  let pos = 0;
  const known = new Set(identifiers);
  const peek = (): Token | undefined => tokens[pos];
  const describe = (t: Token | undefined): string =>
    t === undefined
      ? 'end of condition'
      : 'value' in t
        ? `'${t.value}'`
        : `'${t.kind === 'lparen' ? '(' : t.kind === 'rparen' ? ')' : t.kind}'`;

  const parseOr = (depth: number): ConditionNode => {
    const children = [parseAnd(depth)];
    while (peek()?.kind === 'or') {
      pos++;
      children.push(parseAnd(depth));
    }
    return children.length === 1 ? children[0]! : { type: 'or', children };
  };
  const parseAnd = (depth: number): ConditionNode => {
    const children = [parseNot(depth)];
    while (peek()?.kind === 'and') {
      pos++;
      children.push(parseNot(depth));
    }
    return children.length === 1 ? children[0]! : { type: 'and', children };
  };
  const parseNot = (depth: number): ConditionNode => {
    if (depth > MAX_DEPTH) throw new ConditionSyntaxError('condition nested too deeply');
    if (peek()?.kind === 'not') {
      pos++;
      return { type: 'not', child: parseNot(depth + 1) };
    }
    return parsePrimary(depth);
  };
  const parsePrimary = (depth: number): ConditionNode => {
    const token = peek();
    if (token === undefined)
      throw new ConditionSyntaxError('condition ends where an identifier was expected');
    if (token.kind === 'lparen') {
      pos++;
      const inner = parseOr(depth + 1);
      if (peek()?.kind !== 'rparen')
        throw new ConditionSyntaxError(`expected ')' but found ${describe(peek())}`);
      pos++;
      return inner;
    }
    if (token.kind === 'all' || token.kind === 'number') {
      pos++;
      if (peek()?.kind !== 'of')
        throw new ConditionSyntaxError(`expected 'of' after ${describe(token)}`);
      pos++;
      const target = peek();
      pos++;
      const quantifier = token.kind === 'number' ? token.value : 'all';
      if (quantifier === 0) throw new ConditionSyntaxError("'0 of' can never be true");
      if (target?.kind === 'them') {
        const names = identifiers.filter((n) => !n.startsWith('_'));
        return { type: 'of', quantifier, names };
      }
      if (target?.kind !== 'ident')
        throw new ConditionSyntaxError(
          `expected an identifier pattern or 'them' after 'of', found ${describe(target)}`,
        );
      const names = resolvePattern(target.value, identifiers);
      if (names.length === 0)
        throw new ConditionSyntaxError(`pattern '${target.value}' matches no search identifier`);
      return { type: 'of', quantifier, names };
    }
    if (token.kind === 'ident') {
      pos++;
      if (!known.has(token.value))
        throw new ConditionSyntaxError(`undefined search identifier '${token.value}'`);
      return { type: 'ref', name: token.value };
    }
    throw new ConditionSyntaxError(`unexpected ${describe(token)}`);
  };

  if (tokens.length === 0) throw new ConditionSyntaxError('empty condition');
  const node = parseOr(0);
  if (pos < tokens.length)
    throw new ConditionSyntaxError(`unexpected ${describe(peek())} after a complete expression`);
  return node;
}

function resolvePattern(pattern: string, identifiers: readonly string[]): string[] {
  if (!pattern.includes('*')) return identifiers.filter((n) => n === pattern);
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const re = new RegExp(`^${source}$`);
  return identifiers.filter((n) => re.test(n));
}

// Expands a record's BinXML (template instances, substitutions, nested 0x21 fragments) and
// feeds the result to the JSON builder, following the evtx crate's model assembly
// (0.8, assemble.rs): values inside a start tag become attribute values, a value without a
// pending attribute name is dropped, a substitution is consumed by its first use.
import { BinXmlError, type ChunkContext } from './chunk-context.ts';
import {
  T_ATTRIBUTE,
  T_CLOSE,
  T_CLOSE_EMPTY,
  T_CLOSE_START,
  T_ENTITY,
  T_OPEN,
  T_SUBSTITUTION,
  T_TEMPLATE,
  T_VALUE,
  templateTokens,
  type Token,
} from './binxml-tokens.ts';
import { NestedXml, type BinXmlValue, type JsonValue } from './binxml-values.ts';
import { JsonBuilder } from './json-builder.ts';

/** Template and fragment nesting limit: guards against definitions that refer to each other. */
const MAX_DEPTH = 32;
/** Tokens rendered per record at most: a real record uses a few hundred. */
const MAX_TOKENS = 200_000;

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

/** XML entity reference text; unknown names are kept as written (evtx_dump fails the record). */
function unescapeEntity(name: string): string {
  const known = ENTITIES[name];
  if (known !== undefined) return known;
  const code = /^#x([0-9a-fA-F]+)$/.exec(name)?.[1] ?? /^#([0-9]+)$/.exec(name)?.[1];
  if (code !== undefined) {
    const n = name[1] === 'x' ? parseInt(code, 16) : parseInt(code, 10);
    if (n <= 0x10ffff) return String.fromCodePoint(n);
  }
  return `&${name};`;
}

class RecordRenderer {
  readonly json = new JsonBuilder();
  private readonly ctx: ChunkContext;
  private pending: string | null = null;
  private attrName: string | null = null;
  private attrNames: string[] = [];
  private attrValues: JsonValue[] = [];
  private budget = MAX_TOKENS;

  constructor(ctx: ChunkContext) {
    this.ctx = ctx;
  }

  render(tokens: Token[], values: BinXmlValue[] | null, depth: number): void {
    if (depth > MAX_DEPTH) throw new BinXmlError('templates nested too deeply (a cycle?)', 0);
    this.budget -= tokens.length;
    if (this.budget < 0) throw new BinXmlError('record expands to too many tokens', 0);
    for (const token of tokens) {
      switch (token.k) {
        case T_OPEN:
          this.pending = token.name;
          this.attrName = null;
          this.attrNames = [];
          this.attrValues = [];
          break;
        case T_ATTRIBUTE:
          if (this.pending === null)
            throw new BinXmlError(`attribute ${token.name} outside a start tag`, 0);
          this.attrName = token.name;
          break;
        case T_VALUE:
          this.value(token.value, depth);
          break;
        case T_SUBSTITUTION: {
          if (token.ignore || values === null) break;
          const value = token.index < values.length ? values[token.index]! : null;
          values[token.index] = null;
          this.value(value, depth);
          break;
        }
        case T_CLOSE_START:
        case T_CLOSE_EMPTY:
          if (this.pending === null)
            throw new BinXmlError('end of start tag without a start tag', 0);
          this.json.open(this.pending, this.attrNames, this.attrValues);
          this.pending = null;
          if (token.k === T_CLOSE_EMPTY) this.json.close();
          break;
        case T_CLOSE:
          this.json.close();
          break;
        case T_ENTITY:
          this.json.characters(unescapeEntity(token.name));
          break;
        case T_TEMPLATE:
          this.render(templateTokens(this.ctx, token.definition), token.values.slice(), depth + 1);
          break;
      }
    }
  }

  private value(value: BinXmlValue, depth: number): void {
    if (value instanceof NestedXml) {
      this.render(value.tokens, null, depth + 1);
    } else if (this.pending !== null) {
      if (this.attrName !== null) {
        this.attrNames.push(this.attrName);
        this.attrValues.push(value);
        this.attrName = null;
      }
    } else {
      this.json.characters(value);
    }
  }
}

/** Renders a record's token list to evtx_dump's JSON object (`{ Event: ... }`). */
export function renderRecord(ctx: ChunkContext, tokens: Token[]): Record<string, unknown> {
  const renderer = new RecordRenderer(ctx);
  renderer.render(tokens, null, 0);
  return renderer.json.root;
}

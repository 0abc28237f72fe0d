/**
 * Small helpers over eemeli/yaml nodes: positions for error messages and typed access to map
 * entries, so the rule parsers can report `file:line` for every schema problem.
 */
import {
  isMap,
  isScalar,
  isSeq,
  type Document,
  type LineCounter,
  type Node,
  type Pair,
  type YAMLMap,
} from 'yaml';

/** Thrown inside the document parsers; parseSigmaFile turns it into a SigmaLoadError. */
export class RuleSchemaError extends Error {
  readonly line: number | null;
  constructor(message: string, line: number | null) {
    super(message);
    this.line = line;
  }
}

export interface NodeContext {
  doc: Document;
  lines: LineCounter;
}

export function lineOf(ctx: NodeContext, node: unknown): number | null {
  const range = (node as Node | null | undefined)?.range;
  if (!range) return null;
  return ctx.lines.linePos(range[0]).line;
}

/** The map's pairs as [key string, value node, key line]. */
export function mapEntries(
  ctx: NodeContext,
  map: YAMLMap,
): Array<[string, unknown, number | null]> {
  return map.items.map((pair: Pair) => {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    return [key, resolveAlias(ctx, pair.value), lineOf(ctx, pair.key)];
  });
}

export function resolveAlias(ctx: NodeContext, node: unknown): unknown {
  if (node && typeof node === 'object' && 'resolve' in node && typeof node.resolve === 'function') {
    return (node as { resolve: (doc: Document) => unknown }).resolve(ctx.doc);
  }
  return node;
}

export function getEntry(ctx: NodeContext, map: YAMLMap, key: string): unknown {
  return resolveAlias(ctx, map.get(key, true));
}

/** Plain JavaScript value of a node (maps to objects, sequences to arrays). */
export function toPlain(node: unknown): unknown {
  if (node === null || node === undefined) return node;
  if (isScalar(node) || isMap(node) || isSeq(node)) return node.toJSON();
  return node;
}

export function optionalString(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function stringList(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value))
    return value.filter((v) => v !== null && v !== undefined).map((v) => String(v));
  return [String(value)];
}

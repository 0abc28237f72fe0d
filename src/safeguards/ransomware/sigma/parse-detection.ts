/**
 * `detection:` section to ParsedDetection (rules specification, "Detection"): a map is an AND
 * over fields, a list of maps an OR, a list of plain values a keyword (full-text) OR. Modifier
 * chains are checked here so that a rule with an unknown modifier never loads.
 */
import { isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import { ConditionSyntaxError, parseCondition } from './condition-parser.ts';
import { checkModifiers } from './modifiers.ts';
import type {
  ConditionNode,
  FieldItem,
  ParsedDetection,
  RuleScalar,
  SearchIdentifier,
} from './types.ts';
import {
  lineOf,
  mapEntries,
  resolveAlias,
  RuleSchemaError,
  type NodeContext,
} from './yaml-nodes.ts';

export function parseDetection(
  ctx: NodeContext,
  node: unknown,
  sectionLine: number | null,
): ParsedDetection {
  if (!isMap(node))
    throw new RuleSchemaError(
      'detection must be a map of search identifiers and a condition',
      sectionLine,
    );
  const searches = new Map<string, SearchIdentifier>();
  let conditionNode: unknown = undefined;
  let conditionLine: number | null = null;
  for (const [key, value, line] of mapEntries(ctx, node)) {
    if (key === 'condition') {
      conditionNode = value;
      conditionLine = line;
    } else if (key === 'timeframe') {
      // Sigma 1 aggregation window; correlations replaced it. Harmless when no aggregation is used.
      continue;
    } else {
      searches.set(key, parseSearch(ctx, key, value, line));
    }
  }
  if (conditionNode === undefined)
    throw new RuleSchemaError('detection has no condition', sectionLine);
  const conditionText = conditionStrings(ctx, conditionNode, conditionLine);
  const names = [...searches.keys()];
  const parsed: ConditionNode[] = conditionText.map((text) => {
    try {
      return parseCondition(text, names);
    } catch (error) {
      if (error instanceof ConditionSyntaxError) {
        throw new RuleSchemaError(`condition '${text}': ${error.message}`, conditionLine);
      }
      throw error;
    }
  });
  // Rules specification: a list of conditions is an OR of them.
  const condition: ConditionNode =
    parsed.length === 1 ? parsed[0]! : { type: 'or', children: parsed };
  return { searches, condition, conditionText, line: sectionLine };
}

function conditionStrings(ctx: NodeContext, node: unknown, line: number | null): string[] {
  if (isScalar(node) && typeof node.value === 'string') return [node.value];
  if (isSeq(node)) {
    const out: string[] = [];
    for (const item of node.items) {
      const resolved = resolveAlias(ctx, item);
      if (!isScalar(resolved) || typeof resolved.value !== 'string') {
        throw new RuleSchemaError(
          'each condition in a condition list must be a string',
          lineOf(ctx, item) ?? line,
        );
      }
      out.push(resolved.value);
    }
    if (out.length === 0) throw new RuleSchemaError('condition list is empty', line);
    return out;
  }
  throw new RuleSchemaError('condition must be a string or a list of strings', line);
}

function parseSearch(
  ctx: NodeContext,
  name: string,
  node: unknown,
  line: number | null,
): SearchIdentifier {
  const alternatives: FieldItem[][] = [];
  if (isMap(node)) {
    alternatives.push(parseFieldMap(ctx, node));
  } else if (isSeq(node)) {
    const keywords: RuleScalar[] = [];
    let keywordLine: number | null = null;
    for (const rawItem of node.items) {
      const item = resolveAlias(ctx, rawItem);
      if (isMap(item)) alternatives.push(parseFieldMap(ctx, item));
      else if (isScalar(item)) {
        if (item.value === null)
          throw new RuleSchemaError(
            `search '${name}': null is not allowed in a value list`,
            lineOf(ctx, item),
          );
        keywords.push(scalarValue(item.value, lineOf(ctx, item)));
        keywordLine ??= lineOf(ctx, item);
      } else
        throw new RuleSchemaError(
          `search '${name}': list items must be maps or values`,
          lineOf(ctx, item) ?? line,
        );
    }
    if (keywords.length > 0)
      alternatives.push([{ field: null, modifiers: [], values: keywords, line: keywordLine }]);
    if (alternatives.length === 0)
      throw new RuleSchemaError(`search '${name}' is an empty list`, line);
  } else if (isScalar(node) && node.value !== null) {
    alternatives.push([
      { field: null, modifiers: [], values: [scalarValue(node.value, line)], line },
    ]);
  } else {
    throw new RuleSchemaError(
      `search '${name}' must be a map, a list of maps or a list of keywords`,
      line,
    );
  }
  return { name, line, alternatives };
}

function parseFieldMap(ctx: NodeContext, map: YAMLMap): FieldItem[] {
  const items: FieldItem[] = [];
  for (const [key, value, line] of mapEntries(ctx, map)) {
    const [fieldPart = '', ...modifiers] = key.split('|');
    const values = fieldValues(ctx, key, value, line);
    const problem = checkModifiers(modifiers, values);
    if (problem) throw new RuleSchemaError(`'${key}': ${problem}`, line);
    items.push({ field: fieldPart === '' ? null : fieldPart, modifiers, values, line });
  }
  return items;
}

function fieldValues(
  ctx: NodeContext,
  key: string,
  node: unknown,
  line: number | null,
): RuleScalar[] {
  if (node === null || node === undefined) return [null];
  if (isScalar(node)) return [scalarValue(node.value, line)];
  if (isSeq(node)) {
    const values: RuleScalar[] = [];
    for (const rawItem of node.items) {
      const item = resolveAlias(ctx, rawItem);
      if (!isScalar(item))
        throw new RuleSchemaError(
          `'${key}': list values must be plain values`,
          lineOf(ctx, item) ?? line,
        );
      // Rules specification, "null": a null value cannot be part of a list; negate a selection instead.
      if (item.value === null)
        throw new RuleSchemaError(
          `'${key}': null is not allowed in a value list`,
          lineOf(ctx, item) ?? line,
        );
      values.push(scalarValue(item.value, lineOf(ctx, item) ?? line));
    }
    if (values.length === 0) throw new RuleSchemaError(`'${key}': empty value list`, line);
    return values;
  }
  throw new RuleSchemaError(`'${key}': value must be a plain value or a list of values`, line);
}

function scalarValue(value: unknown, line: number | null): RuleScalar {
  if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  )
    return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toISOString();
  throw new RuleSchemaError(`unsupported value type ${typeof value}`, line);
}

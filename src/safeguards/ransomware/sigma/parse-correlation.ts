/**
 * `correlation:` section (Sigma correlation rules specification 2.x): type, rules, group-by,
 * timespan, condition, aliases, generate. value_sum/value_avg/value_percentile are Sigma 2.1.
 */
import type { CorrelationSpec, CorrelationType, CountCondition } from './types.ts';
import { RuleSchemaError, stringList } from './yaml-nodes.ts';

const TYPES: ReadonlySet<string> = new Set([
  'event_count',
  'value_count',
  'temporal',
  'temporal_ordered',
  'value_sum',
  'value_avg',
  'value_percentile',
]);
const COMPARATORS = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'] as const;
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * `plain` is the section as a plain object; `topGenerate` the document-level `generate` (the
 * specification text puts it beside `level`, several tools read it inside `correlation`).
 */
export function parseCorrelation(
  plain: unknown,
  topGenerate: unknown,
  line: number | null,
): CorrelationSpec {
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    throw new RuleSchemaError('correlation must be a map', line);
  }
  const section = plain as Record<string, unknown>;
  const type = section['type'];
  if (typeof type !== 'string' || !TYPES.has(type)) {
    throw new RuleSchemaError(
      `correlation type must be one of ${[...TYPES].join(', ')}, got '${String(type)}'`,
      line,
    );
  }
  const rules = stringList(section['rules']);
  if (rules.length === 0)
    throw new RuleSchemaError('correlation needs at least one rule in rules', line);
  const timespanMs = parseTimespan(section['timespan'], line);
  const groupBy = stringList(section['group-by']);
  const aliases = parseAliases(section['aliases'], line);
  const { condition, field } = parseCondition(section['condition'], type as CorrelationType, line);
  const generateValue = section['generate'] ?? topGenerate;
  if (generateValue !== undefined && generateValue !== null && typeof generateValue !== 'boolean') {
    throw new RuleSchemaError('generate must be true or false', line);
  }
  return {
    type: type as CorrelationType,
    rules,
    groupBy,
    timespanMs,
    condition,
    field,
    aliases,
    generate: generateValue === true,
  };
}

export function parseTimespan(value: unknown, line: number | null): number {
  const match = typeof value === 'string' ? /^(\d+)([smhd])$/.exec(value.trim()) : null;
  if (!match)
    throw new RuleSchemaError(
      `timespan must look like 30s, 5m, 1h or 2d, got '${String(value)}'`,
      line,
    );
  return Number(match[1]) * UNIT_MS[match[2]!]!;
}

function parseAliases(value: unknown, line: number | null): Record<string, Record<string, string>> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw new RuleSchemaError('aliases must be a map', line);
  const out: Record<string, Record<string, string>> = {};
  for (const [alias, mapping] of Object.entries(value)) {
    if (mapping === null || typeof mapping !== 'object' || Array.isArray(mapping)) {
      throw new RuleSchemaError(`alias '${alias}' must map rule names to field names`, line);
    }
    out[alias] = Object.fromEntries(
      Object.entries(mapping).map(([rule, field]) => [rule, String(field)]),
    );
  }
  return out;
}

function parseCondition(
  value: unknown,
  type: CorrelationType,
  line: number | null,
): { condition: CountCondition | null; field: string | null } {
  const temporal = type === 'temporal' || type === 'temporal_ordered';
  if (value === undefined || value === null) {
    if (temporal) return { condition: null, field: null };
    throw new RuleSchemaError(`a ${type} correlation needs a condition`, line);
  }
  if (typeof value !== 'object' || Array.isArray(value))
    throw new RuleSchemaError('correlation condition must be a map', line);
  const entries = value as Record<string, unknown>;
  const condition: CountCondition = {};
  let field: string | null = null;
  for (const [key, raw] of Object.entries(entries)) {
    if (key === 'field') {
      field = String(raw);
      continue;
    }
    if (!(COMPARATORS as readonly string[]).includes(key)) {
      throw new RuleSchemaError(
        `unknown correlation condition key '${key}' (use gt, gte, lt, lte, eq, neq, field)`,
        line,
      );
    }
    const n = typeof raw === 'number' ? raw : Number(raw);
    if (!Number.isFinite(n))
      throw new RuleSchemaError(`correlation condition ${key} needs a number`, line);
    condition[key as (typeof COMPARATORS)[number]] = n;
  }
  if (Object.keys(condition).length === 0)
    throw new RuleSchemaError('correlation condition has no comparison', line);
  const needsField = type !== 'event_count' && !temporal;
  if (needsField && field === null)
    throw new RuleSchemaError(`a ${type} correlation needs condition.field`, line);
  return { condition, field };
}

/** True when `n` satisfies every comparison in the condition (two keys form a range). */
export function testCountCondition(condition: CountCondition, n: number): boolean {
  if (condition.gt !== undefined && !(n > condition.gt)) return false;
  if (condition.gte !== undefined && !(n >= condition.gte)) return false;
  if (condition.lt !== undefined && !(n < condition.lt)) return false;
  if (condition.lte !== undefined && !(n <= condition.lte)) return false;
  if (condition.eq !== undefined && n !== condition.eq) return false;
  if (condition.neq !== undefined && n === condition.neq) return false;
  return true;
}

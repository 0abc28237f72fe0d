/**
 * The modifier vocabulary of Sigma 2.1 (specification appendix "Sigma Modifiers") and the
 * combination checks that can be done without an event: a rule using an unknown modifier, or
 * `all` on a single value, is rejected when it is loaded rather than silently matching nothing.
 */
import type { RuleScalar } from './types.ts';

export const KNOWN_MODIFIERS: ReadonlySet<string> = new Set([
  'contains',
  'startswith',
  'endswith',
  'all',
  'exists',
  'cased',
  'neq',
  'windash',
  're',
  'i',
  'm',
  's',
  'base64',
  'base64offset',
  'utf16le',
  'wide',
  'utf16be',
  'utf16',
  'lt',
  'lte',
  'gt',
  'gte',
  'cidr',
  'expand',
  'fieldref',
  'minute',
  'hour',
  'day',
  'week',
  'month',
  'year',
]);

export const NUMERIC_MODIFIERS: ReadonlySet<string> = new Set(['lt', 'lte', 'gt', 'gte']);
export const TIME_MODIFIERS: ReadonlySet<string> = new Set([
  'minute',
  'hour',
  'day',
  'week',
  'month',
  'year',
]);
const REGEX_FLAGS = new Set(['i', 'm', 's']);

/** Returns a reason when the modifier chain cannot be applied to these values, else null. */
export function checkModifiers(
  modifiers: readonly string[],
  values: readonly RuleScalar[],
): string | null {
  for (const modifier of modifiers) {
    if (!KNOWN_MODIFIERS.has(modifier)) return `unknown modifier '${modifier}'`;
  }
  const has = (m: string): boolean => modifiers.includes(m);
  for (const flag of REGEX_FLAGS) {
    if (has(flag) && !has('re'))
      return `modifier '${flag}' is a regular-expression flag and needs 're'`;
  }
  // Spec appendix, generic modifiers: "Single item values are not allowed to have an all modifier".
  if (has('all') && values.length < 2) return "modifier 'all' needs a list of at least two values";
  if (has('exists')) {
    if (modifiers.length > 1) return "modifier 'exists' cannot be combined with other modifiers";
    if (values.length !== 1 || typeof values[0] !== 'boolean')
      return "modifier 'exists' takes true or false";
  }
  const numeric = modifiers.filter((m) => NUMERIC_MODIFIERS.has(m));
  if (numeric.length > 1) return `conflicting numeric modifiers ${numeric.join(', ')}`;
  if (numeric.length === 1 || modifiers.some((m) => TIME_MODIFIERS.has(m))) {
    for (const value of values) {
      if (!isNumeric(value))
        return `modifier '${numeric[0] ?? 'time part'}' needs numeric values, got '${String(value)}'`;
    }
  }
  const exclusive = ['re', 'cidr', 'fieldref'].filter(has);
  if (exclusive.length > 1) return `modifiers ${exclusive.join(' and ')} cannot be combined`;
  if (
    has('re') &&
    modifiers.some((m) =>
      ['contains', 'startswith', 'endswith', 'windash', 'base64', 'base64offset'].includes(m),
    )
  ) {
    return "modifier 're' cannot be combined with string-shaping modifiers";
  }
  if (has('base64') && has('base64offset'))
    return "modifiers 'base64' and 'base64offset' cannot be combined";
  return null;
}

function isNumeric(value: RuleScalar): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value));
}

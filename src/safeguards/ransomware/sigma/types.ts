/**
 * Shapes shared by the Sigma loader, compiler and correlator. Parsed documents keep YAML line
 * numbers so that errors found later (at compile time) still point into the rule file.
 */

/** A scalar as it appears in a rule's detection values. */
export type RuleScalar = string | number | boolean | null;

export interface SigmaLoadError {
  path: string;
  line: number | null;
  ruleId?: string;
  title?: string;
  message: string;
  severity: 'error' | 'warning';
}

export interface Logsource {
  product?: string;
  category?: string;
  service?: string;
}

export interface RuleMeta {
  id?: string;
  name?: string;
  title: string;
  status?: string;
  level?: string;
  description?: string;
  author?: string;
  tags: string[];
  references: string[];
  falsepositives: string[];
}

/** One `field|mod|mod: value(s)` entry; `field` null is a keyword (full-text) search. */
export interface FieldItem {
  field: string | null;
  modifiers: string[];
  values: RuleScalar[];
  line: number | null;
}

/** A search identifier: OR over alternatives, each an AND over field items (spec 1.1). */
export interface SearchIdentifier {
  name: string;
  line: number | null;
  alternatives: FieldItem[][];
}

export type ConditionNode =
  | { type: 'and'; children: ConditionNode[] }
  | { type: 'or'; children: ConditionNode[] }
  | { type: 'not'; child: ConditionNode }
  | { type: 'ref'; name: string }
  /** `N of X` / `all of X`, with the pattern already resolved to identifier names. */
  | { type: 'of'; quantifier: 'all' | number; names: string[] };

export interface ParsedDetection {
  searches: Map<string, SearchIdentifier>;
  condition: ConditionNode;
  conditionText: string[];
  line: number | null;
}

interface DocumentBase {
  path: string;
  /** Line of the document's first key. */
  line: number | null;
  meta: RuleMeta;
}

export interface SigmaRuleDocument extends DocumentBase {
  kind: 'rule';
  logsource: Logsource;
  detection: ParsedDetection;
}

export type CorrelationType =
  | 'event_count'
  | 'value_count'
  | 'temporal'
  | 'temporal_ordered'
  | 'value_sum'
  | 'value_avg'
  | 'value_percentile';

/** Comparison keys of a correlation condition; two keys form a range (AND). */
export interface CountCondition {
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
  eq?: number;
  neq?: number;
}

export interface CorrelationSpec {
  type: CorrelationType;
  rules: string[];
  groupBy: string[];
  timespanMs: number;
  condition: CountCondition | null;
  /** value_* correlations: the field whose values are counted, summed, averaged or ranked. */
  field: string | null;
  /** alias -> rule name/id -> field name in that rule's events. */
  aliases: Record<string, Record<string, string>>;
  generate: boolean;
}

export interface SigmaCorrelationDocument extends DocumentBase {
  kind: 'correlation';
  correlation: CorrelationSpec;
}

export interface SigmaFilterDocument extends DocumentBase {
  kind: 'filter';
  logsource: Logsource;
  /** Rule ids or names the filter applies to; empty = every rule with a matching logsource. */
  rules: string[];
  detection: ParsedDetection;
}

export type SigmaDocument = SigmaRuleDocument | SigmaCorrelationDocument | SigmaFilterDocument;

/** What match output carries about a rule (DRL 1.1 requires the author in views of matches). */
export interface CompiledRuleInfo {
  kind: 'rule' | 'correlation';
  id: string | null;
  name: string | null;
  title: string;
  level: string | null;
  status: string | null;
  author: string | null;
  description: string | null;
  tags: readonly string[];
  references: readonly string[];
  falsepositives: readonly string[];
  path: string;
  logsource: Logsource;
  /**
   * False when the rule is referenced only by correlations with `generate: false` (the default):
   * its matches feed correlations but should not raise alerts on their own.
   */
  generate: boolean;
  /** Index in RuleSet.rules (base rules) or in the correlation list. */
  index: number;
}

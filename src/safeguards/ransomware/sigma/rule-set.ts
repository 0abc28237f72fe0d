/**
 * Compiles loaded documents into a RuleSet: each rule's detection becomes a predicate per
 * logsource branch, global filters are ANDed in, branches are indexed by (Channel, EventID) so
 * that an event is only tested against rules written for its channel and ID, and each rule gets
 * anchor literals (anchors.ts) so that only rules whose anchors the event contains are evaluated.
 */
import type { FlatEvent } from '../events/event-types.ts';
import { andAnchor, literalCost, resolveAnchor, type AnchorExpr } from './anchors.ts';
import { compileDetection, PredicateTable, allOf } from './compile-detection.ts';
import type { FieldCompileContext, Predicate } from './compile-field.ts';
import { compileCorrelations, type CompiledCorrelation } from './compile-correlations.ts';
import { createCorrelator, type Correlator } from './correlator.ts';
import { EventView } from './event-view.ts';
import { LiteralIndex } from './literal-index.ts';
import {
  DEFAULT_LOGSOURCE_MAP,
  resolveLogsource,
  type LogsourceBranch,
  type LogsourceMap,
} from './logsource-map.ts';
import { RuleIndex } from './rule-index.ts';
import type {
  CompiledRuleInfo,
  Logsource,
  SigmaDocument,
  SigmaFilterDocument,
  SigmaLoadError,
  SigmaRuleDocument,
} from './types.ts';
import { RuleSchemaError } from './yaml-nodes.ts';

export interface RuleSet {
  /** Base (detection) rules, in load order; CompiledRuleInfo.index points here. */
  readonly rules: readonly CompiledRuleInfo[];
  readonly correlations: readonly CompiledRuleInfo[];
  /**
   * Every base rule that matches, including rules that only feed correlations
   * (`generate: false`; callers raise alerts only for infos with `generate: true`).
   */
  match(event: FlatEvent): CompiledRuleInfo[];
  /** Fresh correlation state for one timestamp-ordered stream of events. */
  createCorrelator(): Correlator;
  /** Rules evaluated for every event of their logsource: no anchor literal was derived. */
  readonly unanchoredRules: number;
}

export interface CompileRuleSetInput {
  documents: readonly SigmaDocument[];
  logsources?: LogsourceMap;
  placeholders?: Readonly<Record<string, readonly string[]>>;
  /**
   * Skip rules none of whose anchor literals the event contains (default true; anchors.ts).
   * Off evaluates every rule of the event's logsource; tests compare the two.
   */
  prefilter?: boolean;
}

export function compileRuleSet(input: CompileRuleSetInput): {
  ruleSet: RuleSet;
  errors: SigmaLoadError[];
} {
  const map = input.logsources ?? DEFAULT_LOGSOURCE_MAP;
  const placeholders = input.placeholders ?? {};
  const errors: SigmaLoadError[] = [];
  const table = new PredicateTable();
  const literals = new LiteralIndex();
  const rules: CompiledRuleInfo[] = [];
  const filters = input.documents.filter((d): d is SigmaFilterDocument => d.kind === 'filter');
  const index = new RuleIndex();
  // Per rule, the anchor of each of its logsource branches.
  const anchorExprs: AnchorExpr[][] = [];

  for (const doc of input.documents) {
    if (doc.kind !== 'rule') continue;
    const product = doc.logsource.product;
    if (map.products !== null && product !== undefined && !map.products.includes(product)) {
      errors.push(
        problem(
          doc,
          'warning',
          `product '${product}' is not in this event stream: the rule never matches`,
        ),
      );
      continue;
    }
    const branches = resolveLogsource(map, doc.logsource);
    if (branches === null) {
      errors.push(
        problem(
          doc,
          'warning',
          `no logsource mapping for ${describeLogsource(doc.logsource)}: ${map.unmapped === 'any-event' ? 'the rule is tested against every event' : 'the rule never matches'}`,
        ),
      );
      if (map.unmapped === 'no-event') continue;
    }
    const ruleFilters = filters.filter((f) => filterApplies(f, doc));
    const compiled: Array<{ branch: LogsourceBranch | null; predicate: Predicate }> = [];
    const anchors: AnchorExpr[] = [];
    try {
      for (const branch of branches ?? [null]) {
        const ctx: FieldCompileContext = { rename: renamer(branch), placeholders, literals };
        const parts = [compileDetection(doc.detection, ctx, table)];
        // Filters specification: the filter condition is ANDed to the rule's condition.
        for (const filter of ruleFilters)
          parts.push(compileDetection(filter.detection, ctx, table));
        compiled.push({ branch, predicate: allOf(parts.map((p) => p.predicate)) });
        anchors.push(andAnchor(parts.map((p) => p.anchor)));
      }
    } catch (error) {
      if (!(error instanceof RuleSchemaError)) throw error;
      errors.push({ ...problem(doc, 'error', error.message), line: error.line ?? doc.line });
      continue;
    }
    const ruleIndex = rules.length;
    rules.push(ruleInfo(doc, ruleIndex));
    anchorExprs.push(anchors);
    for (const { branch, predicate } of compiled) index.add(branch, ruleIndex, predicate);
  }

  const ruleAnchors = anchorExprs.map((branches) => ruleAnchor(branches, literals));
  const byLiteral = new Map<number, number[]>();
  ruleAnchors.forEach((ids, rule) => {
    for (const id of ids ?? []) {
      const list = byLiteral.get(id);
      if (list) list.push(rule);
      else byLiteral.set(id, [rule]);
    }
  });
  literals.freeze(rules.length, input.prefilter === false ? new Map() : byLiteral);
  if (input.prefilter !== false) index.setAnchors(ruleAnchors, literals);

  const correlationResult = compileCorrelations(input.documents, rules);
  errors.push(...correlationResult.errors);
  const correlations: CompiledCorrelation[] = correlationResult.correlations;
  const view = new EventView(table.size);
  const matched: number[] = [];

  const ruleSet: RuleSet = {
    rules,
    correlations: correlations.map((c) => c.info),
    unanchoredRules: ruleAnchors.filter((a) => a === null).length,
    match(event) {
      if (view.reset(event)) literals.clear();
      matched.length = 0;
      index.match(index.bucketFor(event), view, matched);
      const out: CompiledRuleInfo[] = [];
      for (const rule of matched) out.push(rules[rule]!);
      return out;
    },
    createCorrelator() {
      return createCorrelator(correlations, rules);
    },
  };
  return { ruleSet, errors };
}

/** A rule's anchor literals: the union over its branches, null when one branch has none. */
function ruleAnchor(branches: readonly AnchorExpr[], literals: LiteralIndex): number[] | null {
  const ids = new Set<number>();
  const cost = (id: number): number => literalCost(literals.texts[id]!.length, literals.uses[id]!);
  for (const expr of branches) {
    const resolved = resolveAnchor(expr, cost);
    if (resolved === null) return null;
    for (const id of resolved.ids) ids.add(id);
  }
  return [...ids];
}

function renamer(branch: LogsourceBranch | null): (field: string) => string {
  const renames = branch?.fieldRenames;
  if (!renames) return (field) => field;
  return (field) => renames[field] ?? field;
}

function filterApplies(filter: SigmaFilterDocument, rule: SigmaRuleDocument): boolean {
  if (filter.rules.length > 0) {
    return filter.rules.some((ref) => ref === rule.meta.id || ref === rule.meta.name);
  }
  const keys = ['product', 'category', 'service'] as const;
  return keys.every(
    (k) => filter.logsource[k] === undefined || filter.logsource[k] === rule.logsource[k],
  );
}

function ruleInfo(doc: SigmaRuleDocument, index: number): CompiledRuleInfo {
  const m = doc.meta;
  return {
    kind: 'rule',
    id: m.id ?? null,
    name: m.name ?? null,
    title: m.title,
    level: m.level ?? null,
    status: m.status ?? null,
    author: m.author ?? null,
    description: m.description ?? null,
    tags: m.tags,
    references: m.references,
    falsepositives: m.falsepositives,
    path: doc.path,
    logsource: doc.logsource,
    generate: true,
    index,
  };
}

function problem(
  doc: SigmaDocument,
  severity: 'error' | 'warning',
  message: string,
): SigmaLoadError {
  return {
    path: doc.path,
    line: doc.line,
    ...(doc.meta.id !== undefined ? { ruleId: doc.meta.id } : {}),
    title: doc.meta.title,
    message,
    severity,
  };
}

function describeLogsource(logsource: Logsource): string {
  const parts = Object.entries(logsource).map(([k, v]) => `${k}: ${v}`);
  return parts.length > 0 ? `{ ${parts.join(', ')} }` : 'an empty logsource';
}

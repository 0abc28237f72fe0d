/**
 * Compiles loaded documents into a RuleSet: each rule's detection becomes a predicate per
 * logsource branch, global filters are ANDed in, and branches are indexed by (Channel, EventID)
 * so that an event is only tested against rules written for its channel and ID.
 */
import type { FlatEvent } from '../events/event-types.ts';
import { compileDetection, PredicateTable, allOf, anyOf } from './compile-detection.ts';
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
}

export interface CompileRuleSetInput {
  documents: readonly SigmaDocument[];
  logsources?: LogsourceMap;
  placeholders?: Readonly<Record<string, readonly string[]>>;
}

interface IndexedEntry {
  rule: number;
  predicate: Predicate;
}

const ANY = '*';

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
  const ruleDocs: SigmaRuleDocument[] = [];
  const filters = input.documents.filter((d): d is SigmaFilterDocument => d.kind === 'filter');
  const indexed = new Map<string, IndexedEntry[]>();
  const unindexed: IndexedEntry[] = [];

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
    try {
      for (const branch of branches ?? [null]) {
        const ctx: FieldCompileContext = { rename: renamer(branch), placeholders, literals };
        const parts = [compileDetection(doc.detection, ctx, table)];
        // Filters specification: the filter condition is ANDed to the rule's condition.
        for (const filter of ruleFilters)
          parts.push(compileDetection(filter.detection, ctx, table));
        compiled.push({ branch, predicate: allOf(parts) });
      }
    } catch (error) {
      if (!(error instanceof RuleSchemaError)) throw error;
      errors.push({ ...problem(doc, 'error', error.message), line: error.line ?? doc.line });
      continue;
    }
    const index = rules.length;
    rules.push(ruleInfo(doc, index));
    ruleDocs.push(doc);
    for (const { branch, predicate } of compiled)
      addToIndex(branch, { rule: index, predicate }, indexed, unindexed);
  }

  literals.freeze();
  const correlationResult = compileCorrelations(input.documents, rules);
  errors.push(...correlationResult.errors);
  const correlations: CompiledCorrelation[] = correlationResult.correlations;
  const view = new EventView(table.size);
  const buckets = new Map<string, IndexedEntry[]>();
  const channelKeys = new Map<string, string>();

  const bucketFor = (event: FlatEvent): IndexedEntry[] => {
    const channelValue = event['Channel'];
    const eventIdValue = event['EventID'];
    if (typeof channelValue !== 'string') return unindexed;
    let channel = channelKeys.get(channelValue);
    if (channel === undefined) {
      channel = channelValue.toLowerCase();
      channelKeys.set(channelValue, channel);
    }
    const key = `${channel}\u0000${eventIdValue === undefined || eventIdValue === null ? '' : String(eventIdValue)}`;
    let bucket = buckets.get(key);
    if (bucket === undefined) {
      bucket = mergeEntries([indexed.get(key), indexed.get(`${channel}\u0000${ANY}`), unindexed]);
      buckets.set(key, bucket);
    }
    return bucket;
  };

  const ruleSet: RuleSet = {
    rules,
    correlations: correlations.map((c) => c.info),
    match(event) {
      view.reset(event);
      const out: CompiledRuleInfo[] = [];
      for (const entry of bucketFor(event)) if (entry.predicate(view)) out.push(rules[entry.rule]!);
      return out;
    },
    createCorrelator() {
      return createCorrelator(correlations, rules);
    },
  };
  return { ruleSet, errors };
}

function addToIndex(
  branch: LogsourceBranch | null,
  entry: IndexedEntry,
  indexed: Map<string, IndexedEntry[]>,
  unindexed: IndexedEntry[],
): void {
  if (branch === null || branch.channels.length === 0) {
    unindexed.push(
      branch === null
        ? entry
        : { rule: entry.rule, predicate: allOf([providerTest(branch), entry.predicate]) },
    );
    return;
  }
  const predicate =
    branch.providers && branch.providers.length > 0
      ? allOf([providerTest(branch), entry.predicate])
      : entry.predicate;
  const ids = branch.eventIds && branch.eventIds.length > 0 ? branch.eventIds.map(String) : [ANY];
  for (const channel of branch.channels) {
    for (const id of ids) {
      const key = `${channel.toLowerCase()}\u0000${id}`;
      const list = indexed.get(key) ?? [];
      list.push({ rule: entry.rule, predicate });
      indexed.set(key, list);
    }
  }
}

function providerTest(branch: LogsourceBranch): Predicate {
  const providers = new Set((branch.providers ?? []).map((p) => p.toLowerCase()));
  const ids = new Set((branch.eventIds ?? []).map(String));
  return (ev) => {
    if (providers.size > 0 && !(ev.lower('Provider_Name') ?? []).some((p) => providers.has(p)))
      return false;
    if (ids.size > 0 && !(ev.strings('EventID') ?? []).some((id) => ids.has(id))) return false;
    return true;
  };
}

/** One list per event key, in rule order, with a rule's several branches merged into one entry. */
function mergeEntries(lists: Array<IndexedEntry[] | undefined>): IndexedEntry[] {
  const byRule = new Map<number, Predicate[]>();
  for (const list of lists)
    for (const entry of list ?? []) {
      const existing = byRule.get(entry.rule);
      if (existing) existing.push(entry.predicate);
      else byRule.set(entry.rule, [entry.predicate]);
    }
  return [...byRule.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([rule, predicates]) => ({ rule, predicate: anyOf(predicates) }));
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

/**
 * ParsedDetection to one predicate. Field items are interned in a PredicateTable: the same
 * `Image|endswith: '\powershell.exe'` in two hundred rules is evaluated once per event and the
 * result memoised in the EventView (the "DAG of shared predicates" technique).
 */
import { compileFieldItem, type FieldCompileContext, type Predicate } from './compile-field.ts';
import type { EventView } from './event-view.ts';
import type { ConditionNode, FieldItem, ParsedDetection, SearchIdentifier } from './types.ts';

export class PredicateTable {
  private readonly ids = new Map<string, Predicate>();
  size = 0;

  /** A memoising wrapper for the item, shared with every identical item compiled before. */
  intern(item: FieldItem, ctx: FieldCompileContext): Predicate {
    const compiled = compileFieldItem(item, ctx);
    const existing = this.ids.get(compiled.key);
    if (existing) return existing;
    const id = this.size++;
    const inner = compiled.predicate;
    const shared: Predicate = (ev: EventView) => {
      const memo = ev.memo[id];
      if (memo !== 0 && memo !== undefined) return memo === 2;
      const result = inner(ev);
      if (id < ev.memo.length) ev.memo[id] = result ? 2 : 1;
      return result;
    };
    this.ids.set(compiled.key, shared);
    return shared;
  }
}

export function compileDetection(
  detection: ParsedDetection,
  ctx: FieldCompileContext,
  table: PredicateTable,
): Predicate {
  const searches = new Map<string, Predicate>();
  for (const [name, search] of detection.searches)
    searches.set(name, compileSearch(search, ctx, table));
  return compileCondition(detection.condition, searches);
}

function compileSearch(
  search: SearchIdentifier,
  ctx: FieldCompileContext,
  table: PredicateTable,
): Predicate {
  const alternatives = search.alternatives.map((items) =>
    allOf(items.map((item) => table.intern(item, ctx))),
  );
  return anyOf(alternatives);
}

function compileCondition(
  node: ConditionNode,
  searches: ReadonlyMap<string, Predicate>,
): Predicate {
  switch (node.type) {
    case 'ref':
      return searches.get(node.name)!;
    case 'not': {
      const child = compileCondition(node.child, searches);
      return (ev) => !child(ev);
    }
    case 'and':
      return allOf(node.children.map((c) => compileCondition(c, searches)));
    case 'or':
      return anyOf(node.children.map((c) => compileCondition(c, searches)));
    case 'of': {
      const parts = node.names.map((n) => searches.get(n)!);
      if (node.quantifier === 'all') return allOf(parts);
      if (node.quantifier === 1) return anyOf(parts);
      const needed = node.quantifier;
      return (ev) => {
        let hits = 0;
        for (const part of parts) if (part(ev) && ++hits >= needed) return true;
        return false;
      };
    }
  }
}

export function allOf(parts: Predicate[]): Predicate {
  if (parts.length === 1) return parts[0]!;
  if (parts.length === 2) {
    const [a, b] = parts as [Predicate, Predicate];
    return (ev) => a(ev) && b(ev);
  }
  return (ev) => {
    for (const part of parts) if (!part(ev)) return false;
    return true;
  };
}

export function anyOf(parts: Predicate[]): Predicate {
  if (parts.length === 1) return parts[0]!;
  if (parts.length === 2) {
    const [a, b] = parts as [Predicate, Predicate];
    return (ev) => a(ev) || b(ev);
  }
  return (ev) => {
    for (const part of parts) if (part(ev)) return true;
    return false;
  };
}

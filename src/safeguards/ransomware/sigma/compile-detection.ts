/**
 * ParsedDetection to one predicate. Field items are interned in a PredicateTable: the same
 * `Image|endswith: '\powershell.exe'` in two hundred rules is evaluated once per event and the
 * result memoised in the EventView (the "DAG of shared predicates" technique).
 */
import { andAnchor, orAnchor, type AnchorExpr } from './anchors.ts';
import { compileFieldItem, type FieldCompileContext, type Predicate } from './compile-field.ts';
import type { EventView } from './event-view.ts';
import type { ConditionNode, FieldItem, ParsedDetection, SearchIdentifier } from './types.ts';

/** A predicate with its necessary literals (anchors.ts). */
export interface Compiled {
  predicate: Predicate;
  anchor: AnchorExpr;
}

export class PredicateTable {
  private readonly ids = new Map<string, Compiled>();
  size = 0;

  /** A memoising wrapper for the item, shared with every identical item compiled before. */
  intern(item: FieldItem, ctx: FieldCompileContext): Compiled {
    const compiled = compileFieldItem(item, ctx);
    const existing = this.ids.get(compiled.key);
    if (existing) return existing;
    const id = this.size++;
    const inner = compiled.predicate;
    // memo[id] holds stamp * 2 + result for the event that computed it.
    const shared: Predicate = (ev: EventView) => {
      const known = ev.memo[id]!;
      if (known >>> 1 === ev.stamp) return (known & 1) === 1;
      const result = inner(ev);
      ev.memo[id] = ev.stamp * 2 + (result ? 1 : 0);
      return result;
    };
    const entry: Compiled = { predicate: shared, anchor: compiled.anchor };
    this.ids.set(compiled.key, entry);
    return entry;
  }
}

export function compileDetection(
  detection: ParsedDetection,
  ctx: FieldCompileContext,
  table: PredicateTable,
): Compiled {
  const searches = new Map<string, Compiled>();
  for (const [name, search] of detection.searches)
    searches.set(name, compileSearch(search, ctx, table));
  return {
    predicate: compileCondition(
      detection.condition,
      new Map([...searches].map(([name, c]) => [name, c.predicate])),
    ),
    anchor: conditionAnchor(detection.condition, searches),
  };
}

function compileSearch(
  search: SearchIdentifier,
  ctx: FieldCompileContext,
  table: PredicateTable,
): Compiled {
  const alternatives = search.alternatives.map((items) => {
    const parts = items.map((item) => table.intern(item, ctx));
    return {
      predicate: allOf(parts.map((p) => p.predicate)),
      anchor: andAnchor(parts.map((p) => p.anchor)),
    };
  });
  return {
    predicate: anyOf(alternatives.map((a) => a.predicate)),
    anchor: orAnchor(alternatives.map((a) => a.anchor)),
  };
}

/** The condition's necessary literals; `not` knows none, `N of` needs one of its searches. */
function conditionAnchor(node: ConditionNode, searches: ReadonlyMap<string, Compiled>): AnchorExpr {
  switch (node.type) {
    case 'ref':
      return searches.get(node.name)!.anchor;
    case 'not':
      return null;
    case 'and':
      return andAnchor(node.children.map((c) => conditionAnchor(c, searches)));
    case 'or':
      return orAnchor(node.children.map((c) => conditionAnchor(c, searches)));
    case 'of': {
      const parts = node.names.map((n) => searches.get(n)!.anchor);
      if (node.quantifier === 'all') return andAnchor(parts);
      return node.quantifier >= 1 ? orAnchor(parts) : null;
    }
  }
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

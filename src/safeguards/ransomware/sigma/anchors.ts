/**
 * Rule pre-filter. From a rule's condition we derive a necessary condition: a set of literals
 * (field, value, kind), one of which must be found in the event for the rule to match. Most
 * SigmaHQ process rules anchor on `Image|endswith`, `OriginalFileName` or a CommandLine
 * literal, so the literal index (one scan per field per event) yields the few rules worth
 * evaluating, and the ~1,200 others are skipped without running their predicates.
 *
 * Exactness: an anchor is only derived from positive string tests whose every value is a
 * literal the index finds (or contains one, for `a*b` patterns). Anything else - negations,
 * `neq`, null and `exists` tests, regular expressions, numbers, CIDR, field references, `?`
 * wildcards - has no anchor, and a rule whose condition has no anchor is evaluated for every
 * event of its logsource.
 */

/** A necessary condition tree; null: none known (the test may hold for any event). */
export type AnchorExpr =
  | { kind: 'literals'; ids: readonly number[] }
  | { kind: 'and' | 'or'; parts: readonly AnchorExpr[] }
  | null;

export function literalsAnchor(ids: readonly number[]): AnchorExpr {
  return ids.length === 0 ? null : { kind: 'literals', ids };
}

/** All parts must hold: any one part's anchor is necessary. */
export function andAnchor(parts: readonly AnchorExpr[]): AnchorExpr {
  const known = parts.filter((p) => p !== null);
  if (known.length === 0) return null;
  return known.length === 1 ? known[0]! : { kind: 'and', parts: known };
}

/** One part must hold: the union of the parts' anchors, unknown if any part's is. */
export function orAnchor(parts: readonly AnchorExpr[]): AnchorExpr {
  if (parts.length === 0 || parts.some((p) => p === null)) return null;
  return parts.length === 1 ? parts[0]! : { kind: 'or', parts };
}

export interface ResolvedAnchor {
  ids: number[];
  cost: number;
}

/**
 * The cheapest literal set implied by the expression, where a literal's cost estimates how
 * often it is found in events: short literals and literals many rules use (the rules then add
 * more conditions because the literal alone is common, e.g. `\powershell.exe`) cost more.
 */
export function resolveAnchor(
  expr: AnchorExpr,
  cost: (id: number) => number,
): ResolvedAnchor | null {
  if (expr === null) return null;
  if (expr.kind === 'literals') {
    const ids = [...new Set(expr.ids)];
    return { ids, cost: ids.reduce((sum, id) => sum + cost(id), 0) };
  }
  const resolved = expr.parts.map((p) => resolveAnchor(p, cost));
  if (expr.kind === 'and') {
    let best: ResolvedAnchor | null = null;
    for (const r of resolved) if (r !== null && (best === null || r.cost < best.cost)) best = r;
    return best;
  }
  if (resolved.some((r) => r === null)) return null;
  const ids = [...new Set(resolved.flatMap((r) => r!.ids))];
  return { ids, cost: ids.reduce((sum, id) => sum + cost(id), 0) };
}

/** Estimated cost of an anchor literal of `length` characters used by `uses` field items. */
export function literalCost(length: number, uses: number): number {
  return uses + 200 / Math.max(1, length) ** 2;
}

/**
 * Resolves correlation documents against the compiled base rules: `rules` entries by id or name
 * (correlations may reference correlations: chaining), checked for unknown references and
 * cycles, and `generate` turned into the per-rule flag that tells callers whether a base match
 * should raise an alert on its own (correlation specification, "Generate").
 */
import type {
  CompiledRuleInfo,
  CorrelationSpec,
  SigmaCorrelationDocument,
  SigmaDocument,
  SigmaLoadError,
} from './types.ts';

export type SourceRef = { kind: 'rule'; index: number } | { kind: 'correlation'; index: number };

export interface CompiledCorrelation {
  info: CompiledRuleInfo;
  spec: CorrelationSpec;
  /** The resolved `rules` entries, in order (temporal_ordered needs the order). */
  sources: SourceRef[];
  /** Names by which each source may be addressed in `aliases` (its name and id). */
  sourceNames: string[][];
}

export function compileCorrelations(
  documents: readonly SigmaDocument[],
  rules: CompiledRuleInfo[],
): { correlations: CompiledCorrelation[]; errors: SigmaLoadError[] } {
  const errors: SigmaLoadError[] = [];
  const docs = documents.filter((d): d is SigmaCorrelationDocument => d.kind === 'correlation');
  const ruleByRef = new Map<string, number>();
  rules.forEach((rule, i) => {
    if (rule.id) ruleByRef.set(rule.id, i);
    if (rule.name) ruleByRef.set(rule.name, i);
  });
  const correlationByRef = new Map<string, number>();
  docs.forEach((doc, i) => {
    if (doc.meta.id) correlationByRef.set(doc.meta.id, i);
    if (doc.meta.name) correlationByRef.set(doc.meta.name, i);
  });

  const resolved: Array<SourceRef[] | null> = docs.map((doc) => {
    const sources: SourceRef[] = [];
    for (const ref of doc.correlation.rules) {
      const rule = ruleByRef.get(ref);
      const correlation = correlationByRef.get(ref);
      if (rule !== undefined) sources.push({ kind: 'rule', index: rule });
      else if (correlation !== undefined) sources.push({ kind: 'correlation', index: correlation });
      else {
        errors.push(
          correlationError(
            doc,
            `correlation references unknown rule '${ref}' (not loaded, or it failed to compile)`,
          ),
        );
        return null;
      }
    }
    return sources;
  });

  // Chains must end in base rules: a reference cycle would never fire.
  const state = new Array<0 | 1 | 2>(docs.length).fill(0);
  const cyclic = new Set<number>();
  const visit = (i: number): boolean => {
    if (state[i] === 2) return !cyclic.has(i);
    if (state[i] === 1) return false;
    state[i] = 1;
    let ok = true;
    for (const source of resolved[i] ?? [])
      if (source.kind === 'correlation' && !visit(source.index)) ok = false;
    state[i] = 2;
    if (!ok) cyclic.add(i);
    return ok;
  };
  docs.forEach((_, i) => visit(i));

  // Correlation indices shift when some fail; map old -> new.
  const keep = docs.map(
    (_, i) =>
      resolved[i] !== null &&
      !cyclic.has(i) &&
      (resolved[i] ?? []).every(
        (s) => s.kind === 'rule' || (resolved[s.index] !== null && !cyclic.has(s.index)),
      ),
  );
  docs.forEach((doc, i) => {
    if (cyclic.has(i)) errors.push(correlationError(doc, 'correlation chain contains a cycle'));
    else if (resolved[i] !== null && !keep[i])
      errors.push(
        correlationError(doc, 'correlation references a correlation that failed to compile'),
      );
  });
  const newIndex = new Map<number, number>();
  docs.forEach((_, i) => {
    if (keep[i]) newIndex.set(i, newIndex.size);
  });

  const correlations: CompiledCorrelation[] = [];
  docs.forEach((doc, i) => {
    if (!keep[i]) return;
    const sources = resolved[i]!.map((s): SourceRef =>
      s.kind === 'rule' ? s : { kind: 'correlation', index: newIndex.get(s.index)! },
    );
    const sourceNames = sources.map((s) => {
      const info = s.kind === 'rule' ? rules[s.index]! : null;
      const target =
        s.kind === 'correlation'
          ? docs[[...newIndex].find(([, n]) => n === s.index)![0]]!.meta
          : null;
      return [info?.id, info?.name, target?.id, target?.name].filter(
        (n): n is string => typeof n === 'string',
      );
    });
    correlations.push({
      info: correlationInfo(doc, correlations.length),
      spec: doc.correlation,
      sources,
      sourceNames,
    });
  });

  // A source referenced only by non-generating correlations does not alert on its own.
  const generating = new Map<string, boolean>();
  for (const c of correlations) {
    for (const s of c.sources) {
      const key = `${s.kind}:${s.index}`;
      generating.set(key, (generating.get(key) ?? false) || c.spec.generate);
    }
  }
  for (const [key, generate] of generating) {
    const [kind, index] = key.split(':') as ['rule' | 'correlation', string];
    const info = kind === 'rule' ? rules[Number(index)] : correlations[Number(index)]?.info;
    if (info) info.generate = generate;
  }
  return { correlations, errors };
}

function correlationInfo(doc: SigmaCorrelationDocument, index: number): CompiledRuleInfo {
  const m = doc.meta;
  return {
    kind: 'correlation',
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
    logsource: {},
    generate: true,
    index,
  };
}

function correlationError(doc: SigmaCorrelationDocument, message: string): SigmaLoadError {
  return {
    path: doc.path,
    line: doc.line,
    ...(doc.meta.id !== undefined ? { ruleId: doc.meta.id } : {}),
    title: doc.meta.title,
    message,
    severity: 'error',
  };
}

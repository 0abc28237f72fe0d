/**
 * How a compiled Sigma rule appears on an alert: a stable key, its level as an AlertLevel and a
 * link an analyst can open (SigmaHQ rules are DRL 1.1, which asks for author, id and link).
 */
import type { AlertLevel, SigmaRuleRef } from '../../../api-types.ts';
import type { CompiledRuleInfo } from '../sigma/index.ts';

const LEVELS: readonly AlertLevel[] = ['informational', 'low', 'medium', 'high', 'critical'];

/** The rule's id; rules without one (allowed for correlations) fall back to name, then file. */
export function ruleKey(rule: CompiledRuleInfo): string {
  return rule.id ?? rule.name ?? rule.path;
}

export function alertLevel(level: string | null): AlertLevel {
  const l = level?.toLowerCase();
  return (LEVELS as readonly string[]).includes(l ?? '') ? (l as AlertLevel) : 'informational';
}

// A checkout of SigmaHQ/sigma: a folder named like "sigma" holding rules*/ trees.
const SIGMAHQ_PATH = /(?:^|\/)[^/]*sigma[^/]*\/(rules(?:-[a-z-]+)?\/.+\.ya?ml)$/i;

/** First reference, else the rule's page on GitHub when it comes from a SigmaHQ checkout. */
export function ruleLink(rule: Pick<CompiledRuleInfo, 'references' | 'path'>): string | null {
  const first = rule.references.find((r) => /^https?:\/\//i.test(r));
  if (first) return first;
  const m = SIGMAHQ_PATH.exec(rule.path.replaceAll('\\', '/'));
  return m ? `https://github.com/SigmaHQ/sigma/blob/master/${m[1]}` : null;
}

export function toRuleRef(rule: CompiledRuleInfo): SigmaRuleRef {
  return {
    id: ruleKey(rule),
    title: rule.title,
    author: rule.author,
    level: alertLevel(rule.level),
    tags: [...rule.tags],
    link: ruleLink(rule),
    path: rule.path,
  };
}

/**
 * Loading a hunt's rules: Ward's own pack by default, or exactly the trees the responder names.
 * Parsing (YAML) happens once in the main thread; workers get the parsed documents and only
 * compile them, which is the cheaper half.
 */
import { fileURLToPath } from 'node:url';
import { compileRuleSet, loadRuleTree, type RuleSet, type SigmaLoadError } from '../sigma/index.ts';
import type { SigmaDocument } from '../sigma/types.ts';

/** Ward's ransomware rule pack, shipped beside this module. */
export function defaultRuleDirs(): string[] {
  return [fileURLToPath(new URL('../rules/', import.meta.url))];
}

export interface LoadedRules {
  documents: SigmaDocument[];
  /** Rule files read. */
  files: number;
  /** Load (YAML/schema) errors and warnings. */
  errors: SigmaLoadError[];
}

export function loadRuleDocuments(ruleDirs: readonly string[] | undefined): LoadedRules {
  const dirs = ruleDirs && ruleDirs.length > 0 ? [...ruleDirs] : defaultRuleDirs();
  const { documents, errors, files } = loadRuleTree(dirs);
  return { documents, errors, files };
}

export function compileDocuments(documents: SigmaDocument[]): {
  ruleSet: RuleSet;
  errors: SigmaLoadError[];
} {
  return compileRuleSet({ documents });
}

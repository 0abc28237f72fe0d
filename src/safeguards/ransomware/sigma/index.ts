/**
 * Ward's Sigma engine: load rule files, compile them once into indexed matchers, match flat
 * events, and correlate matches over a stream.
 *
 * @example
 * const { documents, errors } = loadRuleTree(['rules/']);
 * const { ruleSet } = compileRuleSet({ documents });
 * const correlator = ruleSet.createCorrelator();
 * for (const event of events) {
 *   const matched = ruleSet.match(event);
 *   const correlated = correlator.push(event, matched);
 * }
 */
export { parseSigmaFile, type ParsedSigmaFile } from './parse-sigma-file.ts';
export { loadRuleTree, type LoadedRuleTree } from './load-rule-tree.ts';
export { compileRuleSet, type CompileRuleSetInput, type RuleSet } from './rule-set.ts';
export type { Correlator, CorrelationMatch } from './correlator.ts';
export {
  DEFAULT_LOGSOURCE_MAP,
  resolveLogsource,
  type LogsourceBranch,
  type LogsourceMap,
  type LogsourceMapping,
} from './logsource-map.ts';
export type {
  CompiledRuleInfo,
  CorrelationSpec,
  CorrelationType,
  Logsource,
  RuleMeta,
  SigmaCorrelationDocument,
  SigmaDocument,
  SigmaFilterDocument,
  SigmaLoadError,
  SigmaRuleDocument,
} from './types.ts';

/** `ward detect` and `ward rules check`: Sigma hunting over exported Windows event logs. */
export { checkRules, type RuleFileCheck } from './check-rules.ts';
export {
  LEVELS,
  levelRank,
  type ContributingEvent,
  type DetectMatch,
  type DetectOptions,
  type DetectProgress,
  type DetectSummary,
  type DetectWarning,
  type Level,
} from './detect-types.ts';
export {
  CSV_HEADER,
  formatDetectSummary,
  formatMatchCsv,
  formatMatchJson,
  quoteCsv,
} from './format-match.ts';
export { defaultRuleDirs } from './load-rules.ts';
export { planTasks, runDetect } from './run-detect.ts';

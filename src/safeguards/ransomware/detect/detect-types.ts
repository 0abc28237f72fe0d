/** Shapes of `ward detect`: its options, one match, the run summary. */
import type { FieldValue, FlatEvent } from '../events/event-types.ts';

export const LEVELS = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export type Level = (typeof LEVELS)[number];

/** Rank of a Sigma level for `--min-level`; a rule without a (known) level ranks lowest. */
export function levelRank(level: string | null | undefined): number {
  const i = LEVELS.indexOf((level ?? '') as Level);
  return i < 0 ? 0 : i;
}

export interface DetectWarning {
  /** Input file or rule file the warning is about; absent for run-wide notes. */
  file?: string;
  line?: number;
  message: string;
}

export interface DetectProgress {
  filesDone: number;
  files: number;
  events: number;
  matches: number;
}

export interface DetectOptions {
  /** Files or directories (recursive). */
  paths: string[];
  /** Sigma rule trees; without them, Ward's own pack in src/safeguards/ransomware/rules/. */
  ruleDirs?: string[];
  /** Matches of rules below this level are not reported (default: all). */
  minLevel?: Level;
  /** Worker threads (default: one per core). 1 = everything in this thread. */
  workers?: number;
  onMatch(m: DetectMatch): void;
  onProgress?(p: DetectProgress): void;
  onWarning?(w: DetectWarning): void;
}

/** An event that contributed to a correlation match. */
export interface ContributingEvent {
  rule_id: string | null;
  file: string;
  record_id: number | null;
  timestamp: string | null;
}

/**
 * One match, flat and snake_case for JSON/CSV output. `author` is always present (DRL 1.1
 * requires the rule author wherever a match is shown).
 */
export interface DetectMatch {
  rule_type: 'rule' | 'correlation';
  rule_id: string | null;
  rule_title: string;
  level: string;
  status: string | null;
  author: string | null;
  tags: string[];
  references: string[];
  rule_path: string;
  timestamp: string | null;
  computer: string | null;
  channel: string | null;
  event_id: number | null;
  /** EventRecordID of the event, or for JSON inputs without one, its line in the file. */
  record_id: number | null;
  file: string;
  /** The matched event's flat fields; for a correlation, the group-by values. */
  fields: Record<string, FieldValue>;
  /**
   * Correlations only: its type and the events that made it fire (the engine keeps up to ten
   * per window, oldest first, as evidence; `fields.event_count` has the full count).
   */
  correlation_type?: string;
  events?: ContributingEvent[];
}

export interface DetectSummary {
  files: number;
  events: number;
  /** Matches reported through onMatch (after --min-level), correlations included. */
  matches: number;
  matchesByLevel: Record<string, number>;
  /** Rules (and correlations) compiled and run. */
  rules: number;
  /** Rule documents that did not compile. */
  rulesFailed: number;
  /** The first few compile errors, for a summary line. */
  ruleErrors: Array<{ path: string; line: number | null; message: string }>;
  /** Input problems (bad records, unreadable files) reported through onWarning. */
  warnings: number;
  /** Input files that could not be read at all. */
  filesFailed: number;
  workers: number;
  seconds: number;
}

/** An event that matched a base rule, kept for the correlator in the main thread. */
export interface CorrelationInput {
  event: FlatEvent;
  /** Indexes in RuleSet.rules of the base rules it matched. */
  rules: number[];
  timestamp: string | null;
  file: string;
  recordId: number | null;
}

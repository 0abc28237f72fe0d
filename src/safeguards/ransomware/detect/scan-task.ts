/**
 * One unit of hunting work: a file, or a chunk range of a large EVTX file, read and matched
 * against the compiled rules. The same function runs in a worker thread or in-process, so both
 * modes produce identical matches.
 */
import type { FlatEvent } from '../events/event-types.ts';
import { readEvents } from '../events/read-events.ts';
import type { RuleSet } from '../sigma/index.ts';
import type { CompiledRuleInfo } from '../sigma/types.ts';
import type { CorrelationInput, DetectMatch, DetectWarning } from './detect-types.ts';
import { levelRank } from './detect-types.ts';

export interface ScanTask {
  /** Position in the plan; results are merged in this order. */
  index: number;
  file: string;
  chunks?: { from: number; to: number };
}

export interface ScanResult {
  index: number;
  matches: DetectMatch[];
  correlationInputs: CorrelationInput[];
  events: number;
  warnings: DetectWarning[];
  /** True when the file could not be read at all (format error); its warning says why. */
  failed: boolean;
}

export interface ScanContext {
  ruleSet: RuleSet;
  minRank: number;
  /** Keep every event that matched a base rule, for the main thread's correlator. */
  collectForCorrelation: boolean;
}

/** A file with thousands of bad records reports the first ones and a count, not all of them. */
const MAX_WARNINGS_PER_TASK = 50;

const stringOrNull = (v: unknown) => (typeof v === 'string' ? v : null);
const numberOrNull = (v: unknown) => (typeof v === 'number' ? v : null);

export function buildMatch(
  rule: CompiledRuleInfo,
  event: FlatEvent,
  file: string,
  recordId: number | null,
  timestamp: string | null,
): DetectMatch {
  return {
    rule_type: 'rule',
    rule_id: rule.id,
    rule_title: rule.title,
    level: rule.level ?? 'informational',
    status: rule.status,
    author: rule.author,
    tags: [...rule.tags],
    references: [...rule.references],
    rule_path: rule.path,
    timestamp: stringOrNull(event['TimeCreated']) ?? timestamp,
    computer: stringOrNull(event['Computer']),
    channel: stringOrNull(event['Channel']),
    event_id: numberOrNull(event['EventID']),
    record_id: numberOrNull(event['EventRecordID']) ?? recordId,
    file,
    fields: event,
  };
}

export function scanTask(task: ScanTask, ctx: ScanContext): ScanResult {
  const result: ScanResult = {
    index: task.index,
    matches: [],
    correlationInputs: [],
    events: 0,
    warnings: [],
    failed: false,
  };
  let suppressed = 0;
  const onWarning = (w: DetectWarning) => {
    if (result.warnings.length < MAX_WARNINGS_PER_TASK) result.warnings.push(w);
    else suppressed++;
  };
  try {
    const events = readEvents(task.file, {
      onWarning,
      ...(task.chunks ? { chunks: task.chunks } : {}),
    });
    for (const { event, origin, timestamp } of events) {
      result.events++;
      const matched = ctx.ruleSet.match(event);
      if (matched.length === 0) continue;
      for (const rule of matched) {
        if (!rule.generate || levelRank(rule.level) < ctx.minRank) continue;
        result.matches.push(buildMatch(rule, event, task.file, origin.recordId, timestamp));
      }
      if (ctx.collectForCorrelation) {
        result.correlationInputs.push({
          event,
          rules: matched.map((r) => r.index),
          timestamp: stringOrNull(event['TimeCreated']) ?? timestamp,
          file: task.file,
          recordId: numberOrNull(event['EventRecordID']) ?? origin.recordId,
        });
      }
    }
  } catch (err) {
    // A file that is not an event log at all must not end a hunt over hundreds of others.
    result.failed = true;
    const message = (err as Error).message.replace(`${task.file}: `, '');
    onWarning({ file: task.file, message: `not read: ${message}` });
  }
  if (suppressed > 0) {
    result.warnings.push({ file: task.file, message: `${suppressed} more warnings not shown` });
  }
  return result;
}

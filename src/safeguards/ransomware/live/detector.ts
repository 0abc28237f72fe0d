/**
 * The detection worker's handler: Sigma-match every event of a stream message, drop matches a
 * site filter excludes, group the rest into alerts and write them in one transaction.
 *
 * Correlations run per worker process over the events that worker sees. With several workers a
 * correlation group (say, failed logons on one host) can be split across them and never reach
 * its threshold in any; the fix is to partition the subject by host (ward.ransomware.events.<h>)
 * so that one host's events always reach the same worker. Not done yet.
 */
import type { Logger } from '../../../platform/log.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Database } from '../../../platform/db/index.ts';
import type { FlatEvent } from '../events/index.ts';
import type { CompiledRuleInfo, RuleSet } from '../sigma/index.ts';
import { addMatch, upsertAlerts, type AlertGroup, type AlertRule } from './alert-upsert.ts';
import type { AlertWebhook } from './alert-webhook.ts';
import type { EventBatchMessage } from './ingest.ts';
import { toRuleRef } from './rule-ref.ts';
import type { SiteFilters } from './site-filters.ts';

export interface DetectorDeps {
  db: Database;
  clock: Clock;
  log: Logger;
  ruleSet: RuleSet;
  filters: SiteFilters;
  webhook: AlertWebhook;
  groupMinutes: number;
}

export interface Detector {
  handle(message: EventBatchMessage): Promise<void>;
}

// Batches older than the stream's retention cannot come back; forget them now and then.
const PRUNE_EVERY = 1000;

async function pruneHandledBatches(db: Database): Promise<void> {
  await db.query("DELETE FROM rw_handled_batches WHERE handled_at < now() - interval '8 days'");
}

export function createDetector(deps: DetectorDeps): Detector {
  let handled = 0;
  const correlator = deps.ruleSet.createCorrelator();
  const groupMs = Math.max(1, deps.groupMinutes) * 60_000;
  const refs = new Map<CompiledRuleInfo, AlertRule>();
  const refOf = (rule: CompiledRuleInfo): AlertRule => {
    let ref = refs.get(rule);
    if (!ref) refs.set(rule, (ref = toRuleRef(rule)));
    return ref;
  };
  const timeOf = (event: FlatEvent): number => {
    const t = event['TimeCreated'];
    const ms = typeof t === 'string' ? Date.parse(t) : NaN;
    return Number.isNaN(ms) ? deps.clock.now().getTime() : ms;
  };

  return {
    async handle(message) {
      await deps.filters.refresh();
      const groups = new Map<string, AlertGroup>();
      const add = (rule: CompiledRuleInfo, event: FlatEvent, at: number, host: string | null) => {
        if (!rule.generate) return;
        const ref = refOf(rule);
        if (deps.filters.excludes(ref.id, event)) return;
        addMatch(groups, { rule: ref, host, at, source: message.source, event, groupMs });
      };
      for (const event of message.events) {
        const matched = deps.ruleSet.match(event);
        if (matched.length === 0) continue;
        const at = timeOf(event);
        const host = hostOf(event);
        for (const rule of matched) add(rule, event, at, host);
        for (const c of correlator.push(event, matched)) {
          const last = c.events[c.events.length - 1] ?? event;
          const grouped = c.groupBy['Computer'];
          const cHost = typeof grouped === 'string' ? grouped : hostOf(last);
          add(c.rule, last, Date.parse(c.lastTime) || at, cHost);
        }
      }
      if (groups.size === 0) return;
      const upserted = await upsertAlerts(deps.db, [...groups.values()], message.batchId);
      if (++handled % PRUNE_EVERY === 0) await pruneHandledBatches(deps.db);
      deps.webhook.notify(upserted);
    },
  };
}

function hostOf(event: FlatEvent): string | null {
  const c = event['Computer'];
  return typeof c === 'string' && c !== '' ? c : null;
}

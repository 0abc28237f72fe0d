/**
 * Notifies an external system (chat, pager, SOAR) of new high and critical alerts. Delivery runs
 * beside the consumer, never in its way: a slow or failing endpoint delays nothing and costs
 * only log lines after a few retries.
 */
import type { Logger } from '../../../platform/log.ts';
import type { UpsertedAlert } from './alert-upsert.ts';

const ATTEMPTS = 4;
const TIMEOUT_MS = 10_000;

export interface AlertWebhook {
  /** Queues delivery for the alerts that are new and high or critical; returns at once. */
  notify(alerts: readonly UpsertedAlert[]): void;
  /** Waits for deliveries in flight (shutdown); stops further retries. */
  close(): Promise<void>;
}

export function createAlertWebhook(opts: {
  url: string | undefined;
  fetch: typeof fetch;
  log: Logger;
  /** First retry delay; doubles each time. */
  backoffMs?: number;
}): AlertWebhook {
  const inflight = new Set<Promise<void>>();
  const stop = new AbortController();
  const backoffMs = opts.backoffMs ?? 1000;

  const deliver = async (alert: UpsertedAlert): Promise<void> => {
    const body = JSON.stringify(payloadOf(alert));
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      let problem: string;
      try {
        const res = await opts.fetch(opts.url!, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          signal: AbortSignal.any([stop.signal, AbortSignal.timeout(TIMEOUT_MS)]),
        });
        if (res.ok) return;
        problem = `HTTP ${res.status}`;
      } catch (err) {
        problem = (err as Error).message;
      }
      if (attempt === ATTEMPTS || stop.signal.aborted) {
        opts.log.error(
          { alertId: alert.id, attempts: attempt, problem },
          'alert webhook failed; the alert is in Ward but was not forwarded',
        );
        return;
      }
      await sleep(backoffMs * 2 ** (attempt - 1), stop.signal);
    }
  };

  return {
    notify(alerts) {
      if (!opts.url) return;
      for (const alert of alerts) {
        const level = alert.group.rule.level;
        if (!alert.created || (level !== 'high' && level !== 'critical')) continue;
        const run: Promise<void> = deliver(alert).finally(() => inflight.delete(run));
        inflight.add(run);
      }
    },
    async close() {
      stop.abort();
      await Promise.allSettled([...inflight]);
    },
  };
}

/** The JSON posted: enough to act on without opening Ward, including who wrote the rule. */
export function payloadOf(alert: UpsertedAlert) {
  const g = alert.group;
  return {
    type: 'ward.ransomware.alert',
    alertId: alert.id,
    level: g.rule.level,
    host: g.host,
    firstSeen: new Date(g.firstSeen).toISOString(),
    rule: {
      id: g.rule.id,
      title: g.rule.title,
      author: g.rule.author,
      level: g.rule.level,
      tags: g.rule.tags,
      link: g.rule.link,
    },
    event: g.events[0]?.event ?? null,
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/**
 * Writing matches as alerts. All matches of one stream message are grouped in memory first
 * (rule + host + window), then written in one transaction: one multi-row upsert into rw_alerts
 * and one insert of sample events. Concurrent workers meet on the unique group_key.
 */
import type { AlertLevel } from '../../../api-types.ts';
import type { Database } from '../../../platform/db/index.ts';
import type { FlatEvent } from '../events/index.ts';

/** Events kept per alert; the alert keeps counting beyond. */
export const EVENTS_PER_ALERT = 20;

export interface AlertRule {
  id: string;
  title: string;
  author: string | null;
  level: AlertLevel;
  tags: readonly string[];
  link: string | null;
  path: string | null;
}

/** The matches of one group within one message. */
export interface AlertGroup {
  groupKey: string;
  rule: AlertRule;
  host: string | null;
  firstSeen: number;
  lastSeen: number;
  count: number;
  /** Up to EVENTS_PER_ALERT events, with their source and time. */
  events: { at: number; source: string; event: FlatEvent }[];
}

/** Adds one match to `groups` (keyed by group key). */
export function addMatch(
  groups: Map<string, AlertGroup>,
  m: {
    rule: AlertRule;
    host: string | null;
    at: number;
    source: string;
    event: FlatEvent;
    groupMs: number;
  },
): void {
  const windowStart = Math.floor(m.at / m.groupMs) * m.groupMs;
  const groupKey = `${m.rule.id}|${(m.host ?? '').toLowerCase()}|${new Date(windowStart).toISOString()}`;
  let g = groups.get(groupKey);
  if (!g) {
    g = {
      groupKey,
      rule: m.rule,
      host: m.host,
      firstSeen: m.at,
      lastSeen: m.at,
      count: 0,
      events: [],
    };
    groups.set(groupKey, g);
  }
  g.count++;
  if (m.at < g.firstSeen) g.firstSeen = m.at;
  if (m.at > g.lastSeen) g.lastSeen = m.at;
  if (g.events.length < EVENTS_PER_ALERT)
    g.events.push({ at: m.at, source: m.source, event: m.event });
}

export interface UpsertedAlert {
  id: string;
  group: AlertGroup;
  /** True when this upsert created the alert (a new alert, for notification). */
  created: boolean;
}

/**
 * Upserts the groups in one transaction; returns each alert's id and whether it is new. With a
 * batch id, a batch already stored (a redelivery) changes nothing and returns [].
 */
export async function upsertAlerts(
  db: Database,
  groups: AlertGroup[],
  batchId?: string,
): Promise<UpsertedAlert[]> {
  if (groups.length === 0) return [];
  // One lock order for every worker, so two multi-row upserts cannot deadlock.
  const sorted = [...groups].sort((a, b) => (a.groupKey < b.groupKey ? -1 : 1));
  const rows = sorted.map((g) => ({
    group_key: g.groupKey,
    rule_id: g.rule.id,
    rule_title: g.rule.title,
    rule_author: g.rule.author,
    rule_level: g.rule.level,
    rule_tags: g.rule.tags,
    rule_link: g.rule.link,
    rule_path: g.rule.path,
    host: g.host,
    first_seen: new Date(g.firstSeen).toISOString(),
    last_seen: new Date(g.lastSeen).toISOString(),
    count: g.count,
    sample: g.events[0]?.event ?? {},
  }));
  return db.transaction(async (tx) => {
    if (batchId) {
      const fresh = await tx.query(
        'INSERT INTO rw_handled_batches (id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING id',
        [batchId],
      );
      if (fresh.length === 0) return [];
    }
    const result = await tx.query<{
      id: string;
      group_key: string;
      count: number;
      created: boolean;
    }>(
      `INSERT INTO rw_alerts (group_key, rule_id, rule_title, rule_author, rule_level, rule_tags,
         rule_link, rule_path, host, first_seen, last_seen, count, sample)
       SELECT group_key, rule_id, rule_title, rule_author, rule_level, rule_tags, rule_link,
         rule_path, host, first_seen, last_seen, count, sample
       FROM jsonb_to_recordset($1::jsonb) AS x(group_key text, rule_id text, rule_title text,
         rule_author text, rule_level text, rule_tags text[], rule_link text, rule_path text,
         host text, first_seen timestamptz, last_seen timestamptz, count integer, sample jsonb)
       ON CONFLICT (group_key) DO UPDATE SET
         count = rw_alerts.count + excluded.count,
         first_seen = least(rw_alerts.first_seen, excluded.first_seen),
         last_seen = greatest(rw_alerts.last_seen, excluded.last_seen),
         updated_at = now()
       RETURNING id, group_key, count, (xmax = 0) AS created`,
      [JSON.stringify(rows)],
    );
    const byKey = new Map(sorted.map((g) => [g.groupKey, g]));
    const upserted: UpsertedAlert[] = [];
    const events: object[] = [];
    for (const r of result) {
      const group = byKey.get(r.group_key)!;
      upserted.push({ id: r.id, group, created: r.created });
      // The row lock taken by the upsert orders workers, so `count` before ours is exact.
      const before = Number(r.count) - group.count;
      const room = Math.max(0, EVENTS_PER_ALERT - before);
      for (const e of group.events.slice(0, room)) {
        const recordId = e.event['EventRecordID'];
        events.push({
          alert_id: r.id,
          at: new Date(e.at).toISOString(),
          source: e.source,
          record_id:
            typeof recordId === 'number' && Number.isSafeInteger(recordId) ? recordId : null,
          fields: e.event,
        });
      }
    }
    if (events.length > 0) {
      await tx.query(
        `INSERT INTO rw_alert_events (alert_id, at, source, record_id, fields)
         SELECT alert_id, at, source, record_id, fields
         FROM jsonb_to_recordset($1::jsonb) AS x(alert_id uuid, at timestamptz, source text,
           record_id bigint, fields jsonb)`,
        [JSON.stringify(events)],
      );
    }
    return upserted;
  });
}

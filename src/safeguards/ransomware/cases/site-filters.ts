import type { Queryable } from '../../../platform/db/index.ts';
import type { CaseDeps } from './case-deps.ts';
import type { NewCaseEvent } from './case-events.ts';
import { describeSelection, filterSelection } from './site-filter-selection.ts';

/**
 * Adds the site filters for a case closed as a false positive: one per distinct (rule,
 * selection) among its alerts, the selection taken from each alert's sample event (see
 * site-filter-selection.ts). Usually that is one per rule; two hosts raising the same rule give
 * two filters, since a filter names the host it silences. An alert whose sample has none of the
 * identifying fields gets no filter (an empty selection would silence the whole rule); the
 * returned timeline entries say so.
 */
export async function addSiteFilters(
  deps: Pick<CaseDeps, 'audit'>,
  tx: Queryable,
  input: { caseId: string; reason: string; actor: string; now: Date },
): Promise<NewCaseEvent[]> {
  const { caseId, reason, actor, now } = input;
  const alerts = await tx.query<{
    id: string;
    rule_id: string;
    rule_title: string;
    sample: Record<string, unknown>;
  }>(
    'SELECT id, rule_id, rule_title, sample FROM rw_alerts WHERE case_id = $1 ORDER BY first_seen, id',
    [caseId],
  );
  const events: NewCaseEvent[] = [];
  const seen = new Set<string>();
  for (const alert of alerts) {
    const selection = filterSelection(alert.sample);
    const key = `${alert.rule_id}\n${JSON.stringify(selection)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (Object.keys(selection).length === 0) {
      events.push({
        at: now,
        actor,
        kind: 'filter',
        text: `No site filter for ${alert.rule_title}: its sample event has no identifying fields`,
      });
      continue;
    }
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO rw_site_filters (rule_id, selection, reason, created_by, created_at)
       VALUES ($1, $2::jsonb, $3, $4, $5) RETURNING id`,
      [alert.rule_id, JSON.stringify(selection), reason, actor, now],
    );
    events.push({
      at: now,
      actor,
      kind: 'filter',
      text: `Site filter added for ${alert.rule_title} (${alert.rule_id}): ${describeSelection(selection)}`,
    });
    await deps.audit.append(
      {
        actor,
        action: 'ransomware.site_filter.create',
        target: `site_filter:${row!.id}`,
        detail: { caseId, ruleId: alert.rule_id, selection, reason },
      },
      tx,
    );
  }
  return events;
}

/**
 * Site filters: exclusions added when a case is closed as a false positive. A filter is a
 * selection (field -> exact value, all must equal) for one rule. Workers keep them in memory and
 * reload them every few seconds, so a new filter takes effect without a restart.
 */
import type { Database } from '../../../platform/db/index.ts';
import type { FieldValue, FlatEvent } from '../events/index.ts';

const RELOAD_MS = 10_000;

type Selection = Record<string, unknown>;

export interface SiteFilters {
  /** Reloads when the cached filters are older than the reload interval. */
  refresh(): Promise<void>;
  /** True when a filter for `ruleId` matches `event`. */
  excludes(ruleId: string, event: FlatEvent): boolean;
}

export function createSiteFilters(db: Database, reloadMs = RELOAD_MS): SiteFilters {
  let byRule = new Map<string, Selection[]>();
  let loadedAt = -Infinity;
  let loading: Promise<void> | null = null;

  const load = async () => {
    const rows = await db.query<{ rule_id: string; selection: unknown }>(
      'SELECT rule_id, selection FROM rw_site_filters',
    );
    const next = new Map<string, Selection[]>();
    for (const r of rows) {
      const sel = typeof r.selection === 'string' ? JSON.parse(r.selection) : r.selection;
      // An empty or malformed selection would silence the rule everywhere; ignore it instead.
      if (typeof sel !== 'object' || sel === null || Object.keys(sel).length === 0) continue;
      next.set(r.rule_id, [...(next.get(r.rule_id) ?? []), sel as Selection]);
    }
    byRule = next;
    loadedAt = performance.now();
  };

  return {
    async refresh() {
      if (performance.now() - loadedAt < reloadMs) return;
      loading ??= load().finally(() => (loading = null));
      await loading;
    },
    excludes(ruleId, event) {
      const selections = byRule.get(ruleId);
      if (!selections) return false;
      return selections.some((sel) =>
        Object.entries(sel).every(([field, value]) => fieldEquals(event[field], value)),
      );
    },
  };
}

/** Exact equality; numbers and their string form are the same value (EventID 4688 = "4688"). */
function fieldEquals(actual: FieldValue | undefined, expected: unknown): boolean {
  if (actual === undefined) return expected === null;
  if (Array.isArray(actual)) return actual.some((a) => fieldEquals(a as FieldValue, expected));
  if (actual === null || expected === null) return actual === expected;
  return String(actual) === String(expected);
}

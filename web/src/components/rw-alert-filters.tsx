import { useEffect, useState } from 'react';
import type { AlertLevel, AlertStatus } from '../../../src/api-types.ts';
import { useDebounced } from '../hooks.ts';
import { ALERT_LEVELS, ALERT_STATUSES, ALERT_STATUS_LABEL, LEVEL_LABEL } from './rw-labels.ts';

export interface AlertsView {
  status: AlertStatus[];
  level: AlertLevel[];
  host: string;
  offset: number;
}

export const ALERTS_PAGE_SIZE = 50;

function listOf<T extends string>(raw: string | null, allowed: readonly T[]): T[] {
  if (!raw) return [];
  return raw.split(',').filter((v): v is T => (allowed as readonly string[]).includes(v));
}

export function parseAlertsView(search: URLSearchParams): AlertsView {
  const offset = Number(search.get('offset') ?? 0);
  return {
    status: listOf(search.get('status'), ALERT_STATUSES),
    level: listOf(search.get('level'), ALERT_LEVELS),
    host: search.get('host') ?? '',
    offset: Number.isFinite(offset) && offset > 0 ? Math.floor(offset) : 0,
  };
}

export function alertsHref(view: AlertsView): string {
  const search = new URLSearchParams();
  if (view.status.length) search.set('status', view.status.join(','));
  if (view.level.length) search.set('level', view.level.join(','));
  if (view.host) search.set('host', view.host);
  if (view.offset) search.set('offset', String(view.offset));
  const s = search.toString().replace(/%2C/g, ',');
  return s ? `/alerts?${s}` : '/alerts';
}

function toggle<T>(list: readonly T[], value: T, on: boolean): T[] {
  return on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value);
}

/** Status, level and host filters; every change goes to the address bar. */
export function AlertFilters({
  view,
  onChange,
}: {
  view: AlertsView;
  onChange: (change: Partial<AlertsView>) => void;
}) {
  // The host box is sent once typing pauses, not on every key.
  const [host, setHost] = useState(view.host);
  const settled = useDebounced(host, 300);
  useEffect(() => {
    if (settled.trim() !== view.host) onChange({ host: settled.trim() });
  }, [settled]);
  useEffect(() => {
    setHost((current) => (current.trim() === view.host ? current : view.host));
  }, [view.host]);

  return (
    <form
      className="filters"
      role="search"
      aria-label="Filter alerts"
      onSubmit={(e) => e.preventDefault()}
    >
      <div className="filter-row">
        <div className="field filter-search">
          <label htmlFor="alerts-host">Host</label>
          <input
            id="alerts-host"
            type="search"
            placeholder="e.g. WS-017"
            value={host}
            onChange={(e) => setHost(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') onChange({ host: host.trim() });
            }}
          />
        </div>
        <fieldset className="filter-group">
          <legend>Status</legend>
          {ALERT_STATUSES.map((s) => (
            <label key={s} className="checkbox-inline">
              <input
                type="checkbox"
                checked={view.status.includes(s)}
                onChange={(e) => onChange({ status: toggle(view.status, s, e.target.checked) })}
              />
              {ALERT_STATUS_LABEL[s]}
            </label>
          ))}
        </fieldset>
        <fieldset className="filter-group">
          <legend>Level</legend>
          {ALERT_LEVELS.map((l) => (
            <label key={l} className="checkbox-inline">
              <input
                type="checkbox"
                checked={view.level.includes(l)}
                onChange={(e) => onChange({ level: toggle(view.level, l, e.target.checked) })}
              />
              {LEVEL_LABEL[l]}
            </label>
          ))}
        </fieldset>
      </div>
    </form>
  );
}

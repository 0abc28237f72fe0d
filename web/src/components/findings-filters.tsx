import { useEffect, useState } from 'react';
import {
  FINDING_STATUSES,
  SAFEGUARDS,
  SEVERITIES,
  type Safeguard,
} from '../../../src/api-types.ts';
import { PAGE_SIZES, type FindingsView } from '../findings-query.ts';
import { SAFEGUARD_INFO, SEVERITY_LABEL, STATUS_LABEL } from '../format.ts';
import { useDebounced } from '../hooks.ts';

const SEARCH_DELAY_MS = 300;

interface Props {
  view: FindingsView;
  onChange: (change: Partial<FindingsView>) => void;
}

function toggle<T>(list: readonly T[], value: T, on: boolean): T[] {
  return on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value);
}

/** The filter bar above the findings table. Every control writes to the address bar. */
export function FindingsFilters({ view, onChange }: Props) {
  // The search box is typed into locally and sent once typing pauses, not on every key.
  const [text, setText] = useState(view.q);
  const settled = useDebounced(text, SEARCH_DELAY_MS);
  useEffect(() => {
    if (settled.trim() !== view.q.trim()) onChange({ q: settled });
    // Only a settled change of the text searches; a change of view.q is handled by the next effect.
  }, [settled]);
  // Back/forward or a link changed the query in the address: show it in the box.
  useEffect(() => {
    setText((current) => (current.trim() === view.q.trim() ? current : view.q));
  }, [view.q]);

  const active =
    view.severity.length + view.status.length + view.safeguard.length > 0 ||
    view.q !== '' ||
    view.overdue ||
    view.assetId;

  return (
    <form
      className="filters"
      role="search"
      aria-label="Filter findings"
      onSubmit={(e) => e.preventDefault()}
    >
      <div className="filter-row">
        <div className="field filter-search">
          <label htmlFor="findings-q">Search</label>
          <input
            id="findings-q"
            type="search"
            placeholder="Title, CVE, asset, port…"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              // Enter searches at once instead of waiting for the pause.
              if (e.key === 'Enter') onChange({ q: text });
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="findings-safeguard">Safeguard</label>
          <select
            id="findings-safeguard"
            value={
              view.safeguard.length === 1
                ? view.safeguard[0]
                : view.safeguard.length === 0
                  ? ''
                  : 'multiple'
            }
            onChange={(e) =>
              onChange({ safeguard: e.target.value ? [e.target.value as Safeguard] : [] })
            }
          >
            <option value="">All safeguards</option>
            {view.safeguard.length > 1 && (
              <option value="multiple" disabled>
                {view.safeguard.map((s) => SAFEGUARD_INFO[s].title).join(', ')}
              </option>
            )}
            {SAFEGUARDS.map((s) => (
              <option key={s} value={s}>
                {SAFEGUARD_INFO[s].title}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-narrow">
          <label htmlFor="findings-limit">Per page</label>
          <select
            id="findings-limit"
            value={view.limit}
            onChange={(e) => onChange({ limit: Number(e.target.value) })}
          >
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="filter-row">
        <fieldset className="filter-group">
          <legend>Severity</legend>
          {SEVERITIES.map((s) => (
            <label key={s} className="checkbox-inline">
              <input
                type="checkbox"
                checked={view.severity.includes(s)}
                onChange={(e) => onChange({ severity: toggle(view.severity, s, e.target.checked) })}
              />
              {SEVERITY_LABEL[s]}
            </label>
          ))}
        </fieldset>
        <fieldset className="filter-group">
          <legend>Status</legend>
          {FINDING_STATUSES.map((s) => (
            <label key={s} className="checkbox-inline">
              <input
                type="checkbox"
                checked={view.status.includes(s)}
                onChange={(e) => onChange({ status: toggle(view.status, s, e.target.checked) })}
              />
              {STATUS_LABEL[s]}
            </label>
          ))}
        </fieldset>
        <fieldset className="filter-group">
          <legend>Deadline</legend>
          <label className="checkbox-inline">
            <input
              type="checkbox"
              checked={view.overdue}
              onChange={(e) => onChange({ overdue: e.target.checked })}
            />
            Overdue only
          </label>
        </fieldset>
        {view.assetId && (
          <p className="filter-note">
            One asset only.{' '}
            <button
              type="button"
              className="button-link"
              onClick={() => onChange({ assetId: undefined })}
            >
              Show all assets
            </button>
          </p>
        )}
        {active && (
          <button
            type="button"
            className="button-secondary filter-clear"
            onClick={() => {
              setText('');
              onChange({
                severity: [],
                status: [],
                safeguard: [],
                q: '',
                overdue: false,
                assetId: undefined,
              });
            }}
          >
            Clear filters
          </button>
        )}
      </div>
    </form>
  );
}

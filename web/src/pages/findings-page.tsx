import { useEffect } from 'react';
import type { FindingSummary } from '../../../src/api-types.ts';
import { api } from '../api.ts';
import { useAnnounce } from '../components/announcer.tsx';
import { SeverityBadge, StatusBadge } from '../components/badges.tsx';
import { ErrorMessage } from '../components/error-message.tsx';
import { FindingsFilters } from '../components/findings-filters.tsx';
import { Loading } from '../components/loading.tsx';
import { Pagination } from '../components/pagination.tsx';
import {
  DEFAULT_ORDER,
  findingsHref,
  parseFindingsQuery,
  rememberListHref,
  type FindingsView,
  type SortKey,
} from '../findings-query.ts';
import { formatDate, formatNumber, plural, SAFEGUARD_INFO } from '../format.ts';
import { useResource, useTitle } from '../hooks.ts';
import { Link, navigate, useLocation } from '../router.tsx';

/**
 * Findings, filtered, sorted and paged by the server: the browser only ever holds one page, so
 * the list stays quick with hundreds of thousands of findings.
 */
export function FindingsPage() {
  useTitle('Findings');
  const location = useLocation();
  const view = parseFindingsQuery(location.search);
  const key = findingsHref(view);
  const announce = useAnnounce();

  useEffect(() => rememberListHref(location.href), [location.href]);

  const page = useResource(
    (signal) =>
      api.findings(
        {
          severity: view.severity,
          status: view.status,
          safeguard: view.safeguard,
          ...(view.assetId ? { assetId: view.assetId } : {}),
          ...(view.q ? { q: view.q } : {}),
          ...(view.overdue ? { overdue: true } : {}),
          sort: view.sort,
          order: view.order,
          limit: view.limit,
          offset: view.offset,
        },
        signal,
      ),
    [key],
  );

  const total = page.data?.total;
  useEffect(() => {
    if (total !== undefined) announce(`${plural(total, 'finding')} match`);
  }, [total, key, announce]);

  // Filters replace the current history entry (typing should not fill the back button);
  // any change of filter starts again at the first page.
  const setView = (change: Partial<FindingsView>, opts: { push?: boolean } = {}) => {
    const next = { ...view, offset: 0, ...change };
    navigate(findingsHref(next), { replace: !opts.push });
  };

  return (
    <>
      <div className="page-head">
        <h1>Findings</h1>
        {page.data && (
          <p className="page-sub">{plural(page.data.total, 'finding')} match the filters</p>
        )}
      </div>
      <FindingsFilters view={view} onChange={setView} />
      <ErrorMessage error={page.error} prefix="The findings could not be loaded" />
      {!page.data && !page.error && <Loading what="Loading findings" />}
      {page.data && (
        <>
          <FindingsTable
            items={page.data.items}
            view={view}
            busy={page.loading}
            onSort={(sort) => {
              const order =
                view.sort === sort ? (view.order === 'asc' ? 'desc' : 'asc') : DEFAULT_ORDER[sort];
              setView({ sort, order });
            }}
          />
          <Pagination
            total={page.data.total}
            limit={view.limit}
            offset={view.offset}
            noun="findings"
            onChange={(offset) => setView({ offset }, { push: true })}
          />
        </>
      )}
    </>
  );
}

const COLUMNS: readonly { label: string; sort?: SortKey; className?: string }[] = [
  { label: 'Severity', sort: 'severity' },
  { label: 'Title', sort: 'title' },
  { label: 'Asset' },
  { label: 'Safeguard', className: 'col-optional' },
  { label: 'Status' },
  { label: 'CVSS', sort: 'cvss', className: 'num col-optional' },
  { label: 'Due', sort: 'due' },
  { label: 'Last seen', sort: 'last_seen', className: 'col-optional' },
];

interface TableProps {
  items: FindingSummary[];
  view: FindingsView;
  busy: boolean;
  onSort: (sort: SortKey) => void;
}

function FindingsTable({ items, view, busy, onSort }: TableProps) {
  if (items.length === 0) {
    return <p className="empty">No findings match these filters.</p>;
  }
  return (
    <div className="table-scroll">
      <table className="data-table findings-table" aria-busy={busy}>
        <caption className="visually-hidden">
          Findings, sorted by {view.sort.replace('_', ' ')}{' '}
          {view.order === 'asc' ? 'ascending' : 'descending'}
        </caption>
        <thead>
          <tr>
            {COLUMNS.map((col) => {
              const active = col.sort !== undefined && view.sort === col.sort;
              return (
                <th
                  key={col.label}
                  scope="col"
                  className={col.className}
                  aria-sort={
                    active ? (view.order === 'asc' ? 'ascending' : 'descending') : undefined
                  }
                >
                  {col.sort ? (
                    <button
                      type="button"
                      className="sort-button"
                      onClick={() => onSort(col.sort as SortKey)}
                    >
                      {col.label}
                      <span className="sort-indicator" aria-hidden="true">
                        {active ? (view.order === 'asc' ? '▲' : '▼') : '↕'}
                      </span>
                    </button>
                  ) : (
                    col.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {items.map((f) => (
            <tr key={f.id}>
              <td>
                <SeverityBadge severity={f.severity} />
              </td>
              <td className="title-cell">
                <Link to={`/findings/${encodeURIComponent(f.id)}`}>{f.title}</Link>
                {(f.cves.length > 0 || f.location) && (
                  <span className="cell-sub">
                    {[
                      f.location,
                      f.cves.slice(0, 3).join(', ') +
                        (f.cves.length > 3 ? ` +${f.cves.length - 3}` : ''),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                )}
              </td>
              <td className="asset-cell">
                {f.asset ? (
                  <Link to={`/assets/${encodeURIComponent(f.asset.id)}`}>{f.asset.name}</Link>
                ) : (
                  '—'
                )}
              </td>
              <td className="col-optional">{SAFEGUARD_INFO[f.safeguard].title}</td>
              <td>
                <StatusBadge status={f.status} />
              </td>
              <td className="num col-optional">
                {f.cvssScore === null ? '—' : formatNumber(f.cvssScore)}
              </td>
              <td className={f.overdue ? 'due-cell overdue' : 'due-cell'}>
                {formatDate(f.due)}
                {f.overdue && <span className="overdue-tag">Overdue</span>}
              </td>
              <td className="col-optional">{formatDate(f.lastSeen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

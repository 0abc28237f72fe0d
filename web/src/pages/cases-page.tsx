import { useEffect, useState } from 'react';
import type { Case, CaseStatus } from '../../../src/api-types.ts';
import { api } from '../api.ts';
import { useAnnounce } from '../components/announcer.tsx';
import { ErrorMessage } from '../components/error-message.tsx';
import { Loading } from '../components/loading.tsx';
import { Pagination } from '../components/pagination.tsx';
import { CaseStatusBadge, LevelBadge } from '../components/rw-badges.tsx';
import { CASE_STATUSES, CASE_STATUS_LABEL } from '../components/rw-labels.ts';
import { formatDateTime, formatNumber, plural } from '../format.ts';
import { useDebounced, useResource, useTitle } from '../hooks.ts';
import { Link, navigate, useLocation } from '../router.tsx';

const PAGE_SIZE = 50;

interface CasesView {
  status: CaseStatus[];
  assignee: string;
  offset: number;
}

function parse(search: URLSearchParams): CasesView {
  const offset = Number(search.get('offset') ?? 0);
  return {
    status: (search.get('status') ?? '')
      .split(',')
      .filter((s): s is CaseStatus => (CASE_STATUSES as readonly string[]).includes(s)),
    assignee: search.get('assignee') ?? '',
    offset: Number.isFinite(offset) && offset > 0 ? Math.floor(offset) : 0,
  };
}

function href(view: CasesView): string {
  const search = new URLSearchParams();
  if (view.status.length) search.set('status', view.status.join(','));
  if (view.assignee) search.set('assignee', view.assignee);
  if (view.offset) search.set('offset', String(view.offset));
  const s = search.toString().replace(/%2C/g, ',');
  return s ? `/cases?${s}` : '/cases';
}

/** Incident cases: the alerts that belong together, who works on them, and how far they are. */
export function CasesPage() {
  useTitle('Cases');
  const location = useLocation();
  const view = parse(location.search);
  const key = href(view);
  const announce = useAnnounce();
  const page = useResource(
    (signal) =>
      api.cases(
        {
          status: view.status,
          ...(view.assignee ? { assignee: view.assignee } : {}),
          limit: PAGE_SIZE,
          offset: view.offset,
        },
        signal,
      ),
    [key],
  );
  const total = page.data?.total;
  useEffect(() => {
    if (total !== undefined) announce(`${plural(total, 'case')} match`);
  }, [total, key, announce]);

  const setView = (change: Partial<CasesView>, opts: { push?: boolean } = {}) =>
    navigate(href({ ...view, offset: 0, ...change }), { replace: !opts.push });

  const [assignee, setAssignee] = useState(view.assignee);
  const settled = useDebounced(assignee, 300);
  useEffect(() => {
    if (settled.trim() !== view.assignee) setView({ assignee: settled.trim() });
  }, [settled]);

  return (
    <>
      <div className="page-head">
        <h1>Cases</h1>
        <p className="page-sub">
          Cases are opened from an <Link to="/alerts?status=open,acknowledged">alert</Link>.
        </p>
      </div>
      <form
        className="filters filters-compact"
        role="search"
        aria-label="Filter cases"
        onSubmit={(e) => e.preventDefault()}
      >
        <fieldset className="filter-group">
          <legend>Status</legend>
          {CASE_STATUSES.map((s) => (
            <label key={s} className="checkbox-inline">
              <input
                type="checkbox"
                checked={view.status.includes(s)}
                onChange={(e) =>
                  setView({
                    status: e.target.checked
                      ? [...view.status, s]
                      : view.status.filter((v) => v !== s),
                  })
                }
              />
              {CASE_STATUS_LABEL[s]}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="cases-assignee">Assignee</label>
          <input
            id="cases-assignee"
            type="search"
            value={assignee}
            onChange={(e) => setAssignee(e.target.value)}
          />
        </div>
      </form>
      <ErrorMessage error={page.error} prefix="The cases could not be loaded" />
      {!page.data && !page.error && <Loading what="Loading cases" />}
      {page.data && page.data.items.length === 0 && (
        <p className="empty">No cases match these filters.</p>
      )}
      {page.data && page.data.items.length > 0 && (
        <>
          <CasesTable items={page.data.items} busy={page.loading} />
          <Pagination
            total={page.data.total}
            limit={PAGE_SIZE}
            offset={view.offset}
            noun="cases"
            onChange={(offset) => setView({ offset }, { push: true })}
          />
        </>
      )}
    </>
  );
}

function CasesTable({ items, busy }: { items: Case[]; busy: boolean }) {
  return (
    <div className="table-scroll">
      <table className="data-table rw-cases-table" aria-busy={busy}>
        <caption className="visually-hidden">Cases, most recently updated first</caption>
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">Severity</th>
            <th scope="col">Title</th>
            <th scope="col">Assignee</th>
            <th scope="col">Hosts</th>
            <th scope="col" className="num">
              Alerts
            </th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.id}>
              <td>
                <CaseStatusBadge status={c.status} />
              </td>
              <td>
                <LevelBadge level={c.severity} />
              </td>
              <td className="title-cell">
                <Link to={`/cases/${encodeURIComponent(c.id)}`}>{c.title}</Link>
              </td>
              <td>{c.assignee ?? 'Nobody'}</td>
              <td className="asset-cell">
                {c.hosts.length === 0
                  ? '—'
                  : c.hosts.slice(0, 3).join(', ') +
                    (c.hosts.length > 3 ? ` +${c.hosts.length - 3}` : '')}
              </td>
              <td className="num">{formatNumber(c.alerts)}</td>
              <td>{formatDateTime(c.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

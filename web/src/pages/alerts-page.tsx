import { useEffect } from 'react';
import { api } from '../api.ts';
import { useMe } from '../auth.tsx';
import { useAnnounce } from '../components/announcer.tsx';
import { ErrorMessage } from '../components/error-message.tsx';
import { Loading } from '../components/loading.tsx';
import { Pagination } from '../components/pagination.tsx';
import {
  AlertFilters,
  alertsHref,
  ALERTS_PAGE_SIZE,
  parseAlertsView,
  type AlertsView,
} from '../components/rw-alert-filters.tsx';
import { AlertsTable } from '../components/rw-alerts-table.tsx';
import { plural } from '../format.ts';
import { useResource, useTitle } from '../hooks.ts';
import { Link, navigate, useLocation } from '../router.tsx';

/** Detection alerts from the ingested event logs: one row per rule, host and time window. */
export function AlertsPage() {
  useTitle('Alerts');
  const me = useMe();
  const location = useLocation();
  const view = parseAlertsView(location.search);
  const key = alertsHref(view);
  const announce = useAnnounce();

  const page = useResource(
    (signal) =>
      api.alerts(
        {
          status: view.status,
          level: view.level,
          ...(view.host ? { host: view.host } : {}),
          limit: ALERTS_PAGE_SIZE,
          offset: view.offset,
        },
        signal,
      ),
    [key],
  );

  const total = page.data?.total;
  useEffect(() => {
    if (total !== undefined) announce(`${plural(total, 'alert')} match`);
  }, [total, key, announce]);

  const setView = (change: Partial<AlertsView>, opts: { push?: boolean } = {}) => {
    navigate(alertsHref({ ...view, offset: 0, ...change }), { replace: !opts.push });
  };

  return (
    <>
      <div className="page-head">
        <h1>Alerts</h1>
        <p className="page-sub">
          Detection-rule matches on the event logs your sources send.{' '}
          {me.role === 'admin' && <Link to="/ingest-sources">Manage ingest sources</Link>}
        </p>
      </div>
      <AlertFilters view={view} onChange={setView} />
      <ErrorMessage error={page.error} prefix="The alerts could not be loaded" />
      {!page.data && !page.error && <Loading what="Loading alerts" />}
      {page.data && page.data.items.length === 0 && (
        <p className="empty">No alerts match these filters.</p>
      )}
      {page.data && page.data.items.length > 0 && (
        <>
          <AlertsTable
            items={page.data.items}
            busy={page.loading}
            caption="Alerts, most recent first"
          />
          <Pagination
            total={page.data.total}
            limit={ALERTS_PAGE_SIZE}
            offset={view.offset}
            noun="alerts"
            onChange={(offset) => setView({ offset }, { push: true })}
          />
        </>
      )}
      <p>
        <button type="button" className="button-secondary" onClick={page.reload}>
          Refresh
        </button>
      </p>
    </>
  );
}

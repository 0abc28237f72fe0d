import type { AlertDetail } from '../../../src/api-types.ts';
import { api, ApiRequestError } from '../api.ts';
import { canWrite, useMe } from '../auth.tsx';
import { ErrorMessage } from '../components/error-message.tsx';
import { Fact } from '../components/fact.tsx';
import { Loading } from '../components/loading.tsx';
import { AlertActions } from '../components/rw-alert-actions.tsx';
import { AlertEvents } from '../components/rw-alert-events.tsx';
import { AlertStatusBadge, LevelBadge } from '../components/rw-badges.tsx';
import { ALERTS_QUEUE_HREF } from '../components/rw-labels.ts';
import { RuleFacts } from '../components/rw-rule.tsx';
import { formatDateTime, formatNumber } from '../format.ts';
import { useResource, useTitle } from '../hooks.ts';
import { Link } from '../router.tsx';

/** One alert: the rule with its attribution, the host, the events, and what to do about it. */
export function AlertDetailPage({ id }: { id: string }) {
  const me = useMe();
  const alert = useResource((signal) => api.alert(id, signal), [id]);
  useTitle(alert.data ? `Alert: ${alert.data.rule.title}` : 'Alert');

  return (
    <>
      <p className="breadcrumb">
        <Link to={ALERTS_QUEUE_HREF}>← Alerts</Link>
      </p>
      {alert.error instanceof ApiRequestError && alert.error.status === 404 ? (
        <>
          <h1>Alert not found</h1>
          <p>It may have been removed, or the link is incomplete.</p>
        </>
      ) : (
        <ErrorMessage error={alert.error} prefix="The alert could not be loaded" />
      )}
      {!alert.data && !alert.error && <Loading what="Loading the alert" />}
      {alert.data && (
        <AlertView alert={alert.data} writable={canWrite(me.role)} reload={alert.reload} />
      )}
    </>
  );
}

function AlertView({
  alert: a,
  writable,
  reload,
}: {
  alert: AlertDetail;
  writable: boolean;
  reload: () => void;
}) {
  return (
    <article aria-labelledby="alert-title">
      <div className="page-head">
        <h1 id="alert-title">{a.rule.title}</h1>
        <p className="finding-badges">
          <LevelBadge level={a.level} /> <AlertStatusBadge status={a.status} />
        </p>
      </div>
      <div className="detail-grid">
        <div className="detail-main">
          <section className="panel" aria-labelledby="alert-facts-title">
            <h2 id="alert-facts-title">What happened</h2>
            <dl className="facts">
              <Fact term="Host">{a.host ?? '—'}</Fact>
              <Fact term="Events">{formatNumber(a.count)}</Fact>
              <Fact term="First seen">{formatDateTime(a.firstSeen)}</Fact>
              <Fact term="Last seen">{formatDateTime(a.lastSeen)}</Fact>
              <Fact term="Case">
                {a.caseId ? (
                  <Link to={`/cases/${encodeURIComponent(a.caseId)}`}>Open the case</Link>
                ) : (
                  'None yet'
                )}
              </Fact>
            </dl>
          </section>
          <section className="panel" aria-labelledby="alert-events-title">
            <h2 id="alert-events-title">Events</h2>
            <AlertEvents events={a.events} total={a.count} />
          </section>
        </div>
        <div className="detail-side">
          {writable ? (
            <AlertActions alert={a} onChanged={reload} />
          ) : (
            <p className="notice">Your role can read alerts but not change them.</p>
          )}
          <section className="panel" aria-labelledby="alert-rule-title">
            <h2 id="alert-rule-title">Detection rule</h2>
            <RuleFacts rule={a.rule} />
          </section>
        </div>
      </div>
    </article>
  );
}

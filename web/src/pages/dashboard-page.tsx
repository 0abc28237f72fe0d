import { SEVERITIES, type SafeguardPosture } from '../../../src/api-types.ts';
import { api } from '../api.ts';
import { COVERAGE_DAYS, MfaCoverage } from '../components/creds-mfa-coverage.tsx';
import { ErrorMessage } from '../components/error-message.tsx';
import { Loading } from '../components/loading.tsx';
import { TrendChart } from '../components/trend-chart.tsx';
import { formatDateTime, formatNumber, plural, SAFEGUARD_INFO, SEVERITY_LABEL } from '../format.ts';
import { useResource, useTitle } from '../hooks.ts';
import { Link } from '../router.tsx';

const TREND_DAYS = 90;

/**
 * The seven safeguards at a glance, how open findings developed over the last 90 days, and MFA
 * coverage (all and privileged users) from the identity directories over the last year.
 */
export function DashboardPage() {
  useTitle('Dashboard');
  const posture = useResource((signal) => api.posture(signal), []);
  const trend = useResource((signal) => api.trend(TREND_DAYS, signal), []);
  const coverage = useResource((signal) => api.mfaCoverage(COVERAGE_DAYS, signal), []);

  return (
    <>
      <div className="page-head">
        <h1>Security posture</h1>
        {posture.data && (
          <p className="page-sub">{plural(posture.data.assets, 'asset')} in the registry</p>
        )}
      </div>
      <section aria-labelledby="safeguards-title">
        <h2 id="safeguards-title" className="visually-hidden">
          Safeguards
        </h2>
        <ErrorMessage error={posture.error} prefix="The posture could not be loaded" />
        {!posture.data && !posture.error && <Loading what="Loading the safeguards" />}
        {posture.data && (
          <ul className="safeguard-grid">
            {posture.data.safeguards.map((s) => (
              <li key={s.safeguard}>
                <SafeguardCard posture={s} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel" aria-labelledby="trend-title">
        <h2 id="trend-title">Open findings, last {TREND_DAYS} days</h2>
        <ErrorMessage error={trend.error} prefix="The trend could not be loaded" />
        {!trend.data && !trend.error && <Loading what="Loading the trend" />}
        {trend.data && <TrendChart points={trend.data} />}
      </section>
      <MfaCoverage coverage={coverage} />
    </>
  );
}

function SafeguardCard({ posture }: { posture: SafeguardPosture }) {
  const info = SAFEGUARD_INFO[posture.safeguard];
  const titleId = `safeguard-${posture.safeguard}`;
  const open = SEVERITIES.reduce((sum, s) => sum + posture.openBySeverity[s], 0);
  return (
    <article
      className={posture.configured ? 'card safeguard' : 'card safeguard unconfigured'}
      aria-labelledby={titleId}
      data-safeguard={posture.safeguard}
    >
      <h3 id={titleId}>{info.title}</h3>
      <p className="card-summary">{info.summary}</p>
      {!posture.configured ? (
        <p className="not-configured">
          <strong>Not configured yet.</strong> No data has been collected for this safeguard, so
          there is nothing to count.
        </p>
      ) : (
        <>
          <p className="card-total">
            <span className="big-number">{formatNumber(open)}</span> open{' '}
            {open === 1 ? 'finding' : 'findings'}
          </p>
          <ul className="severity-counts" aria-label="Open findings by severity">
            {SEVERITIES.map((s) => (
              <li key={s} className={`sev-count sev-${s}`}>
                <span className="sev-count-label">{SEVERITY_LABEL[s]}</span>
                <span className="sev-count-value">{formatNumber(posture.openBySeverity[s])}</span>
              </li>
            ))}
          </ul>
          <dl className="card-facts">
            <div>
              <dt>Overdue</dt>
              <dd className={posture.overdue > 0 ? 'overdue' : undefined}>
                {formatNumber(posture.overdue)}
              </dd>
            </div>
            <div>
              <dt>Last assessment</dt>
              <dd>{posture.lastAssessment ? formatDateTime(posture.lastAssessment) : 'Never'}</dd>
            </div>
          </dl>
          {open > 0 && (
            <Link
              className="card-link"
              to={`/findings?safeguard=${posture.safeguard}&status=open,in_progress`}
            >
              View findings<span className="visually-hidden"> for {info.title}</span>
            </Link>
          )}
        </>
      )}
    </article>
  );
}

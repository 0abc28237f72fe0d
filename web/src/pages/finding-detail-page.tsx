import type { FindingDetail } from '../../../src/api-types.ts';
import { api, ApiRequestError } from '../api.ts';
import { canWrite, useMe } from '../auth.tsx';
import { SeverityBadge, StatusBadge } from '../components/badges.tsx';
import { ErrorMessage } from '../components/error-message.tsx';
import { Fact } from '../components/fact.tsx';
import { FindingComments, FindingHistory } from '../components/finding-activity.tsx';
import { FindingUpdateForm } from '../components/finding-update-form.tsx';
import { Loading } from '../components/loading.tsx';
import { listHref } from '../findings-query.ts';
import { formatDate, formatDateTime, formatNumber, SAFEGUARD_INFO } from '../format.ts';
import { useResource, useTitle } from '../hooks.ts';
import { Link } from '../router.tsx';

/** Everything known about one finding, the form to work on it, its comments and history. */
export function FindingDetailPage({ id }: { id: string }) {
  const me = useMe();
  const finding = useResource((signal) => api.finding(id, signal), [id]);
  useTitle(finding.data?.title ?? 'Finding');

  return (
    <>
      <p className="breadcrumb">
        <Link to={listHref()}>← Findings</Link>
      </p>
      {finding.error instanceof ApiRequestError && finding.error.status === 404 ? (
        <>
          <h1>Finding not found</h1>
          <p>It may have been removed, or the link is incomplete.</p>
        </>
      ) : (
        <ErrorMessage error={finding.error} prefix="The finding could not be loaded" />
      )}
      {!finding.data && !finding.error && <Loading what="Loading the finding" />}
      {finding.data && (
        <FindingView finding={finding.data} writable={canWrite(me.role)} reload={finding.reload} />
      )}
    </>
  );
}

function FindingView({
  finding: f,
  writable,
  reload,
}: {
  finding: FindingDetail;
  writable: boolean;
  reload: () => void;
}) {
  return (
    <article className="finding" aria-labelledby="finding-title">
      <div className="page-head">
        <h1 id="finding-title">{f.title}</h1>
        <p className="finding-badges">
          <SeverityBadge severity={f.severity} /> <StatusBadge status={f.status} />
          {f.overdue && <span className="overdue-tag">Overdue</span>}
        </p>
      </div>
      <div className="detail-grid">
        <div className="detail-main">
          <section className="panel" aria-labelledby="facts-title">
            <h2 id="facts-title">Facts</h2>
            <dl className="facts">
              <Fact term="Asset">
                {f.asset ? (
                  <Link to={`/assets/${encodeURIComponent(f.asset.id)}`}>{f.asset.name}</Link>
                ) : (
                  '—'
                )}
              </Fact>
              <Fact term="Location">{f.location ?? '—'}</Fact>
              <Fact term="Safeguard">{SAFEGUARD_INFO[f.safeguard].title}</Fact>
              <Fact term="Source">{[f.source, f.tool].filter(Boolean).join(' · ')}</Fact>
              <Fact term="CVSS">
                {f.cvssScore === null ? '—' : formatNumber(f.cvssScore)}
                {f.cvssVector && <code className="cvss-vector">{f.cvssVector}</code>}
              </Fact>
              <Fact term="CVEs">
                {f.cves.length === 0 ? (
                  '—'
                ) : (
                  <ul className="inline-list">
                    {f.cves.map((cve) => (
                      <li key={cve}>
                        <a
                          href={`https://nvd.nist.gov/vuln/detail/${encodeURIComponent(cve)}`}
                          target="_blank"
                          rel="noreferrer"
                        >
                          {cve}
                          <span className="visually-hidden">
                            {' '}
                            (opens the NVD entry in a new tab)
                          </span>
                        </a>
                      </li>
                    ))}
                  </ul>
                )}
              </Fact>
              <Fact term="CWEs">{f.cwes.length ? f.cwes.join(', ') : '—'}</Fact>
              <Fact term="First seen">{formatDateTime(f.firstSeen)}</Fact>
              <Fact term="Last seen">{formatDateTime(f.lastSeen)}</Fact>
              <Fact term="Due">
                <span className={f.overdue ? 'overdue' : undefined}>
                  {f.due ? formatDate(f.due) : 'No deadline'}
                </span>
              </Fact>
              <Fact term="Assignee">{f.assignee ?? 'Nobody'}</Fact>
              {f.acceptedUntil && <Fact term="Accepted until">{formatDate(f.acceptedUntil)}</Fact>}
              {f.justification && <Fact term="Justification">{f.justification}</Fact>}
              <Fact term="De-duplication key">
                <code>{f.dedupKey}</code>
              </Fact>
            </dl>
          </section>
          <section className="panel" aria-labelledby="desc-title">
            <h2 id="desc-title">Description</h2>
            <p className="prewrap">{f.description || 'No description was given.'}</p>
            {f.solution && (
              <>
                <h3>Solution</h3>
                <p className="prewrap">{f.solution}</p>
              </>
            )}
            <h3>Evidence</h3>
            {f.evidence ? (
              <pre className="evidence">{f.evidence}</pre>
            ) : (
              <p className="empty">No evidence was recorded.</p>
            )}
          </section>
          <section className="panel" aria-labelledby="comments-title">
            <h2 id="comments-title">Comments</h2>
            <FindingComments finding={f} canWrite={writable} onAdded={reload} />
          </section>
        </div>
        <div className="detail-side">
          {writable ? (
            <section className="panel">
              <FindingUpdateForm
                key={`${f.status}|${f.assignee ?? ''}`}
                finding={f}
                onSaved={reload}
              />
            </section>
          ) : (
            <p className="notice">Your role can read findings but not change them.</p>
          )}
          <section className="panel" aria-labelledby="history-title">
            <h2 id="history-title">History</h2>
            <FindingHistory history={f.history} />
          </section>
        </div>
      </div>
    </article>
  );
}

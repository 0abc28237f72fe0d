import type { ReactNode } from 'react';
import type { Asset } from '../../../src/api-types.ts';
import { api, ApiRequestError } from '../api.ts';
import { SeverityBadge, StatusBadge } from '../components/badges.tsx';
import { ErrorMessage } from '../components/error-message.tsx';
import { Fact } from '../components/fact.tsx';
import { Loading } from '../components/loading.tsx';
import { findingsHref } from '../findings-query.ts';
import {
  ASSET_TYPE_LABEL,
  CRITICALITY_LABEL,
  formatDate,
  formatDateTime,
  plural,
} from '../format.ts';
import { useResource, useTitle } from '../hooks.ts';
import { Link } from '../router.tsx';

const FINDINGS_SHOWN = 25;

/** One asset: how it is identified, who owns it, and its worst findings first. */
export function AssetDetailPage({ id }: { id: string }) {
  const asset = useResource((signal) => api.asset(id, signal), [id]);
  useTitle(asset.data?.name ?? 'Asset');
  return (
    <>
      <p className="breadcrumb">
        <Link to="/assets">← Assets</Link>
      </p>
      {asset.error instanceof ApiRequestError && asset.error.status === 404 ? (
        <>
          <h1>Asset not found</h1>
          <p>It may have been merged into another asset, or the link is incomplete.</p>
        </>
      ) : (
        <ErrorMessage error={asset.error} prefix="The asset could not be loaded" />
      )}
      {!asset.data && !asset.error && <Loading what="Loading the asset" />}
      {asset.data && <AssetView asset={asset.data} />}
    </>
  );
}

function list(values: string[]): ReactNode {
  return values.length ? values.join(', ') : '—';
}

function AssetView({ asset: a }: { asset: Asset }) {
  const findings = useResource(
    (signal) =>
      api.findings(
        { assetId: a.id, sort: 'severity', order: 'desc', limit: FINDINGS_SHOWN, offset: 0 },
        signal,
      ),
    [a.id],
  );
  return (
    <article aria-labelledby="asset-title">
      <div className="page-head">
        <h1 id="asset-title">{a.name}</h1>
        <p className="page-sub">
          {ASSET_TYPE_LABEL[a.type]} ·{' '}
          <span className={`crit crit-${a.criticality}`}>{CRITICALITY_LABEL[a.criticality]}</span>
        </p>
      </div>
      <div className="two-col">
        <section className="panel" aria-labelledby="ident-title">
          <h2 id="ident-title">Identifiers</h2>
          <dl className="facts">
            <Fact term="IP addresses" mono>
              {list(a.ips)}
            </Fact>
            <Fact term="MAC addresses" mono>
              {list(a.macs)}
            </Fact>
            <Fact term="Hostnames" mono>
              {list(a.hostnames)}
            </Fact>
            <Fact term="FQDN" mono>
              {a.fqdn ?? '—'}
            </Fact>
            <Fact term="Email">{a.email ?? '—'}</Fact>
            <Fact term="Operating system">{a.os ?? '—'}</Fact>
          </dl>
        </section>
        <section className="panel" aria-labelledby="owner-title">
          <h2 id="owner-title">Ownership</h2>
          <dl className="facts">
            <Fact term="Owner">{a.owner ?? '—'}</Fact>
            <Fact term="Department">{a.department ?? '—'}</Fact>
            <Fact term="Location">{a.location ?? '—'}</Fact>
            <Fact term="Criticality">{CRITICALITY_LABEL[a.criticality]}</Fact>
            <Fact term="Tags">
              {a.tags.length ? (
                <ul className="tags">
                  {a.tags.map((t) => (
                    <li key={t} className="tag">
                      {t}
                    </li>
                  ))}
                </ul>
              ) : (
                '—'
              )}
            </Fact>
            <Fact term="First seen">{formatDateTime(a.firstSeen)}</Fact>
            <Fact term="Last seen">{formatDateTime(a.lastSeen)}</Fact>
          </dl>
        </section>
      </div>
      <section className="panel" aria-labelledby="asset-findings-title">
        <h2 id="asset-findings-title">Findings on this asset</h2>
        <ErrorMessage error={findings.error} prefix="Its findings could not be loaded" />
        {!findings.data && !findings.error && <Loading what="Loading findings" />}
        {findings.data && findings.data.items.length === 0 && (
          <p className="empty">No findings on this asset.</p>
        )}
        {findings.data && findings.data.items.length > 0 && (
          <>
            <div className="table-scroll">
              <table className="data-table">
                <caption className="visually-hidden">
                  Findings on {a.name}, most severe first
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Severity</th>
                    <th scope="col">Title</th>
                    <th scope="col">Location</th>
                    <th scope="col">Status</th>
                    <th scope="col">Due</th>
                  </tr>
                </thead>
                <tbody>
                  {findings.data.items.map((f) => (
                    <tr key={f.id}>
                      <td>
                        <SeverityBadge severity={f.severity} />
                      </td>
                      <td>
                        <Link to={`/findings/${encodeURIComponent(f.id)}`}>{f.title}</Link>
                      </td>
                      <td className="mono">{f.location ?? '—'}</td>
                      <td>
                        <StatusBadge status={f.status} />
                      </td>
                      <td className={f.overdue ? 'overdue' : undefined}>
                        {formatDate(f.due)}
                        {f.overdue && <span className="overdue-tag">Overdue</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p>
              <Link to={findingsHref({ assetId: a.id })}>
                {findings.data.total > FINDINGS_SHOWN
                  ? `All ${plural(findings.data.total, 'finding')} on this asset`
                  : 'Open these findings in the findings list'}
              </Link>
            </p>
          </>
        )}
      </section>
    </article>
  );
}

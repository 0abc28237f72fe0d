import { useEffect, useState } from 'react';
import { ASSET_TYPES, type AssetType } from '../../../src/api-types.ts';
import { api, toQuery } from '../api.ts';
import { useAnnounce } from '../components/announcer.tsx';
import { ErrorMessage } from '../components/error-message.tsx';
import { Loading } from '../components/loading.tsx';
import { Pagination } from '../components/pagination.tsx';
import {
  ASSET_TYPE_LABEL,
  CRITICALITY_LABEL,
  formatDate,
  formatNumber,
  plural,
} from '../format.ts';
import { useDebounced, useResource, useTitle } from '../hooks.ts';
import { Link, navigate, useLocation } from '../router.tsx';

const LIMIT = 50;

/** The asset registry: hosts, devices, domains, accounts… with type and text filters in the address. */
export function AssetsPage() {
  useTitle('Assets');
  const { search } = useLocation();
  const announce = useAnnounce();
  const type = ASSET_TYPES.find((t) => t === search.get('type')) ?? '';
  const q = search.get('q') ?? '';
  const offset = Math.max(0, Number(search.get('offset')) || 0);

  const go = (next: { type?: string; q?: string; offset?: number }, push = false) =>
    navigate(`/assets${toQuery({ type, q, ...next, offset: next.offset || undefined })}`, {
      replace: !push,
    });

  const [text, setText] = useState(q);
  const settled = useDebounced(text, 300);
  useEffect(() => {
    if (settled.trim() !== q.trim()) go({ q: settled.trim(), offset: 0 });
    // Only the settled text triggers a search; the address changing is mirrored below.
  }, [settled]);
  useEffect(() => setText((t) => (t.trim() === q.trim() ? t : q)), [q]);

  const page = useResource(
    (signal) =>
      api.assets({ ...(type ? { type } : {}), ...(q ? { q } : {}), limit: LIMIT, offset }, signal),
    [type, q, offset],
  );
  const total = page.data?.total;
  useEffect(() => {
    if (total !== undefined) announce(`${plural(total, 'asset')} match`);
  }, [total, type, q, announce]);

  return (
    <>
      <div className="page-head">
        <h1>Assets</h1>
        <p className="page-sub">
          {page.data && `${plural(page.data.total, 'asset')}. `}
          Medical and IoT devices have their own inventory: <Link to="/devices">Devices</Link>.
        </p>
      </div>
      <form
        className="filters filters-compact"
        role="search"
        aria-label="Filter assets"
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="field filter-search">
          <label htmlFor="assets-q">Search</label>
          <input
            id="assets-q"
            type="search"
            placeholder="Name, IP, hostname, owner…"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="assets-type">Type</label>
          <select
            id="assets-type"
            value={type}
            onChange={(e) => go({ type: e.target.value as AssetType | '', offset: 0 })}
          >
            <option value="">All types</option>
            {ASSET_TYPES.map((t) => (
              <option key={t} value={t}>
                {ASSET_TYPE_LABEL[t]}
              </option>
            ))}
          </select>
        </div>
      </form>
      <ErrorMessage error={page.error} prefix="The assets could not be loaded" />
      {!page.data && !page.error && <Loading what="Loading assets" />}
      {page.data && page.data.items.length === 0 && (
        <p className="empty">
          {type || q
            ? 'No assets match these filters.'
            : 'No assets yet. Importing a scan adds the hosts it found.'}
        </p>
      )}
      {page.data && page.data.items.length > 0 && (
        <div className="table-scroll">
          <table className="data-table" aria-busy={page.loading}>
            <caption className="visually-hidden">Assets</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Addresses</th>
                <th scope="col" className="col-optional">
                  Department
                </th>
                <th scope="col">Criticality</th>
                <th scope="col" className="num">
                  Open findings
                </th>
                <th scope="col" className="col-optional">
                  Last seen
                </th>
              </tr>
            </thead>
            <tbody>
              {page.data.items.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link to={`/assets/${encodeURIComponent(a.id)}`}>{a.name}</Link>
                  </th>
                  <td>{ASSET_TYPE_LABEL[a.type]}</td>
                  <td className="mono">
                    {[...a.ips, ...a.hostnames].slice(0, 2).join(', ') || a.fqdn || a.email || '—'}
                  </td>
                  <td className="col-optional">{a.department ?? '—'}</td>
                  <td>
                    <span className={`crit crit-${a.criticality}`}>
                      {CRITICALITY_LABEL[a.criticality]}
                    </span>
                  </td>
                  <td className="num">{formatNumber(a.openFindings)}</td>
                  <td className="col-optional">{formatDate(a.lastSeen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page.data && page.data.total > 0 && (
        <Pagination
          total={page.data.total}
          limit={LIMIT}
          offset={offset}
          noun="assets"
          onChange={(o) => go({ offset: o }, true)}
        />
      )}
    </>
  );
}

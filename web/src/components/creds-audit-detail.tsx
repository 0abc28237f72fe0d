import { useEffect, useId, useRef, useState } from 'react';
import type { CredentialAuditDetail, CredentialCategory } from '../../../src/api-types.ts';
import { formatDateTime, formatNumber, plural } from '../format.ts';
import { CATEGORIES, CATEGORY_LABEL } from './creds-labels.ts';

/**
 * One audit: how many accounts had which problem, and the problems account by account. Focus
 * moves to its heading when it opens, so keyboard users land on what they asked for.
 */
export function CredentialAuditDetailView({
  detail,
  onClose,
}: {
  detail: CredentialAuditDetail;
  onClose: () => void;
}) {
  const uid = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [category, setCategory] = useState<CredentialCategory | ''>('');
  useEffect(() => headingRef.current?.focus(), [detail.id]);

  // The summary is authoritative; counting the list is only a fallback for a category it omits.
  const count = (c: CredentialCategory) =>
    detail.summary[c] ?? detail.findings.filter((f) => f.category === c).length;
  const present = CATEGORIES.filter((c) => count(c) > 0);
  const rows = category ? detail.findings.filter((f) => f.category === category) : detail.findings;
  const algorithms = Object.entries(detail.algorithms);

  return (
    <section className="audit-run" aria-labelledby={`${uid}-title`} data-audit={detail.id}>
      <div className="audit-run-head">
        <h3 id={`${uid}-title`} ref={headingRef} tabIndex={-1}>
          Audit of <span className="mono">{detail.fileName}</span>
        </h3>
        <button type="button" className="button-secondary button-small" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="cell-sub">
        {plural(detail.accounts, 'account')} checked, {formatDateTime(detail.createdAt)} by{' '}
        {detail.createdBy}
        {algorithms.length > 0 &&
          ` · storage: ${algorithms.map(([name, n]) => `${name} (${formatNumber(n)})`).join(', ')}`}
      </p>
      {present.length === 0 && detail.findings.length === 0 ? (
        <p className="success">No problems were found in this file.</p>
      ) : (
        <>
          <dl className="counts audit-summary" aria-label="Accounts per problem">
            {present.map((c) => (
              <div key={c}>
                <dt>{CATEGORY_LABEL[c]}</dt>
                <dd>{formatNumber(count(c))}</dd>
              </div>
            ))}
          </dl>
          <div className="filters filters-compact">
            <div className="field">
              <label htmlFor={`${uid}-category`}>Show problem</label>
              <select
                id={`${uid}-category`}
                value={category}
                onChange={(e) => setCategory(e.target.value as CredentialCategory | '')}
              >
                <option value="">All problems ({formatNumber(detail.findings.length)})</option>
                {present.map((c) => (
                  <option key={c} value={c}>
                    {CATEGORY_LABEL[c]} ({formatNumber(count(c))})
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="table-scroll">
            <table className="data-table audit-findings">
              <caption>
                {category
                  ? `${CATEGORY_LABEL[category]}: ${plural(rows.length, 'account')}`
                  : `All problems: ${plural(rows.length, 'entry', 'entries')}`}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Account</th>
                  <th scope="col">Problem</th>
                  <th scope="col">Detail</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((f, i) => (
                  <tr key={`${f.account}-${f.category}-${i}`}>
                    <th scope="row" className="mono">
                      {f.account}
                    </th>
                    <td>{CATEGORY_LABEL[f.category] ?? f.category}</td>
                    <td>{f.detail}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

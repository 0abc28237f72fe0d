import { useState } from 'react';
import type { DeviceDetail } from '../../../src/api-types.ts';
import { formatDateTime } from '../format.ts';
import { Link } from '../router.tsx';
import { KevBadge, RiskBadge } from './dev-badges.tsx';
import { DECISION_STATUS_LABEL, nvdHref, VULN_SOURCE_LABEL } from './dev-labels.ts';
import { NotAffectedDialog } from './dev-not-affected.tsx';

/** The device's current vulnerability matches with why they matched, and the VEX decisions. */
export function DeviceVulns({
  device: d,
  writable,
  onChanged,
}: {
  device: DeviceDetail;
  writable: boolean;
  onChanged: () => void;
}) {
  const [deciding, setDeciding] = useState<string | null>(null);
  return (
    <section className="panel" aria-labelledby="dev-vulns-title">
      <h2 id="dev-vulns-title">Vulnerabilities</h2>
      {d.vulns.length === 0 ? (
        <p className="empty">
          No known vulnerabilities match this device. Matching needs the vulnerability feeds (
          <code>npx ward feeds import …</code>) and a run of <code>npx ward devices vulns</code>.
        </p>
      ) : (
        <div className="table-scroll">
          <table className="data-table dev-vulns">
            <caption className="visually-hidden">Vulnerabilities, highest risk first</caption>
            <thead>
              <tr>
                <th scope="col">CVE</th>
                <th scope="col">Risk</th>
                <th scope="col">KEV</th>
                <th scope="col" className="num">
                  CVSS
                </th>
                <th scope="col" className="num">
                  EPSS
                </th>
                <th scope="col">Why it matched</th>
                {writable && <th scope="col">Decision</th>}
              </tr>
            </thead>
            <tbody>
              {d.vulns.map((v) => (
                <tr key={v.cve}>
                  <th scope="row" className="mono">
                    <a href={nvdHref(v.cve)} target="_blank" rel="noreferrer">
                      {v.cve}
                    </a>
                    <span className="cell-sub">{VULN_SOURCE_LABEL[v.source]}</span>
                    {v.findingId && (
                      <span className="cell-sub">
                        <Link to={`/findings/${encodeURIComponent(v.findingId)}`}>Finding</Link>
                      </span>
                    )}
                  </th>
                  <td>
                    <RiskBadge risk={v.risk} />
                    <span className="cell-sub dev-risk-why">{v.riskWhy}</span>
                  </td>
                  <td>
                    <KevBadge vuln={v} />
                  </td>
                  <td className="num">{v.cvss ?? '—'}</td>
                  <td className="num">
                    {v.epss === null ? '—' : `${(v.epss * 100).toFixed(1)} %`}
                  </td>
                  <td className="dev-why">{v.why}</td>
                  {writable && (
                    <td>
                      <button
                        type="button"
                        className="button-secondary button-small"
                        aria-label={`Not affected: ${v.cve}`}
                        onClick={() => setDeciding(v.cve)}
                      >
                        Not affected
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {d.decisions.length > 0 && (
        <div className="table-scroll dev-decisions">
          <table className="data-table">
            <caption>Decisions (VEX)</caption>
            <thead>
              <tr>
                <th scope="col">CVE</th>
                <th scope="col">Status</th>
                <th scope="col">Justification</th>
                <th scope="col">Decided</th>
              </tr>
            </thead>
            <tbody>
              {d.decisions.map((x) => (
                <tr key={x.cve}>
                  <th scope="row" className="mono">
                    {x.cve}
                  </th>
                  <td>{DECISION_STATUS_LABEL[x.status]}</td>
                  <td>{x.justification ?? '—'}</td>
                  <td>
                    {formatDateTime(x.decidedAt)}
                    <span className="cell-sub">{x.decidedBy}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {writable && (
        <NotAffectedDialog
          deviceId={d.id}
          deviceName={d.name}
          cve={deciding}
          onClose={() => setDeciding(null)}
          onDecided={() => {
            setDeciding(null);
            onChanged();
          }}
        />
      )}
    </section>
  );
}

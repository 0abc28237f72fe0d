import type { Alert } from '../../../src/api-types.ts';
import { formatDateTime, formatNumber } from '../format.ts';
import { Link } from '../router.tsx';
import { AlertStatusBadge, LevelBadge } from './rw-badges.tsx';
import { RuleAuthor } from './rw-rule.tsx';

/**
 * Alerts as a table. The rule's author has its own column: SigmaHQ rules are under the Detection
 * Rule License, which asks for the author wherever a match is shown.
 */
export function AlertsTable({
  items,
  caption,
  busy = false,
  showCase = true,
}: {
  items: Alert[];
  caption: string;
  busy?: boolean;
  showCase?: boolean;
}) {
  return (
    <div className="table-scroll">
      <table className="data-table rw-alerts-table" aria-busy={busy}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Level</th>
            <th scope="col">Rule</th>
            <th scope="col">Rule author</th>
            <th scope="col">Host</th>
            <th scope="col" className="num">
              Events
            </th>
            <th scope="col" className="col-optional">
              First seen
            </th>
            <th scope="col">Last seen</th>
            <th scope="col">Status</th>
            {showCase && <th scope="col">Case</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr key={a.id}>
              <td>
                <LevelBadge level={a.level} />
              </td>
              <td className="title-cell">
                <Link to={`/alerts/${encodeURIComponent(a.id)}`}>{a.rule.title}</Link>
              </td>
              <td>
                <RuleAuthor rule={a.rule} />
              </td>
              <td className="asset-cell">{a.host ?? '—'}</td>
              <td className="num">{formatNumber(a.count)}</td>
              <td className="col-optional">{formatDateTime(a.firstSeen)}</td>
              <td>{formatDateTime(a.lastSeen)}</td>
              <td>
                <AlertStatusBadge status={a.status} />
              </td>
              {showCase && (
                <td>
                  {a.caseId ? (
                    <Link to={`/cases/${encodeURIComponent(a.caseId)}`}>
                      Case<span className="visually-hidden"> of this alert</span>
                    </Link>
                  ) : (
                    '—'
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import type { DeviceListItem } from '../../../src/api-types.ts';
import { formatNumber } from '../format.ts';
import { Link } from '../router.tsx';
import { DeviceClassLabel, RiskBadge } from './dev-badges.tsx';

/** The inventory, riskiest first (the server's order). */
export function DevicesTable({ items, busy }: { items: DeviceListItem[]; busy: boolean }) {
  return (
    <div className="table-scroll">
      <table className="data-table dev-table" aria-busy={busy}>
        <caption className="visually-hidden">Devices, highest risk first</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Manufacturer</th>
            <th scope="col">Model</th>
            <th scope="col" className="col-optional">
              Version
            </th>
            <th scope="col">Class</th>
            <th scope="col" className="col-optional">
              Department
            </th>
            <th scope="col" className="col-optional">
              IP
            </th>
            <th scope="col">Highest risk</th>
            <th scope="col" className="num">
              Vulnerabilities
            </th>
            <th scope="col" className="num">
              KEV
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((d) => (
            <tr key={d.id}>
              <th scope="row">
                <Link to={`/devices/${encodeURIComponent(d.id)}`}>{d.name}</Link>
              </th>
              <td>{d.manufacturer ?? '—'}</td>
              <td>{d.model ?? '—'}</td>
              <td className="col-optional mono">{d.version ?? '—'}</td>
              <td>
                <DeviceClassLabel value={d.deviceClass} />
              </td>
              <td className="col-optional">{d.department ?? '—'}</td>
              <td className="col-optional mono">{d.ip ?? '—'}</td>
              <td>
                <RiskBadge risk={d.risk} />
              </td>
              <td className="num">{formatNumber(d.vulns)}</td>
              <td className="num">{formatNumber(d.kev)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import type { DeviceHistoryEntry } from '../../../src/api-types.ts';
import { formatDateTime } from '../format.ts';

/** Every change the imports made to the device's fields, newest first. */
export function DeviceHistory({ history }: { history: DeviceHistoryEntry[] }) {
  return (
    <section className="panel" aria-labelledby="dev-history-title">
      <h2 id="dev-history-title">Change history</h2>
      {history.length === 0 ? (
        <p className="empty">No changes since the device was first imported.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table dev-history">
            <caption className="visually-hidden">Changes, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Field</th>
                <th scope="col">Before</th>
                <th scope="col">After</th>
                <th scope="col" className="col-optional">
                  Source
                </th>
              </tr>
            </thead>
            <tbody>
              {history.map((h, i) => (
                <tr key={`${h.changedAt}-${h.field}-${i}`}>
                  <td>
                    {formatDateTime(h.changedAt)}
                    <span className="cell-sub">{h.changedBy}</span>
                  </td>
                  <th scope="row">{h.field}</th>
                  <td className="mono dev-why">{h.oldValue ?? '—'}</td>
                  <td className="mono dev-why">{h.newValue ?? '—'}</td>
                  <td className="col-optional">{h.source}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

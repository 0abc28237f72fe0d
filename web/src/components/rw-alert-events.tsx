import type { AlertEvent } from '../../../src/api-types.ts';
import { formatDateTime } from '../format.ts';

// The fields an analyst reads first in Sysmon and Security events; the rest is one click away.
const KEY_FIELDS = [
  'EventID',
  'Image',
  'CommandLine',
  'ParentImage',
  'ParentCommandLine',
  'TargetFilename',
  'TargetObject',
  'TargetUserName',
  'SubjectUserName',
  'User',
  'OriginalFileName',
  'Hashes',
] as const;

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The stored events of an alert: time, source, record id, key fields and every field on demand. */
export function AlertEvents({ events, total }: { events: AlertEvent[]; total: number }) {
  if (events.length === 0) return <p className="empty">No events were stored for this alert.</p>;
  return (
    <>
      {total > events.length && (
        <p className="hint">
          The first {events.length} of {total} events are kept; the alert counts the rest.
        </p>
      )}
      <div className="table-scroll">
        <table className="data-table rw-events">
          <caption className="visually-hidden">Events of this alert, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Source</th>
              <th scope="col" className="num">
                Record
              </th>
              <th scope="col">Fields</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e, i) => {
              const entries = Object.entries(e.fields);
              const key = KEY_FIELDS.filter((f) => e.fields[f] !== undefined);
              return (
                <tr key={`${e.at}-${e.recordId ?? i}`}>
                  <td className="nowrap">{formatDateTime(e.at)}</td>
                  <td className="asset-cell">{e.source ?? '—'}</td>
                  <td className="num">{e.recordId ?? '—'}</td>
                  <td className="rw-fields-cell">
                    {key.length > 0 && (
                      <dl className="rw-fields">
                        {key.map((f) => (
                          <div key={f}>
                            <dt>{f}</dt>
                            <dd className="mono">{show(e.fields[f])}</dd>
                          </div>
                        ))}
                      </dl>
                    )}
                    <details>
                      <summary>All {entries.length} fields</summary>
                      <dl className="rw-fields">
                        {entries.map(([name, value]) => (
                          <div key={name}>
                            <dt>{name}</dt>
                            <dd className="mono">{show(value)}</dd>
                          </div>
                        ))}
                      </dl>
                    </details>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

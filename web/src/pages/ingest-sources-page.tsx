import { useState, type FormEvent } from 'react';
import type { CreatedIngestSource } from '../../../src/api-types.ts';
import { api } from '../api.ts';
import { useMe } from '../auth.tsx';
import { useAnnounce } from '../components/announcer.tsx';
import { ErrorMessage } from '../components/error-message.tsx';
import { Loading } from '../components/loading.tsx';
import { IngestExample, SourceCreated } from '../components/rw-source-created.tsx';
import { formatDateTime, formatNumber } from '../format.ts';
import { useResource, useTitle } from '../hooks.ts';

/** Administrators decide which log shippers may send events: create (token once), disable. */
export function IngestSourcesPage() {
  useTitle('Ingest sources');
  const me = useMe();
  if (me.role !== 'admin') {
    return (
      <>
        <h1>Ingest sources</h1>
        <p className="notice">Only administrators manage ingest sources.</p>
      </>
    );
  }
  return <Sources />;
}

function Sources() {
  const announce = useAnnounce();
  const sources = useResource((signal) => api.ingestSources(signal), []);
  const [created, setCreated] = useState<CreatedIngestSource | null>(null);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [rowError, setRowError] = useState<unknown>();

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const source = await api.createIngestSource({
        name: name.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
      });
      setCreated(source);
      setName('');
      setDescription('');
      announce(`Source ${source.name} created. Copy its token now; it is shown only once.`);
      sources.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const disable = async (id: string, sourceName: string) => {
    if (!window.confirm(`Disable "${sourceName}"? Its shipper's events are refused from now on.`))
      return;
    setRowError(undefined);
    try {
      await api.disableIngestSource(id);
      announce(`Source ${sourceName} disabled.`);
      sources.reload();
    } catch (err) {
      setRowError(err);
    }
  };

  return (
    <>
      <div className="page-head">
        <h1>Ingest sources</h1>
        <p className="page-sub">Log shippers allowed to send events for detection.</p>
      </div>
      <section className="panel" aria-labelledby="source-new-title">
        <h2 id="source-new-title">Add a source</h2>
        {created && <SourceCreated source={created} onDone={() => setCreated(null)} />}
        <form className="form" onSubmit={(e) => void create(e)}>
          <div className="form-row">
            <div className="field">
              <label htmlFor="source-name">Name</label>
              <input
                id="source-name"
                required
                placeholder="e.g. Winlogbeat on the WEC server"
                value={name}
                onChange={(e) => setName(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="source-description">Description (optional)</label>
              <input
                id="source-description"
                value={description}
                onChange={(e) => setDescription(e.target.value)}
              />
            </div>
          </div>
          <ErrorMessage error={error} prefix="The source was not created" />
          <div className="actions">
            <button type="submit" disabled={busy || !name.trim()}>
              Create source
            </button>
          </div>
        </form>
      </section>
      <section className="panel" aria-labelledby="source-list-title">
        <h2 id="source-list-title">Sources</h2>
        <ErrorMessage error={sources.error} prefix="The sources could not be loaded" />
        <ErrorMessage error={rowError} prefix="Not disabled" />
        {!sources.data && !sources.error && <Loading what="Loading sources" />}
        {sources.data && sources.data.length === 0 && (
          <p className="empty">No sources yet: no events can be sent.</p>
        )}
        {sources.data && sources.data.length > 0 && (
          <div className="table-scroll">
            <table className="data-table rw-sources">
              <caption className="visually-hidden">Ingest sources</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Token starts</th>
                  <th scope="col" className="num">
                    Events
                  </th>
                  <th scope="col">Last event</th>
                  <th scope="col" className="col-optional">
                    Created
                  </th>
                  <th scope="col">State</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {sources.data.map((s) => (
                  <tr key={s.id} className={s.disabled ? 'row-disabled' : undefined}>
                    <th scope="row">
                      {s.name}
                      {s.description && <span className="cell-sub">{s.description}</span>}
                    </th>
                    <td className="mono">{s.tokenPrefix}…</td>
                    <td className="num">{formatNumber(s.events)}</td>
                    <td>{s.lastEventAt ? formatDateTime(s.lastEventAt) : 'Never'}</td>
                    <td className="col-optional">
                      {formatDateTime(s.createdAt)}
                      <span className="cell-sub">{s.createdBy}</span>
                    </td>
                    <td>{s.disabled ? 'Disabled' : 'Active'}</td>
                    <td>
                      {!s.disabled && (
                        <button
                          type="button"
                          className="button-danger button-small"
                          onClick={() => void disable(s.id, s.name)}
                        >
                          Disable <span className="visually-hidden">{s.name}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="panel" aria-labelledby="source-howto-title">
        <h2 id="source-howto-title">Sending events</h2>
        <IngestExample />
      </section>
    </>
  );
}

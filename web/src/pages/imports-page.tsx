import { useEffect, useState, type FormEvent } from 'react';
import type { ImportRun } from '../../../src/api-types.ts';
import { api } from '../api.ts';
import { canWrite, useMe } from '../auth.tsx';
import { ErrorMessage } from '../components/error-message.tsx';
import { ImportProgress, isActive } from '../components/import-progress.tsx';
import { Loading } from '../components/loading.tsx';
import { Pagination } from '../components/pagination.tsx';
import { formatDateTime, formatNumber } from '../format.ts';
import { useResource, useTitle } from '../hooks.ts';

const LIMIT = 20;
type FormatChoice = 'auto' | 'nmap' | 'nessus';

/** Upload a scanner file, watch it being imported, and see earlier imports. */
export function ImportsPage() {
  useTitle('Imports');
  const me = useMe();
  const [offset, setOffset] = useState(0);
  const [tracked, setTracked] = useState<ImportRun | null>(null);
  const runs = useResource((signal) => api.imports({ limit: LIMIT, offset }, signal), [offset]);

  // Coming back to the page while an import runs: follow the newest running one again.
  const newest = runs.data?.items[0];
  useEffect(() => {
    if (newest && isActive(newest)) setTracked((current) => current ?? newest);
  }, [newest]);

  return (
    <>
      <div className="page-head">
        <h1>Imports</h1>
        <p className="page-sub">
          Nessus (.nessus) and Nmap (XML) results become assets and findings.
        </p>
      </div>
      {canWrite(me.role) ? (
        <UploadForm onStarted={(run) => setTracked(run)} />
      ) : (
        <p className="notice">Your role can see imports but not start them.</p>
      )}
      {/* Progress is announced through the app's live region; the panel itself stays silent. */}
      {tracked && <ImportProgress key={tracked.id} initial={tracked} onFinished={runs.reload} />}
      <section className="panel" aria-labelledby="past-title">
        <h2 id="past-title">Past imports</h2>
        <ErrorMessage error={runs.error} prefix="The imports could not be loaded" />
        {!runs.data && !runs.error && <Loading what="Loading imports" />}
        {runs.data && runs.data.items.length === 0 && (
          <p className="empty">Nothing has been imported yet.</p>
        )}
        {runs.data && runs.data.items.length > 0 && (
          <>
            <div className="table-scroll">
              <table className="data-table">
                <caption className="visually-hidden">Past imports, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">File</th>
                    <th scope="col">Format</th>
                    <th scope="col">State</th>
                    <th scope="col" className="num">
                      Hosts
                    </th>
                    <th scope="col" className="num">
                      New
                    </th>
                    <th scope="col" className="num">
                      Seen
                    </th>
                    <th scope="col" className="num">
                      Fixed
                    </th>
                    <th scope="col">Started</th>
                    <th scope="col">By</th>
                  </tr>
                </thead>
                <tbody>
                  {runs.data.items.map((r) => (
                    <tr key={r.id}>
                      <th scope="row" className="mono">
                        {r.fileName}
                      </th>
                      <td>{r.format ?? '—'}</td>
                      <td>
                        <span className={`run-state run-${r.state}`}>{r.state}</span>
                        {isActive(r) && tracked?.id !== r.id && (
                          <button
                            type="button"
                            className="button-link"
                            onClick={() => setTracked(r)}
                          >
                            Follow
                          </button>
                        )}
                        {r.state === 'failed' && r.error && (
                          <span className="cell-sub">{r.error}</span>
                        )}
                      </td>
                      <td className="num">{formatNumber(r.hosts)}</td>
                      <td className="num">{formatNumber(r.findingsNew)}</td>
                      <td className="num">{formatNumber(r.findingsSeen)}</td>
                      <td className="num">{formatNumber(r.findingsFixed)}</td>
                      <td>{formatDateTime(r.createdAt)}</td>
                      <td>{r.createdBy}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination
              total={runs.data.total}
              limit={LIMIT}
              offset={offset}
              noun="imports"
              onChange={setOffset}
            />
          </>
        )}
      </section>
    </>
  );
}

function UploadForm({ onStarted }: { onStarted: (run: ImportRun) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<FormatChoice>('auto');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [inputKey, setInputKey] = useState(0);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      const run = await api.startImport(file, format);
      onStarted(run);
      setFile(null);
      // A file input cannot be cleared through its value; a new element is the reliable way.
      setInputKey((k) => k + 1);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="upload-title">
      <h2 id="upload-title">Import a scan</h2>
      <form onSubmit={(e) => void submit(e)} className="form upload-form">
        <div className="form-row">
          <div className="field">
            <label htmlFor="import-file">Scanner file</label>
            <input
              key={inputKey}
              id="import-file"
              type="file"
              accept=".nessus,.xml,application/xml,text/xml"
              required
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </div>
          <div className="field">
            <label htmlFor="import-format">Format</label>
            <select
              id="import-format"
              value={format}
              onChange={(e) => setFormat(e.target.value as FormatChoice)}
            >
              <option value="auto">Detect automatically</option>
              <option value="nessus">Nessus (.nessus v2)</option>
              <option value="nmap">Nmap XML (-oX)</option>
            </select>
          </div>
        </div>
        <ErrorMessage error={error} prefix="The file was not accepted" />
        <div className="actions">
          <button type="submit" disabled={busy || !file}>
            {busy ? 'Uploading…' : 'Upload and import'}
          </button>
        </div>
      </form>
    </section>
  );
}

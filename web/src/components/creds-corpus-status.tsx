import { api } from '../api.ts';
import { formatDateTime, formatNumber } from '../format.ts';
import { useResource } from '../hooks.ts';
import { CORPUS_KIND_LABEL, formatBytes } from './creds-labels.ts';
import { ErrorMessage } from './error-message.tsx';
import { Loading } from './loading.tsx';

const IMPORT_COMMAND = 'npx ward creds corpus import FILE';

/** Which breached-password lists Ward can look passwords and NT hashes up in. */
export function CorpusStatusPanel() {
  const corpus = useResource((signal) => api.corpusStatus(signal), []);
  const indexes = corpus.data?.indexes ?? [];

  return (
    <section className="panel" aria-labelledby="corpus-title">
      <h2 id="corpus-title">Breached-password corpus</h2>
      <ErrorMessage error={corpus.error} prefix="The corpus status could not be loaded" />
      {!corpus.data && !corpus.error && <Loading what="Loading the corpus status" />}
      {corpus.data && indexes.length === 0 && (
        <div className="empty corpus-empty">
          <p>
            No breached-password corpus has been imported, so passwords and hashes are not compared
            with known breaches yet. On the Ward server, download a Pwned Passwords file (SHA-1 or
            NTLM) and import it:
          </p>
          <pre className="evidence">
            <code>{IMPORT_COMMAND}</code>
          </pre>
        </div>
      )}
      {indexes.length > 0 && (
        <>
          <div className="table-scroll">
            <table className="data-table corpus-table">
              <caption className="visually-hidden">Imported breached-password indexes</caption>
              <thead>
                <tr>
                  <th scope="col">Kind</th>
                  <th scope="col" className="num">
                    Entries
                  </th>
                  <th scope="col" className="num">
                    Size
                  </th>
                  <th scope="col">Imported</th>
                  <th scope="col">Index</th>
                  <th scope="col">Sources</th>
                </tr>
              </thead>
              <tbody>
                {indexes.map((ix) => (
                  <tr key={ix.kind}>
                    <th scope="row">{CORPUS_KIND_LABEL[ix.kind] ?? ix.kind}</th>
                    <td className="num">{formatNumber(ix.entries)}</td>
                    <td className="num">{formatBytes(ix.bytes)}</td>
                    <td>{formatDateTime(ix.importedAt)}</td>
                    <td>
                      {ix.compact ? 'Compact' : 'Full'}
                      <span className="cell-sub">
                        {ix.compact
                          ? 'Lookups only; the range API is not available.'
                          : 'Lookups and the range API.'}
                      </span>
                    </td>
                    <td className="mono">{ix.sources.length > 0 ? ix.sources.join(', ') : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="hint">
            To add or refresh an index, run <code>{IMPORT_COMMAND}</code> on the Ward server.
          </p>
        </>
      )}
    </section>
  );
}

import { useId, useState, type FormEvent } from 'react';
import type { DeviceImportResult } from '../../../src/api-types.ts';
import { api } from '../api.ts';
import { formatNumber, plural } from '../format.ts';
import { useAnnounce } from './announcer.tsx';
import { ErrorMessage } from './error-message.tsx';

/**
 * Upload an inventory CSV from the CMMS or the NAC. Rows merge into the devices already known
 * (MAC, serial, IP and host name, name); every changed field goes to the device's history.
 */
export function DeviceImport({
  canUpload,
  onImported,
}: {
  canUpload: boolean;
  onImported: () => void;
}) {
  const [result, setResult] = useState<DeviceImportResult | null>(null);
  return (
    <section className="panel dev-import" aria-labelledby="dev-import-title">
      <h2 id="dev-import-title">Import the inventory</h2>
      <p className="hint">
        A CSV export from the CMMS or the network access control, one device a row. Ward needs at
        least a name, manufacturer and model column; version, type, IP, MAC, department, serial and
        CPE columns make the vulnerability matching better.
      </p>
      {canUpload ? (
        <ImportForm
          onImported={(r) => {
            setResult(r);
            onImported();
          }}
        />
      ) : (
        <p className="notice">Your role can see the devices but not import inventories.</p>
      )}
      {result && <ImportResult result={result} />}
    </section>
  );
}

function ImportForm({ onImported }: { onImported: (r: DeviceImportResult) => void }) {
  const uid = useId();
  const announce = useAnnounce();
  const [file, setFile] = useState<File | null>(null);
  const [mapping, setMapping] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [inputKey, setInputKey] = useState(0);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      const r = await api.importDevices(file, mapping);
      announce(
        `Imported ${r.fileName}: ${plural(r.rows, 'row')}, ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged.`,
      );
      onImported(r);
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
    <form onSubmit={(e) => void submit(e)} className="form upload-form">
      <div className="form-row">
        <div className="field">
          <label htmlFor={`${uid}-file`}>Inventory CSV</label>
          <input
            key={inputKey}
            id={`${uid}-file`}
            type="file"
            accept=".csv,text/csv"
            required
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <div className="field dev-mapping">
          <label htmlFor={`${uid}-mapping`}>Column mapping (optional)</label>
          <input
            id={`${uid}-mapping`}
            type="text"
            value={mapping}
            placeholder="Asset Label=name, Hersteller=manufacturer"
            aria-describedby={`${uid}-mapping-hint`}
            onChange={(e) => setMapping(e.target.value)}
          />
          <p className="hint" id={`${uid}-mapping-hint`}>
            Only for headers Ward does not recognise: column=field pairs.
          </p>
        </div>
      </div>
      <ErrorMessage error={error} prefix="The inventory was not imported" />
      <div className="actions">
        <button type="submit" disabled={busy || !file}>
          {busy ? 'Importing…' : 'Import inventory'}
        </button>
      </div>
    </form>
  );
}

function ImportResult({ result }: { result: DeviceImportResult }) {
  const titleId = useId();
  const counts: [string, number][] = [
    ['Rows', result.rows],
    ['Created', result.created],
    ['Updated', result.updated],
    ['Unchanged', result.unchanged],
  ];
  return (
    <section className="dev-import-result" aria-labelledby={titleId}>
      <h3 id={titleId}>
        Imported <span className="mono">{result.fileName}</span>
      </h3>
      <dl className="counts">
        {counts.map(([term, n]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{formatNumber(n)}</dd>
          </div>
        ))}
      </dl>
      <p className="hint">
        Run <code>npx ward devices vulns</code> to match the new devices to known vulnerabilities.
      </p>
    </section>
  );
}

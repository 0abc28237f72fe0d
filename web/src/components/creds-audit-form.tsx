import { useId, useState, type FormEvent } from 'react';
import type { CredentialAuditDetail, CredentialFileFormat } from '../../../src/api-types.ts';
import { api } from '../api.ts';
import { ErrorMessage } from './error-message.tsx';

type FormatChoice = 'auto' | CredentialFileFormat;

/** Upload of a password-hash dump; the answer is the finished audit with its findings. */
export function CredentialAuditForm({
  onAudited,
}: {
  onAudited: (detail: CredentialAuditDetail) => void;
}) {
  const uid = useId();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<FormatChoice>('auto');
  const [system, setSystem] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [inputKey, setInputKey] = useState(0);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      const detail = await api.startCredentialAudit(file, format, system);
      onAudited(detail);
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
          <label htmlFor={`${uid}-file`}>Credential file</label>
          <input
            key={inputKey}
            id={`${uid}-file`}
            type="file"
            required
            aria-describedby={`${uid}-hint`}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${uid}-format`}>File format</label>
          <select
            id={`${uid}-format`}
            value={format}
            onChange={(e) => setFormat(e.target.value as FormatChoice)}
          >
            <option value="auto">Detect automatically</option>
            <option value="ntds">NTDS dump (secretsdump: user:rid:lm:nt:::)</option>
            <option value="shadow">Linux /etc/shadow</option>
            <option value="htpasswd">Apache .htpasswd</option>
            <option value="csv">CSV (account and hash columns)</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${uid}-system`}>System audited</label>
          <input
            id={`${uid}-system`}
            type="text"
            value={system}
            placeholder="e.g. Active Directory (CORP)"
            aria-describedby={`${uid}-system-hint`}
            onChange={(e) => setSystem(e.target.value)}
          />
          <span className="hint" id={`${uid}-system-hint`}>
            Findings go to this system; the file name is used when empty.
          </span>
        </div>
      </div>
      <p className="hint" id={`${uid}-hint`}>
        Move the file over a secure channel and delete it once the audit is done.
      </p>
      <ErrorMessage error={error} prefix="The file was not audited" />
      <div className="actions">
        <button type="submit" disabled={busy || !file}>
          {busy ? 'Auditing…' : 'Upload and audit'}
        </button>
      </div>
    </form>
  );
}

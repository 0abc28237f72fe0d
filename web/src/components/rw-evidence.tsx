import { useState, type FormEvent } from 'react';
import type { CaseEvidence } from '../../../src/api-types.ts';
import { api } from '../api.ts';
import { formatDateTime } from '../format.ts';
import { useAnnounce } from './announcer.tsx';
import { ErrorMessage } from './error-message.tsx';

/** Only web addresses become links: a pasted `javascript:` URL must not run on click. */
function safeHref(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

/** What was collected for the case (memory images, ticket links, exported logs) and by whom. */
export function CaseEvidenceList({
  caseId,
  evidence,
  writable,
  onAdded,
}: {
  caseId: string;
  evidence: CaseEvidence[];
  writable: boolean;
  onAdded: () => void;
}) {
  const announce = useAnnounce();
  const [label, setLabel] = useState('');
  const [url, setUrl] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.addCaseEvidence(caseId, {
        label: label.trim(),
        ...(url.trim() ? { url: url.trim() } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setLabel('');
      setUrl('');
      setNote('');
      announce('Evidence added.');
      onAdded();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {evidence.length === 0 ? (
        <p className="empty">No evidence recorded yet.</p>
      ) : (
        <ul className="comments rw-evidence">
          {evidence.map((ev) => {
            const href = ev.url ? safeHref(ev.url) : null;
            return (
              <li key={ev.id} className="comment">
                <p className="comment-body">
                  <strong>{ev.label}</strong>
                  {ev.url && (
                    <>
                      {' · '}
                      {href ? (
                        <a href={href} target="_blank" rel="noreferrer">
                          {ev.url}
                        </a>
                      ) : (
                        <code>{ev.url}</code>
                      )}
                    </>
                  )}
                </p>
                {ev.note && <p className="comment-body">{ev.note}</p>}
                <p className="comment-meta">
                  {ev.addedBy} · <time dateTime={ev.addedAt}>{formatDateTime(ev.addedAt)}</time>
                </p>
              </li>
            );
          })}
        </ul>
      )}
      {writable && (
        <form className="form" onSubmit={(e) => void submit(e)} aria-label="Add evidence">
          <div className="form-row">
            <div className="field">
              <label htmlFor="evidence-label">Evidence</label>
              <input
                id="evidence-label"
                required
                placeholder="e.g. Memory image of WS-017"
                value={label}
                onChange={(e) => setLabel(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="evidence-url">Link (optional)</label>
              <input
                id="evidence-url"
                type="url"
                placeholder="https://…"
                value={url}
                onChange={(e) => setUrl(e.target.value)}
              />
            </div>
          </div>
          <div className="field">
            <label htmlFor="evidence-note">Note (optional)</label>
            <textarea
              id="evidence-note"
              rows={2}
              placeholder="Where it is stored, hash, chain of custody"
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          </div>
          <ErrorMessage error={error} prefix="Evidence not saved" />
          <div className="actions">
            <button type="submit" className="button-secondary" disabled={busy || !label.trim()}>
              Add evidence
            </button>
          </div>
        </form>
      )}
    </>
  );
}

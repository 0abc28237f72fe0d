import { useState, type FormEvent } from 'react';
import type { FindingDetail, FindingEvent } from '../../../src/api-types.ts';
import { api } from '../api.ts';
import { formatDateTime, STATUS_LABEL } from '../format.ts';
import { useAnnounce } from './announcer.tsx';
import { ErrorMessage } from './error-message.tsx';

/** Status values in history events are API words; show them as the rest of the UI does. */
function label(value: string | null): string {
  if (value === null || value === '') return '—';
  return (STATUS_LABEL as Record<string, string>)[value] ?? value;
}

function describeEvent(e: FindingEvent): string {
  switch (e.kind) {
    case 'created':
      return 'Found for the first time';
    case 'seen':
      return 'Seen again by a scan';
    case 'status':
      return `Status changed from ${label(e.from)} to ${label(e.to)}`;
    case 'assignee':
      return e.to ? `Assigned to ${e.to}` : `Unassigned${e.from ? ` (was ${e.from})` : ''}`;
    case 'comment':
      return 'Commented';
    case 'reopened':
      return 'Reopened';
    default:
      return e.from !== null || e.to !== null
        ? `${e.kind}: ${label(e.from)} → ${label(e.to)}`
        : e.kind;
  }
}

export function FindingHistory({ history }: { history: FindingEvent[] }) {
  if (history.length === 0) return <p className="empty">No history yet.</p>;
  // Newest first: the latest change is what people come to check.
  const events = [...history].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <ol className="timeline" aria-label="History, newest first">
      {events.map((e, i) => (
        <li key={`${e.at}-${i}`} className={`timeline-item kind-${e.kind}`}>
          <p className="timeline-what">{describeEvent(e)}</p>
          <p className="timeline-meta">
            <time dateTime={e.at}>{formatDateTime(e.at)}</time> · {e.actor}
          </p>
          {e.note && <p className="timeline-note">{e.note}</p>}
        </li>
      ))}
    </ol>
  );
}

export function FindingComments({
  finding,
  canWrite,
  onAdded,
}: {
  finding: FindingDetail;
  canWrite: boolean;
  onAdded: () => void;
}) {
  const announce = useAnnounce();
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.addComment(finding.id, body.trim());
      setBody('');
      announce('Comment added.');
      onAdded();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {finding.comments.length === 0 ? (
        <p className="empty">No comments yet.</p>
      ) : (
        <ul className="comments">
          {finding.comments.map((c) => (
            <li key={c.id} className="comment">
              <p className="comment-meta">
                <strong>{c.author}</strong> ·{' '}
                <time dateTime={c.createdAt}>{formatDateTime(c.createdAt)}</time>
              </p>
              <p className="comment-body">{c.body}</p>
            </li>
          ))}
        </ul>
      )}
      {canWrite && (
        <form onSubmit={(e) => void submit(e)} className="form">
          <div className="field">
            <label htmlFor="comment-body">Add a comment</label>
            <textarea
              id="comment-body"
              rows={3}
              required
              value={body}
              onChange={(e) => setBody(e.target.value)}
            />
          </div>
          <ErrorMessage error={error} prefix="Comment not saved" />
          <div className="actions">
            <button type="submit" disabled={busy || !body.trim()}>
              {busy ? 'Adding…' : 'Add comment'}
            </button>
          </div>
        </form>
      )}
    </>
  );
}

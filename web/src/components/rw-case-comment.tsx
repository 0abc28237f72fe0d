import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { useAnnounce } from './announcer.tsx';
import { ErrorMessage } from './error-message.tsx';

/** A comment goes into the case timeline, with the author and time the server records. */
export function CaseCommentForm({ caseId, onAdded }: { caseId: string; onAdded: () => void }) {
  const announce = useAnnounce();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.addCaseComment(caseId, text.trim());
      setText('');
      announce('Comment added to the timeline.');
      onAdded();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={(e) => void submit(e)}>
      <div className="field">
        <label htmlFor="case-comment">Add a comment</label>
        <textarea
          id="case-comment"
          rows={3}
          required
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <ErrorMessage error={error} prefix="Comment not saved" />
      <div className="actions">
        <button type="submit" disabled={busy || !text.trim()}>
          {busy ? 'Adding…' : 'Add comment'}
        </button>
      </div>
    </form>
  );
}

import { useState, type FormEvent } from 'react';
import type {
  ReadinessAnswerValue,
  ReadinessAssessment,
  ReadinessQuestion as Question,
} from '../../../src/api-types.ts';
import { api } from '../api.ts';
import { formatDate, formatDateTime } from '../format.ts';
import { useAnnounce } from './announcer.tsx';
import { ErrorMessage } from './error-message.tsx';
import { READINESS_ANSWERS, READINESS_LABEL } from './rw-labels.ts';

type Item = ReadinessAssessment['questions'][number];

/** One readiness question: what is asked and why, the current answer and its age, the form. */
export function ReadinessQuestionCard({
  item,
  writable,
  onSaved,
}: {
  item: Item;
  writable: boolean;
  onSaved: (next: ReadinessAssessment) => void;
}) {
  const announce = useAnnounce();
  const current = item.answer;
  const [answer, setAnswer] = useState<ReadinessAnswerValue | ''>(current?.answer ?? '');
  const [evidence, setEvidence] = useState(current?.evidence ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const titleId = `q-${item.key}-title`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!answer) return;
    setBusy(true);
    setError(undefined);
    try {
      const next = await api.answerReadiness(item.key, answer, evidence.trim() || undefined);
      announce(`Answer saved: ${READINESS_LABEL[answer]}. Score ${next.score} of 100.`);
      onSaved(next);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="panel rw-question" aria-labelledby={titleId} data-key={item.key}>
      <div className="rw-question-head">
        <h2 id={titleId}>{item.text}</h2>
        <AnswerState item={item} />
      </div>
      <p className="hint">{item.help}</p>
      {current && (
        <p className="rw-answer-meta">
          Answered by {current.answeredBy} on{' '}
          <time dateTime={current.answeredAt}>{formatDateTime(current.answeredAt)}</time>;{' '}
          {current.stale ? 'expired' : 'valid until'} {formatDate(current.expiresAt)}.
          {current.evidence && <span className="prewrap"> Evidence: {current.evidence}</span>}
        </p>
      )}
      {writable && (
        <form className="form" onSubmit={(e) => void submit(e)} aria-label={`Answer: ${item.text}`}>
          <fieldset className="filter-group">
            <legend>Answer</legend>
            {READINESS_ANSWERS.map((v) => (
              <label key={v} className="checkbox-inline">
                <input
                  type="radio"
                  name={`answer-${item.key}`}
                  value={v}
                  checked={answer === v}
                  onChange={() => setAnswer(v)}
                />
                {READINESS_LABEL[v]}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor={`evidence-${item.key}`}>Evidence (optional)</label>
            <textarea
              id={`evidence-${item.key}`}
              rows={2}
              placeholder="Where this can be checked: test report, ticket, runbook"
              value={evidence}
              onChange={(e) => setEvidence(e.target.value)}
            />
          </div>
          <ErrorMessage error={error} prefix="Answer not saved" />
          <div className="actions">
            <button type="submit" className="button-secondary" disabled={busy || !answer}>
              Save answer
            </button>
          </div>
        </form>
      )}
    </li>
  );
}

/** The answer in words, and "stale" when it is too old to count, so it is never colour alone. */
function AnswerState({ item }: { item: Question & { answer: Item['answer'] } }) {
  const a = item.answer;
  if (!a) return <span className="badge rw-answer-none">Not answered</span>;
  return (
    <span className="rw-answer-badges">
      <span className={`badge rw-answer-${a.answer}`}>{READINESS_LABEL[a.answer]}</span>
      {a.stale && <span className="badge rw-stale">Stale: answer again</span>}
    </span>
  );
}

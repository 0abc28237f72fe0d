import { useEffect, useState } from 'react';
import type { ReadinessAssessment } from '../../../src/api-types.ts';
import { api } from '../api.ts';
import { canWrite, useMe } from '../auth.tsx';
import { ErrorMessage } from '../components/error-message.tsx';
import { Loading } from '../components/loading.tsx';
import { ReadinessQuestionCard } from '../components/rw-readiness-question.tsx';
import { useResource, useTitle } from '../hooks.ts';

/**
 * Recovery readiness: could the hospital restore after an attack? Answers age out, so the score
 * reflects what was checked recently rather than what was once true.
 */
export function ReadinessPage() {
  useTitle('Recovery readiness');
  const me = useMe();
  const loaded = useResource((signal) => api.readiness(signal), []);
  // A saved answer returns the whole assessment; show it without another request.
  const [latest, setLatest] = useState<ReadinessAssessment | undefined>();
  useEffect(() => setLatest(undefined), [loaded.data]);
  const data = latest ?? loaded.data;

  return (
    <>
      <div className="page-head">
        <h1>Recovery readiness</h1>
        {data && (
          <p className="page-sub rw-score">
            Score: <strong data-testid="readiness-score">{data.score}</strong> of 100
          </p>
        )}
      </div>
      <p className="hint">
        Yes counts fully, partly counts half; no, unknown and answers past their review date count
        nothing.
      </p>
      <ErrorMessage error={loaded.error} prefix="The readiness questions could not be loaded" />
      {!data && !loaded.error && <Loading what="Loading the questions" />}
      {data && (
        <>
          <meter
            className="rw-score-meter"
            min={0}
            max={100}
            low={50}
            high={80}
            optimum={100}
            value={data.score}
            aria-label="Readiness score"
          >
            {data.score} of 100
          </meter>
          <ol className="rw-questions">
            {data.questions.map((q) => (
              <ReadinessQuestionCard
                key={`${q.key}|${q.answer?.answeredAt ?? ''}`}
                item={q}
                writable={canWrite(me.role)}
                onSaved={setLatest}
              />
            ))}
          </ol>
        </>
      )}
    </>
  );
}

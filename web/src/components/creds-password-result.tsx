import { useId } from 'react';
import type { PasswordCheckResult } from '../../../src/api-types.ts';
import { formatNumber } from '../format.ts';
import { SCORE_LABEL } from './creds-labels.ts';

/** One sentence for the live region: the verdict and the strength, not the whole panel. */
export function summariseCheck(result: PasswordCheckResult): string {
  const verdict = result.ok
    ? 'Password meets the policy.'
    : `Password does not meet the policy: ${result.reasons.map((r) => r.message).join(' ')}`;
  return `${verdict} Strength ${SCORE_LABEL[result.strength.score].toLowerCase()}, ${result.strength.score} of 4.`;
}

function breachText(count: number | null): string {
  if (count === null)
    return 'Not compared with known breaches: no breached-password corpus has been imported.';
  if (count === 0) return 'Not found in the breached-password corpus.';
  return `Seen ${formatNumber(count)} ${count === 1 ? 'time' : 'times'} in known data breaches.`;
}

/** The policy's verdict with its reasons, the strength estimate and the breach count. */
export function PasswordCheckResultView({
  result,
  stale,
}: {
  result: PasswordCheckResult;
  stale: boolean;
}) {
  const meterId = useId();
  const { strength } = result;
  return (
    <div
      className={stale ? 'password-result stale' : 'password-result'}
      aria-busy={stale || undefined}
      data-ok={result.ok}
    >
      {result.ok ? (
        <p className="success password-verdict">
          <strong>Acceptable.</strong> This password meets the policy for this account class.
        </p>
      ) : (
        <div className="error password-verdict">
          <p>
            <strong>Not acceptable.</strong> This password does not meet the policy:
          </p>
          <ul className="password-reasons">
            {result.reasons.map((r, i) => (
              <li key={`${r.code}-${i}`} data-code={r.code}>
                {r.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="strength">
        <span id={meterId} className="strength-label">
          Strength: <strong>{SCORE_LABEL[strength.score]}</strong> ({strength.score} of 4)
        </span>
        <meter
          aria-labelledby={meterId}
          className={`strength-meter score-${strength.score}`}
          min={0}
          max={4}
          low={2}
          high={3}
          optimum={4}
          value={strength.score}
        />
      </div>
      <dl className="facts password-facts">
        <div className="fact">
          <dt>Time to guess offline</dt>
          <dd>{strength.crackTime}</dd>
        </div>
        <div className="fact">
          <dt>Known breaches</dt>
          <dd>{breachText(result.breachedCount)}</dd>
        </div>
        <div className="fact">
          <dt>Minimum length</dt>
          <dd>{result.minLength} characters for this account class</dd>
        </div>
        {strength.warning && (
          <div className="fact">
            <dt>Warning</dt>
            <dd>{strength.warning}</dd>
          </div>
        )}
        {strength.suggestions.length > 0 && (
          <div className="fact">
            <dt>Suggestions</dt>
            <dd>
              <ul className="suggestions">
                {strength.suggestions.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            </dd>
          </div>
        )}
      </dl>
    </div>
  );
}

import { useId, useState } from 'react';
import type { DirectorySource, MfaCoveragePoint } from '../../../src/api-types.ts';
import { formatDateTime } from '../format.ts';
import type { Resource } from '../hooks.ts';
import { formatPercent, ofTotal, SOURCE_LABEL } from './creds-labels.ts';
import { MfaChart } from './creds-mfa-chart.tsx';
import { ErrorMessage } from './error-message.tsx';
import { Loading } from './loading.tsx';

export const COVERAGE_DAYS = 365;

/** The points of each directory, oldest first, in the order the sources first appear. */
function bySource(points: readonly MfaCoveragePoint[]): Map<DirectorySource, MfaCoveragePoint[]> {
  const groups = new Map<DirectorySource, MfaCoveragePoint[]>();
  for (const p of points) {
    const list = groups.get(p.source);
    if (list) list.push(p);
    else groups.set(p.source, [p]);
  }
  return groups;
}

/** Latest MFA coverage per directory and how it developed over the last year. */
export function MfaCoverage({ coverage }: { coverage: Resource<MfaCoveragePoint[]> }) {
  const groups = bySource(coverage.data ?? []);
  const sources = [...groups.keys()];
  const [chosen, setChosen] = useState<DirectorySource | null>(null);
  const shown = chosen && groups.has(chosen) ? chosen : sources[0];
  const selectId = useId();

  return (
    <section className="panel" aria-labelledby="mfa-title">
      <h2 id="mfa-title">MFA coverage</h2>
      <ErrorMessage error={coverage.error} prefix="The MFA coverage could not be loaded" />
      {!coverage.data && !coverage.error && <Loading what="Loading the MFA coverage" />}
      {coverage.data && sources.length === 0 && <CoverageEmpty />}
      {sources.length > 0 && (
        <>
          <ul className="mfa-sources">
            {sources.map((s) => {
              const list = groups.get(s) ?? [];
              const latest = list[list.length - 1];
              return latest ? (
                <li key={s}>
                  <LatestCoverage point={latest} />
                </li>
              ) : null;
            })}
          </ul>
          <h3>Over the last {COVERAGE_DAYS} days</h3>
          {sources.length > 1 && (
            <div className="field mfa-source-select">
              <label htmlFor={selectId}>Directory</label>
              <select
                id={selectId}
                value={shown}
                onChange={(e) => setChosen(e.target.value as DirectorySource)}
              >
                {sources.map((s) => (
                  <option key={s} value={s}>
                    {SOURCE_LABEL[s]}
                  </option>
                ))}
              </select>
            </div>
          )}
          {shown && <MfaChart key={shown} points={groups.get(shown) ?? []} />}
        </>
      )}
    </section>
  );
}

function LatestCoverage({ point }: { point: MfaCoveragePoint }) {
  const titleId = useId();
  return (
    <article className="card mfa-latest" aria-labelledby={titleId} data-source={point.source}>
      <h3 id={titleId}>{SOURCE_LABEL[point.source]}</h3>
      <p className="cell-sub">Imported {formatDateTime(point.at)}</p>
      <dl className="counts mfa-counts">
        <div>
          <dt>Enabled users with MFA</dt>
          <dd>{formatPercent(point.usersWithMfa, point.users)}</dd>
          <dd className="cell-sub">{ofTotal(point.usersWithMfa, point.users)}</dd>
        </div>
        <div>
          <dt>Privileged users with MFA</dt>
          <dd>{formatPercent(point.privilegedWithMfa, point.privileged)}</dd>
          <dd className="cell-sub">
            {point.privileged > 0
              ? ofTotal(point.privilegedWithMfa, point.privileged)
              : 'No privileged users'}
          </dd>
        </div>
        <div>
          <dt>Phishing-resistant MFA</dt>
          <dd>{formatPercent(point.phishingResistant, point.users)}</dd>
          <dd className="cell-sub">{ofTotal(point.phishingResistant, point.users)}</dd>
        </div>
      </dl>
    </article>
  );
}

function CoverageEmpty() {
  return (
    <div className="empty mfa-empty">
      <p>
        No directory export has been imported yet, so Ward cannot tell who signs in with a second
        factor.
      </p>
      <p>
        Export your users as a CSV file and upload it under <strong>Directory import</strong> below:
      </p>
      <ul>
        <li>
          <strong>Microsoft Entra ID:</strong> Protection › Authentication methods › User
          registration details › Download.
        </li>
        <li>
          <strong>Active Directory:</strong> <code>Get-ADUser -Filter * -Properties *</code> piped
          to <code>Export-Csv</code>.
        </li>
        <li>
          <strong>Okta:</strong> a user report exported as CSV from the Admin Console.
        </li>
      </ul>
      <p>Each import adds a point to the coverage trend.</p>
    </div>
  );
}

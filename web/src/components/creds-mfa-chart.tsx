import { useId } from 'react';
import type { MfaCoveragePoint } from '../../../src/api-types.ts';
import { formatDate, formatDateTime } from '../format.ts';
import { formatPercent, ofTotal, percent, SOURCE_LABEL } from './creds-labels.ts';

// SVG units; the element scales to its container's width, like the dashboard's trend chart.
const W = 960;
const H = 220;
const PAD = { top: 12, right: 16, bottom: 28, left: 48 };

interface Series {
  key: 'users' | 'privileged' | 'phishing';
  label: string;
  value: (p: MfaCoveragePoint) => number | null;
}

// Told apart by dash pattern and marker as well as colour, so the chart survives grey print.
const SERIES: readonly Series[] = [
  { key: 'users', label: 'Enabled users', value: (p) => percent(p.usersWithMfa, p.users) },
  {
    key: 'privileged',
    label: 'Privileged users',
    value: (p) => percent(p.privilegedWithMfa, p.privileged),
  },
  {
    key: 'phishing',
    label: 'Phishing-resistant',
    value: (p) => percent(p.phishingResistant, p.users),
  },
];

const axisDate = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

function summarise(points: readonly MfaCoveragePoint[]): string {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return '';
  const now = `On ${formatDate(last.at)}, ${formatPercent(last.usersWithMfa, last.users)} of enabled users and ${formatPercent(last.privilegedWithMfa, last.privileged)} of privileged users had MFA; ${formatPercent(last.phishingResistant, last.users)} had a phishing-resistant method.`;
  if (first === last) return now;
  return `${now} On ${formatDate(first.at)}: ${formatPercent(first.usersWithMfa, first.users)} of enabled users, ${formatPercent(first.privilegedWithMfa, first.privileged)} of privileged users.`;
}

/**
 * MFA coverage of one directory over time as three percentage lines. Imports come at irregular
 * intervals, so the x axis is real time rather than one step per import. A summary and a table
 * carry the same figures for screen readers.
 */
export function MfaChart({ points }: { points: readonly MfaCoveragePoint[] }) {
  const titleId = useId();
  const descId = useId();
  const source = points[0]?.source;
  if (!source) return null;
  const summary = summarise(points);

  const times = points.map((p) => new Date(p.at).getTime());
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  // A single import has no span; it is drawn in the middle.
  const x = (t: number) =>
    t1 === t0 ? PAD.left + innerW / 2 : PAD.left + ((t - t0) / (t1 - t0)) * innerW;
  const y = (v: number) => PAD.top + innerH - (v / 100) * innerH;

  const lineOf = (s: Series) =>
    points
      .map((p, i) => ({ v: s.value(p), t: times[i] as number }))
      .filter((d): d is { v: number; t: number } => d.v !== null)
      .map((d, i) => `${i === 0 ? 'M' : 'L'}${x(d.t).toFixed(1)},${y(d.v).toFixed(1)}`)
      .join('');

  const xLabels = t1 === t0 ? [t0] : [t0, t0 + (t1 - t0) / 3, t0 + ((t1 - t0) * 2) / 3, t1];

  return (
    <figure className="trend mfa-chart">
      <ul className="legend" aria-label="Legend">
        {SERIES.map((s) => (
          <li key={s.key}>
            <svg className={`line-swatch line-${s.key}`} viewBox="0 0 24 12" aria-hidden="true">
              <line x1="0" x2="24" y1="6" y2="6" />
            </svg>
            {s.label}
          </li>
        ))}
      </ul>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        className="trend-svg"
      >
        <title id={titleId}>MFA coverage in {SOURCE_LABEL[source]} over time</title>
        <desc id={descId}>{summary}</desc>
        {[0, 25, 50, 75, 100].map((t) => (
          <g key={t} className="grid">
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} />
            <text x={PAD.left - 6} y={y(t)} dy="0.32em" textAnchor="end">
              {t}%
            </text>
          </g>
        ))}
        {SERIES.map((s) => (
          <g key={s.key} className={`mfa-line line-${s.key}`}>
            <path d={lineOf(s)} />
            {points.map((p, i) => {
              const v = s.value(p);
              return v === null ? null : (
                <circle key={`${p.at}-${i}`} cx={x(times[i] as number)} cy={y(v)} r={4} />
              );
            })}
          </g>
        ))}
        {xLabels.map((t, i) => (
          <text
            key={t}
            className="axis-label"
            x={x(t)}
            y={H - 8}
            textAnchor={
              xLabels.length === 1
                ? 'middle'
                : i === 0
                  ? 'start'
                  : i === xLabels.length - 1
                    ? 'end'
                    : 'middle'
            }
          >
            {axisDate.format(new Date(t))}
          </text>
        ))}
      </svg>
      <figcaption className="trend-summary">
        {summary}
        {points.length === 1 &&
          ' One import so far: each further import adds a point to the lines.'}
      </figcaption>
      <details className="trend-table">
        <summary>Show the figures as a table</summary>
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">
              MFA coverage per import of {SOURCE_LABEL[source]}, newest first
            </caption>
            <thead>
              <tr>
                <th scope="col">Imported</th>
                <th scope="col" className="num">
                  Enabled users with MFA
                </th>
                <th scope="col" className="num">
                  Privileged users with MFA
                </th>
                <th scope="col" className="num">
                  Phishing-resistant
                </th>
              </tr>
            </thead>
            <tbody>
              {[...points].reverse().map((p, i) => (
                <tr key={`${p.at}-${i}`}>
                  <th scope="row">{formatDateTime(p.at)}</th>
                  <td className="num">
                    {formatPercent(p.usersWithMfa, p.users)} ({ofTotal(p.usersWithMfa, p.users)})
                  </td>
                  <td className="num">
                    {formatPercent(p.privilegedWithMfa, p.privileged)} (
                    {ofTotal(p.privilegedWithMfa, p.privileged)})
                  </td>
                  <td className="num">
                    {formatPercent(p.phishingResistant, p.users)} (
                    {ofTotal(p.phishingResistant, p.users)})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

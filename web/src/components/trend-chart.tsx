import { useId, useState } from 'react';
import type { Severity, TrendPoint } from '../../../src/api-types.ts';
import { formatDate, formatNumber, SEVERITY_LABEL } from '../format.ts';

// Drawing area in SVG units; the element scales to its container's width.
const W = 960;
const H = 260;
const PAD = { top: 12, right: 12, bottom: 28, left: 44 };

/** Bottom of the stack first, so critical findings sit on the axis where they are easiest to read. */
const STACK: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

const axisDate = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});
const formatAxisDate = (day: string) => {
  const d = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? day : axisDate.format(d);
};

/** A round upper bound for the y axis and its step: 0, 20, 40 ... rather than 0, 17, 34. */
function niceScale(max: number): { top: number; step: number } {
  if (max <= 0) return { top: 4, step: 1 };
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step =
    [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  const rounded = Math.max(1, Math.round(step));
  return { top: Math.ceil(max / rounded) * rounded, step: rounded };
}

function summarise(points: TrendPoint[], shown: readonly Severity[]): string {
  const total = (p: TrendPoint) => shown.reduce((sum, s) => sum + p.open[s], 0);
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return 'No findings have been recorded yet.';
  const parts = shown
    .map((s) => `${formatNumber(last.open[s])} ${SEVERITY_LABEL[s].toLowerCase()}`)
    .join(', ');
  const scope = shown.includes('info')
    ? 'open findings'
    : 'open findings, not counting informational ones,';
  const now = `${formatNumber(total(last))} ${scope} on ${formatDate(last.day)} (${parts}).`;
  return first === last ? now : `${now} ${formatNumber(total(first))} on ${formatDate(first.day)}.`;
}

/**
 * Open findings by severity over time as a stacked area chart, drawn by hand in SVG. A text
 * summary and a table carry the same figures for screen readers and for people who prefer them.
 */
export function TrendChart({ points }: { points: TrendPoint[] }) {
  const titleId = useId();
  const descId = useId();
  // Informational findings usually outnumber the rest many times over and flatten the chart.
  const [withInfo, setWithInfo] = useState(false);
  const shown = withInfo ? STACK : STACK.filter((s) => s !== 'info');
  const summary = summarise(points, shown);

  if (points.length === 0) {
    return (
      <p className="empty">No findings have been recorded yet, so there is no trend to show.</p>
    );
  }

  // One point cannot make an area; draw it as a flat band across the chart.
  const series = points.length === 1 ? [points[0] as TrendPoint, points[0] as TrendPoint] : points;
  const totals = series.map((p) => shown.reduce((sum, s) => sum + p.open[s], 0));
  const { top, step } = niceScale(Math.max(...totals));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const x = (i: number) =>
    PAD.left + (series.length === 1 ? 0 : (i / (series.length - 1)) * innerW);
  const y = (v: number) => PAD.top + innerH - (v / top) * innerH;

  // Cumulative heights per layer: layer k spans base[k]..base[k+1].
  const cumulative = series.map((p) => {
    const levels = [0];
    for (const s of shown) levels.push((levels[levels.length - 1] as number) + p.open[s]);
    return levels;
  });
  const areaPath = (k: number) => {
    const upper = cumulative.map(
      (lv, i) => `${x(i).toFixed(1)},${y(lv[k + 1] as number).toFixed(1)}`,
    );
    const lower = cumulative
      .map((lv, i) => `${x(i).toFixed(1)},${y(lv[k] as number).toFixed(1)}`)
      .reverse();
    return `M${upper.join('L')}L${lower.join('L')}Z`;
  };

  const ticks: number[] = [];
  for (let v = 0; v <= top; v += step) ticks.push(v);
  // About seven dates along the axis; one too close to the last date is dropped so they never overlap.
  const labelEvery = Math.max(1, Math.ceil(points.length / 7));
  const last = series.length - 1;
  const xLabels =
    points.length === 1
      ? [0]
      : series
          .map((_, i) => i)
          .filter((i) => i === last || (i % labelEvery === 0 && last - i >= labelEvery * 0.6));

  return (
    <figure className="trend">
      <div className="trend-controls">
        <ul className="legend" aria-label="Legend">
          {shown.map((s) => (
            <li key={s}>
              <span className={`swatch swatch-${s}`} aria-hidden="true" />
              {SEVERITY_LABEL[s]}
            </li>
          ))}
        </ul>
        <label className="checkbox-inline">
          <input
            type="checkbox"
            checked={withInfo}
            onChange={(e) => setWithInfo(e.target.checked)}
          />
          Include informational
        </label>
      </div>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        className="trend-svg"
      >
        <title id={titleId}>Open findings by severity</title>
        <desc id={descId}>{summary}</desc>
        {ticks.map((t) => (
          <g key={t} className="grid">
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} />
            <text x={PAD.left - 6} y={y(t)} dy="0.32em" textAnchor="end">
              {formatNumber(t)}
            </text>
          </g>
        ))}
        {shown.map((s, k) => (
          <path key={s} d={areaPath(k)} className={`area area-${s}`} />
        ))}
        {xLabels.map((i) => (
          <text
            key={i}
            className="axis-label"
            x={points.length === 1 ? PAD.left + innerW / 2 : x(i)}
            y={H - 8}
            textAnchor={
              points.length === 1
                ? 'middle'
                : i === 0
                  ? 'start'
                  : i === series.length - 1
                    ? 'end'
                    : 'middle'
            }
          >
            {formatAxisDate((points[i] ?? points[0])?.day ?? '')}
          </text>
        ))}
      </svg>
      <figcaption className="trend-summary">{summary}</figcaption>
      <details className="trend-table">
        <summary>Show the figures as a table</summary>
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Open findings per day by severity</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                {STACK.map((s) => (
                  <th scope="col" key={s} className="num">
                    {SEVERITY_LABEL[s]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[...points].reverse().map((p) => (
                <tr key={p.day}>
                  <th scope="row">{formatDate(p.day)}</th>
                  {STACK.map((s) => (
                    <td key={s} className="num">
                      {formatNumber(p.open[s])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

import { useEffect, useRef, useState } from 'react';
import type { ImportRun } from '../../../src/api-types.ts';
import { api } from '../api.ts';
import { formatDateTime, formatNumber } from '../format.ts';
import { useAnnounce } from './announcer.tsx';
import { ErrorMessage } from './error-message.tsx';

const POLL_MS = 1000;
const STATE_LABEL: Record<ImportRun['state'], string> = {
  queued: 'Waiting to start',
  running: 'Importing',
  done: 'Finished',
  failed: 'Failed',
};

export const isActive = (run: ImportRun) => run.state === 'queued' || run.state === 'running';

/**
 * Follows one import run: asks the server every second while it is queued or running, and
 * tells screen-reader users when it starts, ends or fails (not on every tick, which would be noise).
 */
export function ImportProgress({
  initial,
  onFinished,
}: {
  initial: ImportRun;
  onFinished: (run: ImportRun) => void;
}) {
  const announce = useAnnounce();
  const [run, setRun] = useState(initial);
  const [pollError, setPollError] = useState<unknown>();
  const finishedRef = useRef(onFinished);
  finishedRef.current = onFinished;

  useEffect(() => {
    if (!isActive(run)) return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      api.importRun(run.id, controller.signal).then(
        (next) => {
          setPollError(undefined);
          setRun(next);
        },
        (err: unknown) => {
          if (controller.signal.aborted) return;
          // Keep polling through a hiccup; show it meanwhile. A new object re-arms the effect.
          setPollError(err);
          setRun((r) => ({ ...r }));
        },
      );
    }, POLL_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [run]);

  const lastState = useRef<ImportRun['state'] | null>(null);
  useEffect(() => {
    if (lastState.current === run.state) return;
    lastState.current = run.state;
    if (run.state === 'done') {
      announce(
        `Import of ${run.fileName} finished: ${run.hosts} hosts, ${run.findingsNew} new findings, ${run.findingsSeen} seen again, ${run.findingsFixed} fixed.`,
      );
      finishedRef.current(run);
    } else if (run.state === 'failed') {
      announce(`Import of ${run.fileName} failed.`);
      finishedRef.current(run);
    } else {
      announce(`${STATE_LABEL[run.state]}: ${run.fileName}`);
    }
  }, [run, announce]);

  const percent = Math.round(Math.min(1, Math.max(0, run.progress)) * 100);
  return (
    <section
      className={`panel import-progress state-${run.state}`}
      aria-labelledby={`run-${run.id}`}
      data-state={run.state}
    >
      <h2 id={`run-${run.id}`}>
        {STATE_LABEL[run.state]}: <span className="mono">{run.fileName}</span>
      </h2>
      <div className="progress-row">
        <progress
          max={100}
          value={run.state === 'queued' ? undefined : run.state === 'done' ? 100 : percent}
          aria-label={`Import progress for ${run.fileName}`}
        />
        <span className="progress-value">
          {run.state === 'queued' ? 'queued' : `${run.state === 'done' ? 100 : percent}%`}
        </span>
      </div>
      <dl className="counts">
        <div>
          <dt>Hosts</dt>
          <dd>{formatNumber(run.hosts)}</dd>
        </div>
        <div>
          <dt>New findings</dt>
          <dd>{formatNumber(run.findingsNew)}</dd>
        </div>
        <div>
          <dt>Seen again</dt>
          <dd>{formatNumber(run.findingsSeen)}</dd>
        </div>
        <div>
          <dt>Fixed</dt>
          <dd>{formatNumber(run.findingsFixed)}</dd>
        </div>
      </dl>
      {run.state === 'failed' && (
        <div className="error" role="alert">
          <p>The import failed and nothing from this file was kept.</p>
          <pre className="error-detail">
            {run.error ?? 'The server gave no reason; see its log.'}
          </pre>
        </div>
      )}
      {run.finishedAt && <p className="hint">Finished {formatDateTime(run.finishedAt)}</p>}
      <ErrorMessage error={pollError} prefix="Could not check the progress (retrying)" />
    </section>
  );
}

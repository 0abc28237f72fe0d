import type { CaseTimelineEntry } from '../../../src/api-types.ts';
import { formatDateTime } from '../format.ts';

const KIND_LABEL: Record<string, string> = {
  created: 'Case opened',
  alert: 'Alert added',
  status: 'Status changed',
  assignee: 'Assignee changed',
  comment: 'Comment',
  evidence: 'Evidence added',
  containment: 'Containment step done',
  closed: 'Case closed',
  reopened: 'Case reopened',
};

/**
 * The case's story in the order it happened, oldest first, as an incident report reads. Every
 * entry names who and when, so the timeline can be handed over or audited as it stands.
 */
export function CaseTimeline({ entries }: { entries: CaseTimelineEntry[] }) {
  if (entries.length === 0) return <p className="empty">Nothing has happened yet.</p>;
  const ordered = [...entries].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <ol className="timeline rw-timeline" aria-label="Case timeline, oldest first">
      {ordered.map((e, i) => (
        <li key={`${e.at}-${i}`} className={`timeline-item kind-${e.kind}`}>
          <p className="timeline-what">{KIND_LABEL[e.kind] ?? e.kind}</p>
          <p className="timeline-meta">
            <time dateTime={e.at}>{formatDateTime(e.at)}</time> · {e.actor}
          </p>
          {e.text && <p className="timeline-note">{e.text}</p>}
        </li>
      ))}
    </ol>
  );
}

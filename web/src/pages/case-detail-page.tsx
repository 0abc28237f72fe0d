import type { CaseDetail } from '../../../src/api-types.ts';
import { api, ApiRequestError } from '../api.ts';
import { canWrite, useMe } from '../auth.tsx';
import { ErrorMessage } from '../components/error-message.tsx';
import { Fact } from '../components/fact.tsx';
import { Loading } from '../components/loading.tsx';
import { AlertsTable } from '../components/rw-alerts-table.tsx';
import { CaseStatusBadge, LevelBadge } from '../components/rw-badges.tsx';
import { CaseCommentForm } from '../components/rw-case-comment.tsx';
import { CaseControls } from '../components/rw-case-controls.tsx';
import { CaseTimeline } from '../components/rw-case-timeline.tsx';
import { ContainmentChecklist } from '../components/rw-containment.tsx';
import { CaseEvidenceList } from '../components/rw-evidence.tsx';
import { CASES_QUEUE_HREF } from '../components/rw-labels.ts';
import { formatDateTime } from '../format.ts';
import { useResource, useTitle } from '../hooks.ts';
import { Link } from '../router.tsx';

/** One case: who has it, what happened (timeline), the alerts, containment and evidence. */
export function CaseDetailPage({ id }: { id: string }) {
  const me = useMe();
  const detail = useResource((signal) => api.rwCase(id, signal), [id]);
  useTitle(detail.data ? `Case: ${detail.data.title}` : 'Case');

  return (
    <>
      <p className="breadcrumb">
        <Link to={CASES_QUEUE_HREF}>← Cases</Link>
      </p>
      {detail.error instanceof ApiRequestError && detail.error.status === 404 ? (
        <>
          <h1>Case not found</h1>
          <p>It may have been removed, or the link is incomplete.</p>
        </>
      ) : (
        <ErrorMessage error={detail.error} prefix="The case could not be loaded" />
      )}
      {!detail.data && !detail.error && <Loading what="Loading the case" />}
      {detail.data && (
        <CaseView detail={detail.data} writable={canWrite(me.role)} reload={detail.reload} />
      )}
    </>
  );
}

function CaseView({
  detail: c,
  writable,
  reload,
}: {
  detail: CaseDetail;
  writable: boolean;
  reload: () => void;
}) {
  return (
    <article aria-labelledby="case-title">
      <div className="page-head">
        <h1 id="case-title">{c.title}</h1>
        <p className="finding-badges case-badges">
          <CaseStatusBadge status={c.status} /> <LevelBadge level={c.severity} />
        </p>
      </div>
      <section className="panel" aria-labelledby="case-head-title">
        <h2 id="case-head-title" className="visually-hidden">
          Status and assignee
        </h2>
        <dl className="facts rw-case-facts">
          <Fact term="Assignee">{c.assignee ?? 'Nobody'}</Fact>
          <Fact term="Hosts">{c.hosts.length ? c.hosts.join(', ') : '—'}</Fact>
          <Fact term="Opened">{formatDateTime(c.createdAt)}</Fact>
          <Fact term="Updated">{formatDateTime(c.updatedAt)}</Fact>
        </dl>
        <CaseControls
          key={`${c.status}|${c.assignee ?? ''}`}
          detail={c}
          writable={writable}
          onChanged={reload}
        />
      </section>
      <div className="detail-grid">
        <div className="detail-main">
          <section className="panel" aria-labelledby="case-alerts-title">
            <h2 id="case-alerts-title">Alerts in this case</h2>
            {c.alertList.length === 0 ? (
              <p className="empty">No alerts are attached.</p>
            ) : (
              <AlertsTable items={c.alertList} caption="Alerts in this case" showCase={false} />
            )}
          </section>
          <section className="panel" aria-labelledby="case-containment-title">
            <h2 id="case-containment-title">Containment</h2>
            <ContainmentChecklist detail={c} writable={writable} onChanged={reload} />
          </section>
          <section className="panel" aria-labelledby="case-evidence-title">
            <h2 id="case-evidence-title">Evidence</h2>
            <CaseEvidenceList
              caseId={c.id}
              evidence={c.evidence}
              writable={writable}
              onAdded={reload}
            />
          </section>
        </div>
        <div className="detail-side">
          <section className="panel" aria-labelledby="case-timeline-title">
            <h2 id="case-timeline-title">Timeline</h2>
            <CaseTimeline entries={c.timeline} />
            {writable && <CaseCommentForm caseId={c.id} onAdded={reload} />}
          </section>
        </div>
      </div>
    </article>
  );
}

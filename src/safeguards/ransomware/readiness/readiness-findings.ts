import type { ReadinessAnswer } from '../../../api-types.ts';
import type { Core, FindingInput } from '../../../core/index.ts';
import { READINESS_QUESTIONS, TITLE_PREFIX, type ReadinessItem } from './readiness-questions.ts';

export const READINESS_TOOL = 'ward-readiness';

export type ReadinessCore = Pick<Core, 'recordFindings' | 'updateFindingsStatus' | 'listFindings'>;

/** What one refresh changed, for logs and tests. */
export interface ReadinessRefresh {
  /** Questions whose finding is open (created, seen again or reopened). */
  open: string[];
  /** Finding ids this refresh marked fixed. */
  fixed: string[];
}

/**
 * Makes the findings match the answers: a gap (no, partial, unknown, stale, or never answered
 * once the assessment has started) is an open finding; a fresh "yes" fixes it. Recording is
 * idempotent (tool + toolId), so this runs after every answer and daily, when answers expire.
 */
export async function refreshReadinessFindings(
  core: ReadinessCore,
  answers: Map<string, ReadinessAnswer>,
  actor: string,
): Promise<ReadinessRefresh> {
  // Until someone answers, the safeguard is "not configured" rather than ten findings.
  const started = READINESS_QUESTIONS.some((q) => answers.has(q.key));
  if (!started) return { open: [], fixed: [] };
  const gaps = READINESS_QUESTIONS.filter((q) => {
    const a = answers.get(q.key);
    return !a || a.stale || a.answer !== 'yes';
  });
  const closed = READINESS_QUESTIONS.filter((q) => !gaps.includes(q));
  if (gaps.length) {
    await core.recordFindings(
      gaps.map((q) => toFinding(q, answers.get(q.key))),
      actor,
    );
  }
  const fixed = closed.length ? await fixFindings(core, closed, actor) : [];
  return { open: gaps.map((q) => q.key), fixed };
}

function toFinding(q: ReadinessItem, a: ReadinessAnswer | undefined): FindingInput {
  return {
    safeguard: 'ransomware',
    source: 'analyzer',
    tool: READINESS_TOOL,
    toolId: q.key,
    title: `${TITLE_PREFIX}${q.gap}`,
    description: `${q.text}\n\n${q.help}\n\nThis answer is asked again every ${q.maxAgeDays} days.`,
    solution: `${q.solution} Then answer "yes" in the recovery readiness assessment.`,
    severity: q.severity,
    assetId: null,
    evidence: describeAnswer(a),
  };
}

function describeAnswer(a: ReadinessAnswer | undefined): string {
  if (!a) return 'Not answered yet.';
  const day = a.answeredAt.slice(0, 10);
  const state = a.stale ? ` (stale: expired ${a.expiresAt.slice(0, 10)})` : '';
  const evidence = a.evidence ? `\nEvidence: ${a.evidence}` : '';
  return `Answer: ${a.answer}, by ${a.answeredBy} on ${day}${state}.${evidence}`;
}

/** Marks the open findings of these questions fixed; returns the ids that changed. */
async function fixFindings(
  core: ReadinessCore,
  questions: readonly ReadinessItem[],
  actor: string,
): Promise<string[]> {
  // FindingSummary carries no toolId, so the finding is recognised by tool and title; every
  // readiness title starts with TITLE_PREFIX, which keeps the search to these few findings.
  const titles = new Set(questions.map((q) => `${TITLE_PREFIX}${q.gap}`));
  const ids: string[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await core.listFindings({
      safeguard: ['ransomware'],
      status: ['open', 'in_progress'],
      q: TITLE_PREFIX.trim(),
      limit: 500,
      offset,
    });
    for (const f of page.items)
      if (f.tool === READINESS_TOOL && titles.has(f.title)) ids.push(f.id);
    if (offset + page.items.length >= page.total || page.items.length === 0) break;
  }
  if (ids.length === 0) return [];
  return core.updateFindingsStatus(ids, 'fixed', actor, {
    note: 'answered "yes" in the recovery readiness assessment',
  });
}

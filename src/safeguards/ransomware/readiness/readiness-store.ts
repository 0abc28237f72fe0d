import type {
  ReadinessAnswer,
  ReadinessAnswerValue,
  ReadinessAssessment,
} from '../../../api-types.ts';
import type { AuditLog } from '../../../platform/audit/index.ts';
import type { Database, Queryable } from '../../../platform/db/index.ts';
import { READINESS_QUESTIONS, type ReadinessItem } from './readiness-questions.ts';

const DAY_MS = 86_400_000;

interface AnswerRow {
  key: string;
  answer: ReadinessAnswerValue;
  evidence: string | null;
  answered_by: string;
  answered_at: Date | string;
  expires_at: Date | string;
}

/** The latest answer of every question, keyed by question (answers to retired keys included). */
export async function loadAnswers(db: Queryable, now: Date): Promise<Map<string, ReadinessAnswer>> {
  const rows = await db.query<AnswerRow>(
    'SELECT key, answer, evidence, answered_by, answered_at, expires_at FROM rw_readiness_answers',
  );
  return new Map(rows.map((r) => [r.key, toAnswer(r, now)]));
}

function toAnswer(r: AnswerRow, now: Date): ReadinessAnswer {
  const expires = new Date(r.expires_at);
  return {
    key: r.key,
    answer: r.answer,
    evidence: r.evidence,
    answeredAt: new Date(r.answered_at).toISOString(),
    answeredBy: r.answered_by,
    expiresAt: expires.toISOString(),
    stale: expires.getTime() <= now.getTime(),
  };
}

const WEIGHT: Record<ReadinessAnswerValue, number> = { yes: 1, partial: 0.5, no: 0, unknown: 0 };

/** The questions with their answers and the 0..100 score (stale answers count 0). */
export function buildAssessment(answers: Map<string, ReadinessAnswer>): ReadinessAssessment {
  const questions = READINESS_QUESTIONS.map((q) => ({
    key: q.key,
    text: q.text,
    help: q.help,
    maxAgeDays: q.maxAgeDays,
    answer: answers.get(q.key) ?? null,
  }));
  const points = questions.reduce(
    (sum, q) => sum + (q.answer && !q.answer.stale ? WEIGHT[q.answer.answer] : 0),
    0,
  );
  return { questions, score: Math.round((points / questions.length) * 100) };
}

/**
 * Stores the answer (replacing the previous one, whose content stays in the audit log) with its
 * expiry: answered_at + the question's maxAgeDays, so "tested in the last 6 months" is asked
 * again once it may no longer be true.
 */
export async function saveAnswer(
  deps: { db: Database; audit: AuditLog },
  input: {
    question: ReadinessItem;
    answer: ReadinessAnswerValue;
    evidence: string | null;
    actor: string;
    now: Date;
  },
): Promise<void> {
  const { question, now } = input;
  const expires = new Date(now.getTime() + question.maxAgeDays * DAY_MS);
  await deps.db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO rw_readiness_answers (key, answer, evidence, answered_by, answered_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (key) DO UPDATE SET answer = EXCLUDED.answer, evidence = EXCLUDED.evidence,
         answered_by = EXCLUDED.answered_by, answered_at = EXCLUDED.answered_at,
         expires_at = EXCLUDED.expires_at`,
      [question.key, input.answer, input.evidence, input.actor, now, expires],
    );
    await deps.audit.append(
      {
        actor: input.actor,
        action: 'ransomware.readiness.answer',
        target: question.key,
        detail: {
          answer: input.answer,
          evidence: input.evidence,
          expiresAt: expires.toISOString(),
        },
      },
      tx,
    );
  });
}

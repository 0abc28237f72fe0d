import type { ReadinessAnswerValue, ReadinessAssessment } from '../../../api-types.ts';
import type { AuditLog } from '../../../platform/audit/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Database } from '../../../platform/db/index.ts';
import { HttpError, type HttpServer } from '../../../platform/http/index.ts';
import type { JobQueue } from '../../../platform/jobs/index.ts';
import type { Logger } from '../../../platform/log.ts';
import { refreshReadinessFindings, type ReadinessCore } from './readiness-findings.ts';
import { READINESS_QUESTIONS } from './readiness-questions.ts';
import { registerReadinessRoutes } from './readiness-routes.ts';
import { buildAssessment, loadAnswers, saveAnswer } from './readiness-store.ts';

export { READINESS_TOOL, type ReadinessRefresh } from './readiness-findings.ts';
export { READINESS_QUESTIONS } from './readiness-questions.ts';

/** The daily job that turns expired answers into findings. */
export const READINESS_QUEUE = 'ransomware.readiness-refresh';
// 05:17 UTC: off the hour (pg-boss schedules cluster there) and before the working day in Europe.
const READINESS_CRON = '17 5 * * *';

export interface ReadinessDeps {
  db: Database;
  core: ReadinessCore;
  audit: AuditLog;
  clock: Clock;
  jobs: JobQueue;
  log: Logger;
}

export interface Readiness {
  registerRoutes(http: HttpServer): void;
  /** Declares the daily refresh queue, its schedule and its handler (worker role). */
  startWorkers(): Promise<void>;
  assess(): Promise<ReadinessAssessment>;
  /**
   * Stores an answer (audited), refreshes the readiness findings, and returns the assessment.
   * An unknown key is a 404 naming the keys.
   */
  answer(
    key: string,
    input: { answer: ReadinessAnswerValue; evidence?: string | null },
    actor: string,
  ): Promise<ReadinessAssessment>;
  /** Re-derives findings from the stored answers (what the daily job runs). */
  refresh(actor?: string): Promise<void>;
}

/**
 * The recovery readiness assessment: ten questions a hospital answers with dates; gaps and
 * expired answers become ransomware findings, so they count in the posture like any other.
 */
export function createReadiness(deps: ReadinessDeps): Readiness {
  const assess = async () => buildAssessment(await loadAnswers(deps.db, deps.clock.now()));
  const refresh = async (actor = 'system') => {
    const answers = await loadAnswers(deps.db, deps.clock.now());
    const r = await refreshReadinessFindings(deps.core, answers, actor);
    if (r.fixed.length) deps.log.info({ fixed: r.fixed.length }, 'readiness findings fixed');
  };
  const readiness: Readiness = {
    assess,
    refresh,
    async answer(key, input, actor) {
      const question = READINESS_QUESTIONS.find((q) => q.key === key);
      if (!question) {
        const keys = READINESS_QUESTIONS.map((q) => q.key).join(', ');
        throw new HttpError(
          404,
          'not_found',
          `no readiness question ${JSON.stringify(key)}; the keys are ${keys}`,
        );
      }
      const evidence = input.evidence?.trim() || null;
      await saveAnswer(deps, {
        question,
        answer: input.answer,
        evidence,
        actor,
        now: deps.clock.now(),
      });
      await refresh(actor);
      return assess();
    },
    registerRoutes(http) {
      registerReadinessRoutes(http, readiness);
    },
    async startWorkers() {
      await deps.jobs.createQueue(READINESS_QUEUE);
      await deps.jobs.schedule(READINESS_QUEUE, READINESS_CRON);
      await deps.jobs.work(READINESS_QUEUE, async () => refresh('system'));
    },
  };
  return readiness;
}

import { z } from 'zod';
import type { ReadinessAnswerValue, ReadinessAssessment } from '../../../api-types.ts';
import { READ, WRITE, type HttpServer } from '../../../platform/http/index.ts';

const ANSWERS = ['yes', 'partial', 'no', 'unknown'] as const;
const keyParams = z.object({ key: z.string().min(1).max(100) });
const answerBody = z.object({
  answer: z.enum(ANSWERS),
  // What shows it: "restore drill 2026-02-14, ticket CHG-1234". Kept short; documents live elsewhere.
  evidence: z.string().trim().max(2000).nullish(),
});

export interface ReadinessRouteDeps {
  assess(): Promise<ReadinessAssessment>;
  answer(
    key: string,
    input: { answer: ReadinessAnswerValue; evidence?: string | null },
    actor: string,
  ): Promise<ReadinessAssessment>;
}

/** The assessment for the UI, and one answer at a time. */
export function registerReadinessRoutes(http: HttpServer, deps: ReadinessRouteDeps): void {
  http.get(
    '/api/ransomware/readiness',
    { config: { access: READ } },
    async (): Promise<ReadinessAssessment> => deps.assess(),
  );

  http.put(
    '/api/ransomware/readiness/:key',
    { config: { access: WRITE }, schema: { params: keyParams, body: answerBody } },
    async (request): Promise<ReadinessAssessment> =>
      deps.answer(request.params.key, request.body, request.principal!.username),
  );
}

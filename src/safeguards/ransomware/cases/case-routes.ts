import { z } from 'zod';
import type {
  Case,
  CaseDetail,
  CaseEvidence,
  CaseStatus,
  CaseTimelineEntry,
  ContainmentStep,
  Page,
} from '../../../api-types.ts';
import {
  actorOf,
  csvEnum,
  idParams,
  pageQuery,
  READ,
  WRITE,
  type HttpServer,
} from '../../../platform/http/index.ts';
import { attachAlert, createCase } from './case-create.ts';
import type { CaseDeps } from './case-deps.ts';
import { addComment, addEvidence } from './case-notes.ts';
import { getCaseDetail, listCases } from './case-read.ts';
import { updateCase } from './case-update.ts';
import { completeContainmentStep } from './containment.ts';
import { CONTAINMENT_KEYS } from './containment-targets.ts';

const CASE_STATUSES: readonly CaseStatus[] = ['open', 'in_progress', 'closed'];
const caseStatus = z.enum(CASE_STATUSES as [CaseStatus, ...CaseStatus[]]);

// Shapes only; the domain functions check the rules (trimmed lengths, URL schemes, closing).
const createBody = z.strictObject({
  title: z.string().max(500),
  alertIds: z.array(z.uuid()).min(1).max(500),
});
// Both bodies may be left out entirely (fastify then sees null).
const attachBody = z.strictObject({ caseId: z.uuid().optional() }).nullish();
const updateBody = z.strictObject({
  status: caseStatus.optional(),
  assignee: z.string().max(200).nullable().optional(),
  resolution: z.enum(['true_positive', 'benign', 'false_positive']).optional(),
  closeNote: z.string().max(10_000).optional(),
  addFilter: z.boolean().optional(),
});
const commentBody = z.strictObject({ text: z.string().max(10_000) });
const evidenceBody = z.strictObject({
  label: z.string().max(500),
  url: z.string().max(5_000).nullable().optional(),
  note: z.string().max(10_000).nullable().optional(),
});
const stepParams = z.object({ id: z.uuid(), step: z.enum(CONTAINMENT_KEYS) });
const stepBody = z.strictObject({ target: z.string().max(1_000).nullable().optional() }).nullish();
const listQuery = z.object({
  status: csvEnum(CASE_STATUSES),
  assignee: z.string().max(200).optional(),
  ...pageQuery,
});

/** Ransomware cases: alerts become or join cases, worked through containment to closure. */
export function registerCaseRoutes(http: HttpServer, deps: CaseDeps): void {
  http.get(
    '/api/ransomware/cases',
    { config: { access: READ }, schema: { querystring: listQuery } },
    async (request): Promise<Page<Case>> => listCases(deps.db, request.query),
  );

  http.post(
    '/api/ransomware/cases',
    { config: { access: WRITE }, schema: { body: createBody } },
    async (request, reply) => {
      const detail: CaseDetail = await createCase(deps, request.body, actorOf(request));
      return reply.status(201).send(detail);
    },
  );

  http.post(
    '/api/ransomware/alerts/:id/case',
    { config: { access: WRITE }, schema: { params: idParams, body: attachBody } },
    async (request, reply) => {
      const caseId = request.body?.caseId ?? null;
      const detail: CaseDetail = await attachAlert(
        deps,
        request.params.id,
        caseId,
        actorOf(request),
      );
      return reply.status(caseId ? 200 : 201).send(detail);
    },
  );

  http.get(
    '/api/ransomware/cases/:id',
    { config: { access: READ }, schema: { params: idParams } },
    async (request): Promise<CaseDetail> => getCaseDetail(deps.db, request.params.id),
  );

  http.patch(
    '/api/ransomware/cases/:id',
    { config: { access: WRITE }, schema: { params: idParams, body: updateBody } },
    async (request): Promise<CaseDetail> =>
      updateCase(deps, request.params.id, request.body, actorOf(request)),
  );

  http.post(
    '/api/ransomware/cases/:id/comments',
    { config: { access: WRITE }, schema: { params: idParams, body: commentBody } },
    async (request, reply) => {
      const entry: CaseTimelineEntry = await addComment(
        deps,
        request.params.id,
        request.body,
        actorOf(request),
      );
      return reply.status(201).send(entry);
    },
  );

  http.post(
    '/api/ransomware/cases/:id/evidence',
    { config: { access: WRITE }, schema: { params: idParams, body: evidenceBody } },
    async (request, reply) => {
      const evidence: CaseEvidence = await addEvidence(
        deps,
        request.params.id,
        request.body,
        actorOf(request),
      );
      return reply.status(201).send(evidence);
    },
  );

  http.post(
    '/api/ransomware/cases/:id/containment/:step',
    { config: { access: WRITE }, schema: { params: stepParams, body: stepBody } },
    async (request): Promise<ContainmentStep> =>
      completeContainmentStep(
        deps,
        request.params.id,
        request.params.step,
        request.body ?? {},
        actorOf(request),
      ),
  );
}

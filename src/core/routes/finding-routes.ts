import { z } from 'zod';
import {
  FINDING_STATUSES,
  SAFEGUARDS,
  SEVERITIES,
  type FindingComment,
  type FindingDetail,
  type FindingStatus,
  type FindingSummary,
  type Page,
  type Safeguard,
  type Severity,
} from '../../api-types.ts';
import {
  READ,
  WRITE,
  notFound,
  type HttpServer,
  actorOf,
  csvEnum,
  idParams,
} from '../../platform/http/index.ts';
import type { CoreContext } from '../context.ts';
import { createFinding } from '../findings/finding-create.ts';
import { MAX_COMMENT, addFindingComment, getFinding } from '../findings/finding-detail.ts';
import { MAX_PAGE, listFindings } from '../findings/finding-list.ts';
import { MAX_JUSTIFICATION, updateFinding } from '../findings/finding-update.ts';

const severity = z.enum(SEVERITIES as [Severity, ...Severity[]]);
const status = z.enum(FINDING_STATUSES as [FindingStatus, ...FindingStatus[]]);
const safeguard = z.enum(SAFEGUARDS as [Safeguard, ...Safeguard[]]);

const listQuery = z.object({
  severity: csvEnum(SEVERITIES),
  status: csvEnum(FINDING_STATUSES),
  safeguard: csvEnum(SAFEGUARDS),
  assetId: z.uuid().optional(),
  q: z.string().max(200).optional(),
  overdue: z.stringbool().optional(),
  sort: z.enum(['severity', 'due', 'last_seen', 'first_seen', 'title', 'cvss']).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const updateBody = z.strictObject({
  status: status.optional(),
  assignee: z.string().max(200).nullable().optional(),
  justification: z.string().max(MAX_JUSTIFICATION).optional(),
  acceptedUntil: z.string().max(40).optional(),
});

const commentBody = z.strictObject({ body: z.string().min(1).max(MAX_COMMENT) });

const createBody = z.strictObject({
  safeguard,
  source: z.enum(['manual', 'analyzer']).optional(),
  tool: z.string().max(100).nullable().optional(),
  toolId: z.string().max(200).nullable().optional(),
  title: z.string().trim().min(1).max(500),
  description: z.string().max(100_000).optional(),
  solution: z.string().max(100_000).nullable().optional(),
  severity,
  cvssScore: z.number().min(0).max(10).nullable().optional(),
  cvssVector: z.string().max(200).nullable().optional(),
  cves: z.array(z.string().max(30)).max(1000).optional(),
  cwes: z.array(z.string().max(20)).max(100).optional(),
  assetId: z.uuid().nullable().optional(),
  location: z.string().max(500).nullable().optional(),
  evidence: z.string().max(100_000).nullable().optional(),
  assignee: z.string().max(200).nullable().optional(),
});

/** Findings: the list, one finding, triage (status, assignee), comments, manual findings. */
export function registerFindingRoutes(http: HttpServer, ctx: CoreContext): void {
  http.get(
    '/api/findings',
    { config: { access: READ }, schema: { querystring: listQuery } },
    async (request): Promise<Page<FindingSummary>> =>
      listFindings(ctx.db, request.query, ctx.clock.now()),
  );

  http.post(
    '/api/findings',
    { config: { access: WRITE }, schema: { body: createBody } },
    async (request, reply) => {
      const { finding, created } = await createFinding(ctx, request.body, actorOf(request));
      return reply.status(created ? 201 : 200).send(finding satisfies FindingDetail);
    },
  );

  http.get(
    '/api/findings/:id',
    { config: { access: READ }, schema: { params: idParams } },
    async (request): Promise<FindingDetail> => {
      const finding = await getFinding(ctx.db, request.params.id, ctx.clock.now());
      if (!finding) throw notFound(`finding ${request.params.id}`);
      return finding;
    },
  );

  http.patch(
    '/api/findings/:id',
    { config: { access: WRITE }, schema: { params: idParams, body: updateBody } },
    async (request): Promise<FindingDetail> =>
      updateFinding(ctx, { id: request.params.id, update: request.body, actor: actorOf(request) }),
  );

  http.post(
    '/api/findings/:id/comments',
    { config: { access: WRITE }, schema: { params: idParams, body: commentBody } },
    async (request, reply) => {
      const comment: FindingComment = await addFindingComment(ctx, {
        findingId: request.params.id,
        body: request.body.body,
        actor: actorOf(request),
      });
      return reply.status(201).send(comment);
    },
  );
}

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReadinessAssessment, Role } from '../../../api-types.ts';
import { AUDIT_MIGRATIONS } from '../../../platform/audit/index.ts';
import { CORE_MIGRATIONS } from '../../../core/index.ts';
import { migrate, type MigrationSet } from '../../../platform/db/index.ts';
import type { HttpServer } from '../../../platform/http/index.ts';
import { createLogger } from '../../../platform/log.ts';
import { createCoreTestKit, type CoreTestKit } from '../../../../test/core-test-kit.ts';
import { createTestHttpServer } from '../../../../test/http-app.ts';
import { createReadiness, READINESS_QUEUE, READINESS_TOOL, type Readiness } from './index.ts';
import { READINESS_QUESTIONS } from './readiness-questions.ts';

const RANSOMWARE_MIGRATIONS: MigrationSet = {
  module: 'ransomware',
  dir: new URL('../migrations/', import.meta.url),
};

describe('recovery readiness', () => {
  let kit: CoreTestKit;
  let readiness: Readiness;
  let http: HttpServer;
  let role: Role;

  beforeEach(async () => {
    kit = await createCoreTestKit();
    await migrate(kit.db, [AUDIT_MIGRATIONS, CORE_MIGRATIONS, RANSOMWARE_MIGRATIONS]);
    readiness = createReadiness({
      db: kit.db,
      core: kit.core,
      audit: kit.audit,
      clock: kit.clock,
      jobs: kit.jobs,
      log: createLogger('silent'),
    });
    role = 'analyst';
    http = await createTestHttpServer({
      auth: {
        authenticate: async () => ({ userId: 'u1', username: 'alice', role, via: 'token' }),
      },
      audit: kit.audit,
      modules: [{ name: 'readiness', registerRoutes: (h) => readiness.registerRoutes(h) }],
    });
  });

  afterEach(async () => {
    await http.close();
    await kit.close();
  });

  const put = (key: string, payload: object) =>
    http.inject({ method: 'PUT', url: `/api/ransomware/readiness/${key}`, payload });
  const get = async () =>
    (
      await http.inject({ method: 'GET', url: '/api/ransomware/readiness' })
    ).json<ReadinessAssessment>();
  const readinessFindings = async () =>
    (await kit.core.listFindings({ safeguard: ['ransomware'], limit: 100 })).items.filter(
      (f) => f.tool === READINESS_TOOL,
    );

  it('lists ten dated questions, unanswered, with a score of 0 and no findings', async () => {
    const a = await get();
    expect(a.questions).toHaveLength(10);
    expect(a.questions.map((q) => q.maxAgeDays)).toContain(90);
    expect(a.questions.every((q) => q.answer === null && q.text && q.help)).toBe(true);
    expect(a.score).toBe(0);
    // An empty install stays "not configured" for this safeguard.
    expect(await readinessFindings()).toEqual([]);
  });

  it('stores an answer with its expiry, scores it and audits it', async () => {
    const res = await put('restore-test-ehr', {
      answer: 'yes',
      evidence: 'restore drill 2026-02-14, CHG-1234',
    });
    expect(res.statusCode).toBe(200);
    const a = res.json<ReadinessAssessment>();
    const ehr = a.questions.find((q) => q.key === 'restore-test-ehr')!;
    expect(ehr.answer).toMatchObject({
      answer: 'yes',
      evidence: 'restore drill 2026-02-14, CHG-1234',
      answeredBy: 'alice',
      answeredAt: '2026-03-02T09:00:00.000Z',
      expiresAt: '2026-08-29T09:00:00.000Z',
      stale: false,
    });
    expect(a.score).toBe(10);
    await put('offline-backups', { answer: 'partial' });
    expect((await get()).score).toBe(15);

    const audit = await kit.audit.list({
      limit: 50,
      offset: 0,
      action: 'ransomware.readiness.answer',
    });
    expect(audit.items.map((e) => [e.actor, e.target])).toEqual([
      ['alice', 'offline-backups'],
      ['alice', 'restore-test-ehr'],
    ]);
  });

  it('opens one finding per gap once started, and closes it when answered yes', async () => {
    await put('offline-backups', { answer: 'no', evidence: 'backups on a domain-joined NAS' });
    let open = await readinessFindings();
    // One answer starts the assessment: the nine unanswered questions are gaps too.
    expect(open).toHaveLength(10);
    const backups = open.find((f) => f.title.includes('offline or immutable'))!;
    expect(backups).toMatchObject({ severity: 'high', status: 'open', asset: null });
    const detail = await kit.core.getFinding(backups.id);
    expect(detail!.evidence).toContain('Answer: no, by alice on 2026-03-02');
    expect(detail!.evidence).toContain('domain-joined NAS');
    expect(detail!.solution).toMatch(/offline or immutable/);
    const segmentation = open.find((f) => f.title.includes('Medical devices'))!;
    expect(segmentation.severity).toBe('medium');

    // Answering again does not duplicate; "yes" fixes the finding.
    await put('offline-backups', { answer: 'yes' });
    open = (await readinessFindings()).filter((f) => f.status === 'open');
    expect(open).toHaveLength(9);
    expect((await kit.core.getFinding(backups.id))!.status).toBe('fixed');
  });

  it('expires stale answers into findings on the daily job', async () => {
    for (const q of READINESS_QUESTIONS) await put(q.key, { answer: 'yes' });
    expect((await get()).score).toBe(100);
    expect((await readinessFindings()).filter((f) => f.status === 'open')).toEqual([]);

    // 91 days later the 90-day backup answer is stale; the 180-day ones are not yet.
    kit.clock.advanceDays(91);
    const a = await get();
    const backups = a.questions.find((q) => q.key === 'offline-backups')!;
    expect(backups.answer!.stale).toBe(true);
    expect(a.score).toBe(90);

    await readiness.startWorkers();
    const job = kit.jobs.handlers.get(READINESS_QUEUE)!;
    await job({ id: 'j1', name: READINESS_QUEUE, data: {} });
    const open = (await readinessFindings()).filter((f) => f.status === 'open');
    expect(open.map((f) => f.title)).toEqual([
      'Recovery readiness: No confirmed offline or immutable backups',
    ]);
    const detail = await kit.core.getFinding(open[0]!.id);
    expect(detail!.evidence).toContain('stale: expired 2026-05-31');

    // Confirming it again closes the reopened finding.
    await put('offline-backups', { answer: 'yes' });
    expect((await readinessFindings()).filter((f) => f.status === 'open')).toEqual([]);
  });

  it('refuses an unknown key with the valid keys, and bad answers', async () => {
    const res = await put('tape-rotation', { answer: 'yes' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toContain('offline-backups');
    expect(res.json().error.message).toContain('medical-device-segmentation');
    expect((await put('offline-backups', { answer: 'maybe' })).statusCode).toBe(400);
  });

  it('lets auditors read but not answer', async () => {
    role = 'auditor';
    expect(
      (await http.inject({ method: 'GET', url: '/api/ransomware/readiness' })).statusCode,
    ).toBe(200);
    expect((await put('offline-backups', { answer: 'yes' })).statusCode).toBe(403);
  });
});

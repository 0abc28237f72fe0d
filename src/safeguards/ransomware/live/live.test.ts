import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, AlertDetail, IngestResult, IngestSource, Page } from '../../../api-types.ts';
import { createSignedInUser, createTestHttpServer } from '../../../../test/http-app.ts';
import { createTestDatabase } from '../../../../test/pglite-template.ts';
import { AUDIT_MIGRATIONS, createAuditLog, type AuditLog } from '../../../platform/audit/index.ts';
import { AUTH_MIGRATIONS, createAuth, type Auth } from '../../../platform/auth/index.ts';
import { fixedClock } from '../../../platform/clock.ts';
import type { PgliteDatabase } from '../../../platform/db/index.ts';
import type { HttpServer } from '../../../platform/http/index.ts';
import { createLogger } from '../../../platform/log.ts';
import { createSecretBox } from '../../../platform/secrets.ts';
import { MemoryEventStream } from '../../../platform/stream/index.ts';
import { createLiveDetection, ruleLink, type LiveDetection } from './index.ts';
import {
  benignProcess,
  ecsServiceEvent,
  evtxLogon,
  RANSOMWARE_MIGRATIONS,
  shadowDelete,
  waitUntil,
} from './test-kit.ts';

const VSSADMIN_RULE = 'e44a9945-5170-41bc-bd89-6f83bff7195e';
const log = createLogger('silent');

describe('live detection', () => {
  let db: PgliteDatabase;
  let audit: AuditLog;
  let auth: Auth;
  let http: HttpServer;
  let stream: MemoryEventStream;
  let live: LiveDetection;
  let admin: Record<string, string>;
  let analyst: Record<string, string>;
  let auditor: Record<string, string>;
  let shipper: Record<string, string>;
  let webhookCalls: { url: string; body: Record<string, unknown> }[];
  const clock = fixedClock('2026-03-02T12:00:00Z');

  beforeAll(async () => {
    db = await createTestDatabase([AUDIT_MIGRATIONS, AUTH_MIGRATIONS, RANSOMWARE_MIGRATIONS]);
    audit = createAuditLog(db, clock);
    auth = createAuth({
      db,
      secrets: createSecretBox(Buffer.alloc(32, 7)),
      clock,
      audit,
      log,
      sessionHours: 12,
      secureCookies: false,
    });
    // A site filter from an earlier false positive: the backup server's scripted cleanup.
    await db.query(
      `INSERT INTO rw_site_filters (rule_id, selection, reason, created_by)
       VALUES ($1, $2, 'nightly cleanup script on the backup server', 'admin')`,
      [VSSADMIN_RULE, JSON.stringify({ Computer: 'BACKUP01', User: 'HOSPITAL\\jdoe' })],
    );
    stream = new MemoryEventStream({ log });
    webhookCalls = [];
    let failNext = true;
    const fakeFetch = (async (url: string | URL | Request, init?: RequestInit) => {
      webhookCalls.push({ url: String(url), body: JSON.parse(String(init?.body)) });
      // The first delivery fails, so the retry is exercised too.
      if (failNext) {
        failNext = false;
        return new Response('busy', { status: 503 });
      }
      return new Response(null, { status: 204 });
    }) as typeof fetch;
    live = createLiveDetection({
      db,
      stream,
      audit,
      clock,
      log,
      ruleDirs: [],
      groupMinutes: 15,
      ingestMaxEvents: 50,
      alertWebhookUrl: 'https://soc.example.org/hooks/ward',
      fetch: fakeFetch,
      webhookBackoffMs: 1,
    });
    http = await createTestHttpServer({
      auth,
      audit,
      modules: [auth.module, { name: 'ransomware', registerRoutes: (h) => live.registerRoutes(h) }],
    });
    await live.startWorkers();
    admin = (await createSignedInUser(http, auth, 'admin')).bearer;
    analyst = (await createSignedInUser(http, auth, 'analyst')).bearer;
    auditor = (await createSignedInUser(http, auth, 'auditor')).bearer;
  });

  afterAll(async () => {
    await live.close();
    await http.close();
    await stream.close();
    await db.close();
  });

  const ingest = (headers: Record<string, string>, payload: unknown, contentType?: string) =>
    http.inject({
      method: 'POST',
      url: '/api/ransomware/ingest',
      headers: { ...headers, ...(contentType ? { 'content-type': contentType } : {}) },
      payload: payload as string,
    });

  const alerts = async (query = ''): Promise<Page<Alert>> =>
    (await http.inject({ url: `/api/ransomware/alerts${query}`, headers: analyst })).json();

  const matchedCount = async () => {
    const [row] = await db.query<{ n: number }>(
      'SELECT coalesce(sum(count), 0)::int AS n FROM rw_alerts',
    );
    return row!.n;
  };

  it('admins create ingest sources; the token is shown once and stored hashed', async () => {
    const res = await http.inject({
      method: 'POST',
      url: '/api/ransomware/sources',
      headers: admin,
      payload: { name: 'winlogbeat-ward-a', description: 'Ward A domain controllers' },
    });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created.token).toMatch(/^wardi_[A-Za-z0-9_-]{43,}$/);
    expect(created.tokenPrefix).toBe(created.token.slice(0, 12));
    shipper = { authorization: `Bearer ${created.token}` };

    const list = await http.inject({ url: '/api/ransomware/sources', headers: admin });
    const sources: IngestSource[] = list.json();
    expect(sources).toEqual([expect.objectContaining({ name: 'winlogbeat-ward-a', events: 0 })]);
    expect(JSON.stringify(sources)).not.toContain(created.token);
    const [stored] = await db.query<{ token_hash: Uint8Array }>(
      'SELECT token_hash FROM rw_ingest_sources',
    );
    expect(Buffer.from(stored!.token_hash).toString()).not.toContain(created.token);

    const duplicate = await http.inject({
      method: 'POST',
      url: '/api/ransomware/sources',
      headers: admin,
      payload: { name: 'winlogbeat-ward-a' },
    });
    expect(duplicate.statusCode).toBe(409);
    const byAnalyst = await http.inject({ url: '/api/ransomware/sources', headers: analyst });
    expect(byAnalyst.statusCode).toBe(403);
    const entries = await audit.list({ limit: 50, offset: 0, action: 'ingest_source.create' });
    expect(entries.total).toBe(1);
  });

  it('refuses ingest without a valid, enabled source token', async () => {
    const body = [benignProcess('PC-1', '2026-03-02T10:00:00Z')];
    expect((await ingest({}, body)).statusCode).toBe(401);
    expect((await ingest({ authorization: 'Bearer wardi_unknown' }, body)).statusCode).toBe(401);
    // A user's API token is not an ingest token.
    const user = await createSignedInUser(http, auth, 'admin');
    expect((await ingest(user.bearer, body)).statusCode).toBe(401);

    const spare = await http.inject({
      method: 'POST',
      url: '/api/ransomware/sources',
      headers: admin,
      payload: { name: 'old-nxlog' },
    });
    const del = await http.inject({
      method: 'DELETE',
      url: `/api/ransomware/sources/${spare.json().id}`,
      headers: admin,
    });
    expect(del.statusCode).toBe(204);
    const disabled = await ingest({ authorization: `Bearer ${spare.json().token}` }, body);
    expect(disabled.statusCode).toBe(401);
    expect(disabled.json().error.message).toMatch(/ingest source/);
  });

  it('accepts a mixed batch, reports unusable events and raises a grouped alert', async () => {
    const batch = [
      shadowDelete('PC-1', '2026-03-02T10:01:00Z', 101),
      benignProcess('PC-1', '2026-03-02T10:01:30Z'),
      evtxLogon('PC-1', '2026-03-02T10:01:40Z'),
      ecsServiceEvent('PC-1', '2026-03-02T10:01:50Z'),
      42,
      { hello: 'world' },
      shadowDelete('pc-1', '2026-03-02T10:05:00Z', 102),
      { EventID: 1, TimeCreated: 'last tuesday' },
      shadowDelete('PC-1', '2026-03-02T10:14:59Z', 103),
      shadowDelete('PC-2', '2026-03-02T10:03:00Z'),
      shadowDelete('PC-1', '2026-03-02T10:16:00Z'), // next 15-minute window
      shadowDelete('BACKUP01', '2026-03-02T10:02:00Z'), // site filter
    ];
    const res = await ingest(shipper, batch);
    expect(res.statusCode).toBe(202);
    const result: IngestResult = res.json();
    expect(result.accepted).toBe(9);
    expect(result.rejected.map((r) => r.index)).toEqual([4, 5, 7]);
    expect(result.rejected[0]!.reason).toBe('not a JSON object');
    expect(result.rejected[1]!.reason).toMatch(/EventID/);
    expect(result.rejected[2]!.reason).toMatch(/TimeCreated "last tuesday" is not a date/);

    await waitUntil('5 matches stored', async () => (await matchedCount()) === 5);
    const page = await alerts();
    expect(page.total).toBe(3);
    const byWindow = page.items.map((a) => [a.host?.toLowerCase(), a.firstSeen, a.count]);
    expect(byWindow).toEqual([
      ['pc-1', '2026-03-02T10:16:00.000Z', 1],
      ['pc-1', '2026-03-02T10:01:00.000Z', 3],
      ['pc-2', '2026-03-02T10:03:00.000Z', 1],
    ]);
    const grouped = page.items[1]!;
    expect(grouped.lastSeen).toBe('2026-03-02T10:14:59.000Z');
    expect(grouped.level).toBe('high');
    expect(grouped.rule).toEqual({
      id: VSSADMIN_RULE,
      title: 'Shadow Copies Deleted With vssadmin',
      author: 'Ward project',
      level: 'high',
      tags: ['attack.impact', 'attack.t1490'],
      link: 'https://attack.mitre.org/techniques/T1490/',
      path: expect.stringMatching(/inhibit-recovery[\\/]shadow-copy-deletion-vssadmin\.yml$/),
    });
    expect(grouped.sample['CommandLine']).toBe('vssadmin.exe delete shadows /all /quiet');
    expect(page.items.some((a) => a.host === 'BACKUP01')).toBe(false);

    const detail: AlertDetail = (
      await http.inject({ url: `/api/ransomware/alerts/${grouped.id}`, headers: auditor })
    ).json();
    expect(detail.events.map((e) => [e.recordId, e.source])).toEqual([
      [101, 'winlogbeat-ward-a'],
      [102, 'winlogbeat-ward-a'],
      [103, 'winlogbeat-ward-a'],
    ]);

    const [source] = (await http.inject({ url: '/api/ransomware/sources', headers: admin })).json();
    expect(source).toMatchObject({ name: 'winlogbeat-ward-a', events: 9 });
    expect(source.lastEventAt).toBe('2026-03-02T12:00:00.000Z');
  });

  it('posts each new high alert to the webhook once, retrying a failed delivery', async () => {
    await waitUntil('webhook deliveries', async () => webhookCalls.length >= 4);
    expect(webhookCalls.every((c) => c.url === 'https://soc.example.org/hooks/ward')).toBe(true);
    const ids = new Set(webhookCalls.map((c) => c.body['alertId']));
    expect(ids.size).toBe(3);
    expect(webhookCalls[0]!.body).toMatchObject({
      level: 'high',
      rule: { id: VSSADMIN_RULE, author: 'Ward project', level: 'high' },
      event: { CommandLine: 'vssadmin.exe delete shadows /all /quiet' },
    });
    // More matches join existing alerts: no new notification.
    await ingest(shipper, [shadowDelete('PC-2', '2026-03-02T10:04:00Z')]);
    await waitUntil('joined', async () => (await matchedCount()) === 6);
    await new Promise((r) => setTimeout(r, 50));
    expect(webhookCalls.length).toBe(4);
  });

  it('reads NDJSON and refuses batches over the limit with 413', async () => {
    const ndjson = [
      benignProcess('PC-3', '2026-03-02T10:00:00Z'),
      shadowDelete('PC-3', '2026-03-02T11:00:00Z'),
    ]
      .map((e) => JSON.stringify(e))
      .join('\n')
      .concat('\n{not json\n');
    const res = await ingest(shipper, ndjson, 'application/x-ndjson');
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({
      accepted: 2,
      rejected: [{ index: 2, reason: expect.stringMatching(/^not JSON/) }],
    });
    await waitUntil('PC-3 alert', async () => (await alerts('?host=pc-3')).total === 1);

    const tooMany = Array.from({ length: 51 }, (_, i) =>
      benignProcess('PC-4', '2026-03-02T10:00:00Z', i),
    );
    const big = await ingest(shipper, { events: tooMany });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.message).toMatch(/51 events.*at most 50/);
  });

  it('filters alerts and lets analysts change their status, audited', async () => {
    const open = await alerts('?status=open&level=high,critical&limit=2');
    expect(open.total).toBe(4);
    expect(open.items).toHaveLength(2);
    const target = open.items[0]!;
    const denied = await http.inject({
      method: 'PATCH',
      url: `/api/ransomware/alerts/${target.id}`,
      headers: auditor,
      payload: { status: 'acknowledged' },
    });
    expect(denied.statusCode).toBe(403);
    const res = await http.inject({
      method: 'PATCH',
      url: `/api/ransomware/alerts/${target.id}`,
      headers: analyst,
      payload: { status: 'acknowledged' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: target.id, status: 'acknowledged' });
    expect((await alerts('?status=acknowledged')).items.map((a) => a.id)).toEqual([target.id]);
    const entries = await audit.list({ limit: 10, offset: 0, action: 'alert.status' });
    expect(entries.items[0]).toMatchObject({
      target: target.id,
      detail: { from: 'open', to: 'acknowledged' },
    });
    const missing = await http.inject({
      url: '/api/ransomware/alerts/00000000-0000-4000-8000-000000000000',
      headers: analyst,
    });
    expect(missing.statusCode).toBe(404);
    const bad = await http.inject({ url: '/api/ransomware/alerts?level=severe', headers: analyst });
    expect(bad.statusCode).toBe(400);
  });
});

describe('ruleLink', () => {
  it('prefers the first reference, then the SigmaHQ page for rules from a SigmaHQ checkout', () => {
    expect(ruleLink({ references: ['https://a.example/x', 'https://b'], path: '/r/x.yml' })).toBe(
      'https://a.example/x',
    );
    expect(
      ruleLink({
        references: [],
        path: '/opt/sigma/rules/windows/process_creation/proc_creation_win_vssadmin_delete_shadows.yml',
      }),
    ).toBe(
      'https://github.com/SigmaHQ/sigma/blob/master/rules/windows/process_creation/proc_creation_win_vssadmin_delete_shadows.yml',
    );
    expect(
      ruleLink({ references: [], path: '/work/src/safeguards/ransomware/rules/x/y.yml' }),
    ).toBeNull();
  });
});

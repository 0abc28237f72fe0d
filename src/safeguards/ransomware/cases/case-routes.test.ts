import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, ContainmentStep } from '../../../api-types.ts';
import { createSignedInUser } from '../../../../test/http-app.ts';
import { createCaseTestApp, insertAlert } from './case-test-kit.ts';

type App = Awaited<ReturnType<typeof createCaseTestApp>>;
let app: App;
let analyst: Record<string, string>;
let auditor: Record<string, string>;
let analystName: string;

const HASH = 'A'.repeat(64);
const encryptSample = {
  Computer: 'WS-014.hospital.local',
  Image: 'C:\\Users\\nurse\\AppData\\Local\\Temp\\crypt.exe',
  ParentImage: 'C:\\Windows\\explorer.exe',
  CommandLine: 'crypt.exe --all',
  User: 'HOSPITAL\\nurse.jones',
  Hashes: `SHA1=${'B'.repeat(40)},MD5=${'C'.repeat(32)},SHA256=${HASH},IMPHASH=${'D'.repeat(32)}`,
  ProcessId: 4242,
};
const shadowSample = {
  Computer: 'WS-014.hospital.local',
  Image: 'C:\\Windows\\System32\\vssadmin.exe',
  CommandLine: 'vssadmin delete shadows /all /quiet',
  SubjectUserName: 'WS-014$',
};

beforeAll(async () => {
  app = await createCaseTestApp();
  const a = await createSignedInUser(app.http, app.auth, 'analyst');
  analyst = a.bearer;
  analystName = a.user.username;
  auditor = (await createSignedInUser(app.http, app.auth, 'auditor')).bearer;
}, 60_000);
afterAll(async () => app?.close());

/** Each action a minute after the previous one, so timeline times differ. */
function tick() {
  app.clock.set(new Date(app.clock.now().getTime() + 60_000));
}
const get = (url: string, headers = auditor) => app.http.inject({ method: 'GET', url, headers });
function send(method: 'POST' | 'PATCH', url: string, payload?: object, headers = analyst) {
  tick();
  return app.http.inject({ method, url, headers, ...(payload ? { payload } : {}) });
}
async function newCase(title: string, alertIds: string[]): Promise<CaseDetail> {
  const res = await send('POST', '/api/ransomware/cases', { title, alertIds });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const step = (detail: CaseDetail, key: ContainmentStep['key']) =>
  detail.containment.find((s) => s.key === key)!;

describe('ransomware cases', () => {
  it('opens a case from alerts with the worst severity and suggested containment targets', async () => {
    const a1 = await insertAlert(app.db, {
      title: 'Shadow copies deleted',
      level: 'high',
      host: 'WS-014',
      sample: shadowSample,
    });
    const a2 = await insertAlert(app.db, {
      title: 'Mass file encryption',
      level: 'critical',
      host: 'WS-014',
      sample: encryptSample,
      at: '2026-03-02T07:40:00Z',
    });
    const detail = await newCase('Encryption on WS-014', [a1, a2]);
    expect(detail).toMatchObject({
      title: 'Encryption on WS-014',
      status: 'open',
      severity: 'critical',
      alerts: 2,
      hosts: ['WS-014'],
      assignee: null,
      resolution: null,
    });
    expect(detail.alertList.map((a) => [a.id, a.caseId, a.status])).toEqual([
      [a1, detail.id, 'acknowledged'],
      [a2, detail.id, 'acknowledged'],
    ]);
    expect(detail.containment.map((s) => s.key)).toEqual([
      'isolate_host',
      'disable_account',
      'block_hash',
      'reset_credentials',
      'preserve_evidence',
    ]);
    expect(step(detail, 'isolate_host').target).toBe('WS-014.hospital.local');
    // The machine account WS-014$ is not suggested; the user from the encryption sample is.
    expect(step(detail, 'disable_account').target).toBe('HOSPITAL\\nurse.jones');
    expect(step(detail, 'block_hash').target).toBe(HASH);
    expect(detail.containment.every((s) => !s.done)).toBe(true);
    expect(detail.timeline.map((e) => [e.kind, e.actor])).toEqual([
      ['created', analystName],
      ['alert', analystName],
      ['alert', analystName],
    ]);
    const audit = await app.audit.list({ limit: 10, offset: 0, action: 'ransomware.case.create' });
    expect(audit.items[0]).toMatchObject({ actor: analystName, target: `case:${detail.id}` });
  });

  it('refuses an alert already in another open case, naming it, and unknown alerts', async () => {
    const a = await insertAlert(app.db, {
      title: 'Defender disabled',
      level: 'high',
      host: 'WS-020',
      sample: { Computer: 'WS-020' },
    });
    const first = await newCase('Defender tampering', [a]);
    const res = await send('POST', '/api/ransomware/cases', { title: 'Again', alertIds: [a] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain(a);
    expect(res.json().error.message).toContain('Defender tampering');
    const joined = await send('POST', `/api/ransomware/alerts/${a}/case`, {
      caseId: (
        await newCase('Other', [
          await insertAlert(app.db, { title: 'x', level: 'low', host: 'h', sample: {} }),
        ])
      ).id,
    });
    expect(joined.statusCode).toBe(409);
    const missing = await send('POST', '/api/ransomware/cases', {
      title: 'Nope',
      alertIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(missing.statusCode).toBe(404);
    expect((await get(`/api/ransomware/cases/${first.id}`)).json().alerts).toBe(1);
  });

  it('lets an alert join a case (raising its severity) or become a new one', async () => {
    const low = await insertAlert(app.db, {
      title: 'Service stopped',
      level: 'medium',
      host: 'SRV-PACS',
      sample: { Computer: 'SRV-PACS', ServiceName: 'VSS' },
    });
    const crit = await insertAlert(app.db, {
      title: 'Backup catalog deleted',
      level: 'critical',
      host: 'SRV-PACS',
      sample: { Computer: 'SRV-PACS', TargetUserName: 'svc.backup' },
    });
    const created = await send('POST', `/api/ransomware/alerts/${low}/case`, {});
    expect(created.statusCode).toBe(201);
    const c: CaseDetail = created.json();
    expect(c).toMatchObject({
      title: 'Service stopped on SRV-PACS',
      severity: 'medium',
      alerts: 1,
    });
    expect(step(c, 'disable_account').target).toBeNull();

    const joined = await send('POST', `/api/ransomware/alerts/${crit}/case`, { caseId: c.id });
    expect(joined.statusCode).toBe(200);
    expect(joined.json()).toMatchObject({ id: c.id, severity: 'critical', alerts: 2 });
    expect(step(joined.json(), 'disable_account').target).toBe('svc.backup');
    // Joining again changes nothing.
    const again = await send('POST', `/api/ransomware/alerts/${crit}/case`, { caseId: c.id });
    expect(again.json().timeline).toHaveLength(joined.json().timeline.length);
  });

  it('assigns, comments, records evidence (http/https only), and lists by status and assignee', async () => {
    const c = await newCase('Assign me', [
      await insertAlert(app.db, {
        title: 'RDP brute force',
        level: 'medium',
        host: 'SRV-EHR',
        sample: { Computer: 'SRV-EHR', IpAddress: '10.0.9.9' },
      }),
    ]);
    const assigned = await send('PATCH', `/api/ransomware/cases/${c.id}`, {
      assignee: 'dr.who',
      status: 'in_progress',
    });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json()).toMatchObject({ assignee: 'dr.who', status: 'in_progress' });
    expect(
      (await send('PATCH', `/api/ransomware/cases/${c.id}`, { assignee: '  ' })).statusCode,
    ).toBe(400);
    expect(
      (await send('PATCH', `/api/ransomware/cases/${c.id}`, { assignee: 'x'.repeat(65) }))
        .statusCode,
    ).toBe(400);

    const comment = await send('POST', `/api/ransomware/cases/${c.id}/comments`, {
      text: 'Called the ward manager.',
    });
    expect(comment.statusCode).toBe(201);
    expect(comment.json()).toMatchObject({
      kind: 'comment',
      actor: analystName,
      text: 'Called the ward manager.',
    });

    const ev = await send('POST', `/api/ransomware/cases/${c.id}/evidence`, {
      label: 'Memory image',
      url: 'https://files.hospital.local/ir/ws014.raw',
      note: 'SHA256 in ticket',
    });
    expect(ev.statusCode).toBe(201);
    expect(ev.json()).toMatchObject({
      label: 'Memory image',
      url: 'https://files.hospital.local/ir/ws014.raw',
      addedBy: analystName,
    });
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'not a url']) {
      const bad = await send('POST', `/api/ransomware/cases/${c.id}/evidence`, {
        label: 'Bad',
        url,
      });
      expect(bad.statusCode, url).toBe(400);
      expect(bad.json().error.message).toMatch(/^url:/);
    }

    const detail: CaseDetail = (await get(`/api/ransomware/cases/${c.id}`)).json();
    expect(detail.evidence).toHaveLength(1);
    expect(detail.timeline.map((e) => e.kind)).toEqual([
      'created',
      'alert',
      'assignee',
      'status',
      'comment',
      'evidence',
    ]);
    const mine = (await get('/api/ransomware/cases?assignee=dr.who&status=in_progress')).json();
    expect(mine.items.map((x: { id: string }) => x.id)).toEqual([c.id]);
    // Newest updated first: this case was just changed.
    const all = (await get('/api/ransomware/cases')).json();
    expect(all.items[0].id).toBe(c.id);
    expect(all.total).toBeGreaterThanOrEqual(4);
  });

  it('marks containment steps done and records the webhook outcome, success or failure', async () => {
    const c = await newCase('Contain', [
      await insertAlert(app.db, {
        title: 'Mass file encryption',
        level: 'critical',
        host: 'WS-030',
        sample: { ...encryptSample, Computer: 'WS-030' },
      }),
    ]);
    // No webhook configured: done, nothing called.
    const plain = await send('POST', `/api/ransomware/cases/${c.id}/containment/preserve_evidence`);
    expect(plain.statusCode, plain.body).toBe(200);
    expect(plain.json()).toMatchObject({
      done: true,
      doneBy: analystName,
      target: 'WS-030',
      webhook: null,
    });

    const calls: { url: string; body: unknown }[] = [];
    app.deps.containmentWebhookUrl = 'https://soar.hospital.local/hooks/ward';
    app.deps.fetch = async (url, init) => {
      calls.push({ url: String(url), body: JSON.parse(String(init?.body)) });
      return new Response('queued', { status: 200, statusText: 'OK' });
    };
    const ok = await send('POST', `/api/ransomware/cases/${c.id}/containment/isolate_host`, {});
    expect(ok.json()).toMatchObject({
      key: 'isolate_host',
      done: true,
      target: 'WS-030',
      webhook: '200 OK',
    });
    expect(calls).toEqual([
      {
        url: 'https://soar.hospital.local/hooks/ward',
        body: {
          case: { id: c.id, title: 'Contain', severity: 'critical' },
          step: 'isolate_host',
          target: 'WS-030',
          actor: analystName,
          at: app.clock.now().toISOString(),
        },
      },
    ]);

    app.deps.fetch = async () => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      });
    };
    const failed = await send('POST', `/api/ransomware/cases/${c.id}/containment/disable_account`, {
      target: 'HOSPITAL\\nurse.jones2',
    });
    expect(failed.statusCode).toBe(200);
    expect(failed.json()).toMatchObject({
      done: true,
      target: 'HOSPITAL\\nurse.jones2',
      webhook: 'failed: ECONNREFUSED',
    });
    app.deps.fetch = async () => new Response('', { status: 502, statusText: 'Bad Gateway' });
    const refused = await send('POST', `/api/ransomware/cases/${c.id}/containment/block_hash`, {});
    expect(refused.json().webhook).toBe('failed: 502 Bad Gateway');
    app.deps.containmentWebhookUrl = undefined;
    app.deps.fetch = undefined;

    const detail: CaseDetail = (await get(`/api/ransomware/cases/${c.id}`)).json();
    expect(step(detail, 'disable_account')).toMatchObject({
      done: true,
      webhook: 'failed: ECONNREFUSED',
    });
    expect(step(detail, 'reset_credentials').done).toBe(false);
    const texts = detail.timeline.filter((e) => e.kind === 'containment').map((e) => e.text);
    expect(texts).toEqual([
      'Preserve evidence (memory and disk image): WS-030',
      'Isolate host from the network: WS-030 (webhook: 200 OK)',
      'Disable the account: HOSPITAL\\nurse.jones2 (webhook: failed: ECONNREFUSED)',
      `Block the file hash: ${HASH} (webhook: failed: 502 Bad Gateway)`,
    ]);
    expect(
      (await send('POST', `/api/ransomware/cases/${c.id}/containment/unplug_everything`))
        .statusCode,
    ).toBe(400);
    const audit = await app.audit.list({
      limit: 10,
      offset: 0,
      action: 'ransomware.case.containment',
    });
    expect(audit.items.length).toBeGreaterThanOrEqual(4);
  });

  it('closes only with a resolution; a false positive with addFilter adds site filters and closes the alerts; reopens', async () => {
    const ruleId = '5b1f5c5e-0000-4000-8000-000000000001';
    const a1 = await insertAlert(app.db, {
      ruleId,
      title: 'Shadow copies deleted',
      level: 'high',
      host: 'SRV-BACKUP',
      sample: {
        Computer: 'SRV-BACKUP',
        Image: 'C:\\Program Files\\Veeam\\vssadmin.exe',
        CommandLine: 'vssadmin delete shadows /for=D:',
        ProcessId: 77,
        EventID: 1,
      },
    });
    const a2 = await insertAlert(app.db, {
      ruleId,
      title: 'Shadow copies deleted',
      level: 'high',
      host: 'SRV-BACKUP',
      sample: {
        Computer: 'SRV-BACKUP',
        Image: 'C:\\Program Files\\Veeam\\vssadmin.exe',
        CommandLine: 'vssadmin delete shadows /for=D:',
        ProcessId: 78,
      },
      at: '2026-03-02T07:45:00Z',
    });
    const c = await newCase('Backup job deletes shadows', [a1, a2]);

    const noRes = await send('PATCH', `/api/ransomware/cases/${c.id}`, { status: 'closed' });
    expect(noRes.statusCode).toBe(400);
    expect(noRes.json().error.message).toMatch(/^resolution:/);
    expect(
      (
        await send('PATCH', `/api/ransomware/cases/${c.id}`, {
          status: 'closed',
          resolution: 'benign',
          addFilter: true,
        })
      ).statusCode,
    ).toBe(400);

    const closed = await send('PATCH', `/api/ransomware/cases/${c.id}`, {
      status: 'closed',
      resolution: 'false_positive',
      closeNote: 'Veeam nightly job',
      addFilter: true,
    });
    expect(closed.statusCode, closed.body).toBe(200);
    const d: CaseDetail = closed.json();
    expect(d).toMatchObject({
      status: 'closed',
      resolution: 'false_positive',
      closeNote: 'Veeam nightly job',
    });
    expect(d.closedAt).toBe(app.clock.now().toISOString());
    expect(d.alertList.map((a) => a.status)).toEqual(['closed', 'closed']);
    const filters = await app.db.query<{
      rule_id: string;
      selection: unknown;
      reason: string;
      created_by: string;
    }>('SELECT rule_id, selection, reason, created_by FROM rw_site_filters WHERE rule_id = $1', [
      ruleId,
    ]);
    // Both alerts have the same identifying fields: one filter, without ProcessId or EventID.
    expect(filters).toEqual([
      {
        rule_id: ruleId,
        selection: {
          Computer: 'SRV-BACKUP',
          Image: 'C:\\Program Files\\Veeam\\vssadmin.exe',
          CommandLine: 'vssadmin delete shadows /for=D:',
        },
        reason: 'False positive, case "Backup job deletes shadows": Veeam nightly job',
        created_by: analystName,
      },
    ]);
    expect(d.timeline.slice(-2).map((e) => e.kind)).toEqual(['closed', 'filter']);
    expect(d.timeline.at(-1)?.text).toContain('Computer = SRV-BACKUP');
    expect(
      (await app.audit.list({ limit: 5, offset: 0, action: 'ransomware.site_filter.create' }))
        .items,
    ).toHaveLength(1);

    expect(
      (
        await send('PATCH', `/api/ransomware/cases/${c.id}`, {
          status: 'closed',
          resolution: 'benign',
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (await send('POST', `/api/ransomware/cases/${c.id}/containment/isolate_host`)).statusCode,
    ).toBe(409);
    expect(
      (await get('/api/ransomware/cases?status=closed'))
        .json()
        .items.map((x: { id: string }) => x.id),
    ).toContain(c.id);

    const reopened = await send('PATCH', `/api/ransomware/cases/${c.id}`, {
      status: 'in_progress',
    });
    expect(reopened.json()).toMatchObject({
      status: 'in_progress',
      resolution: null,
      closeNote: null,
      closedAt: null,
    });
    expect(reopened.json().alertList.map((a: { status: string }) => a.status)).toEqual([
      'acknowledged',
      'acknowledged',
    ]);
    const timeline: CaseDetail['timeline'] = reopened.json().timeline;
    expect(timeline.map((e) => e.kind)).toEqual([
      'created',
      'alert',
      'alert',
      'closed',
      'filter',
      'reopened',
    ]);
    const times = timeline.map((e) => e.at);
    expect([...times].sort()).toEqual(times);
    const updates = await app.audit.list({
      limit: 10,
      offset: 0,
      action: 'ransomware.case.update',
    });
    expect(updates.items[0]).toMatchObject({ actor: analystName, target: `case:${c.id}` });
  });

  it('lets auditors read cases but change nothing', async () => {
    const a = await insertAlert(app.db, {
      title: 'Log cleared',
      level: 'high',
      host: 'DC01',
      sample: { Computer: 'DC01' },
    });
    const c = await newCase('Log cleared on DC01', [a]);
    expect((await get(`/api/ransomware/cases/${c.id}`)).statusCode).toBe(200);
    expect((await get('/api/ransomware/cases')).statusCode).toBe(200);
    const attempts: ['POST' | 'PATCH', string, object | undefined][] = [
      ['POST', '/api/ransomware/cases', { title: 'x', alertIds: [a] }],
      ['POST', `/api/ransomware/alerts/${a}/case`, {}],
      ['PATCH', `/api/ransomware/cases/${c.id}`, { assignee: 'auditor' }],
      ['POST', `/api/ransomware/cases/${c.id}/comments`, { text: 'hi' }],
      ['POST', `/api/ransomware/cases/${c.id}/evidence`, { label: 'x' }],
      ['POST', `/api/ransomware/cases/${c.id}/containment/isolate_host`, undefined],
    ];
    for (const [method, url, body] of attempts) {
      expect((await send(method, url, body, auditor)).statusCode, `${method} ${url}`).toBe(403);
    }
    expect((await get(`/api/ransomware/cases/${c.id}`)).json().timeline).toHaveLength(2);
  });
});

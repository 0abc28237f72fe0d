import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  countCoreRows,
  createCoreTestKit,
  T0,
  type CoreTestKit,
} from '../../../test/core-test-kit.ts';
import type { FindingInput } from './finding-create.ts';

let kit: CoreTestKit;
let assetId: string;
beforeEach(async () => {
  kit = await createCoreTestKit();
  assetId = (await kit.core.createAsset({ type: 'account', name: 'jsmith' }, 'alice')).id;
});
afterEach(async () => kit.close());

/** An analyzer finding on the test account, identified by its check. */
const check = (toolId: string, more: Partial<FindingInput> = {}): FindingInput => ({
  safeguard: 'credentials',
  source: 'analyzer',
  tool: 'ward-directory',
  toolId,
  title: `Check ${toolId}`,
  description: `What ${toolId} means.`,
  severity: 'medium',
  assetId,
  ...more,
});

const auditActions = async (action: string) =>
  (await kit.audit.list({ limit: 100, offset: 0, action })).items;

describe('recordFindings', () => {
  it('creates new findings with due dates and a created event, and one audit entry', async () => {
    const results = await kit.core.recordFindings(
      [check('no_mfa', { severity: 'high' }), check('stale_account', { severity: 'info' })],
      'bot',
    );
    expect(results.map((r) => [r.created, r.reopened])).toEqual([
      [true, false],
      [true, false],
    ]);
    const high = await kit.core.getFinding(results[0]!.id);
    expect(high).toMatchObject({
      title: 'Check no_mfa',
      description: 'What no_mfa means.',
      status: 'open',
      source: 'analyzer',
      firstSeen: T0,
      lastSeen: T0,
      due: '2026-04-01T09:00:00.000Z', // 30 days for high in TEST_SLA
      asset: { id: assetId, name: 'jsmith' },
    });
    expect(high?.history).toEqual([
      { at: T0, actor: 'bot', kind: 'created', from: null, to: 'open', note: 'analyzer' },
    ]);
    expect((await kit.core.getFinding(results[1]!.id))?.due).toBeNull();

    const audit = await auditActions('findings.record');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: 'bot',
      detail: {
        tools: ['ward-directory'],
        safeguards: ['credentials'],
        created: 2,
        seen: 0,
        reopened: 0,
      },
    });
    expect(await auditActions('finding.create')).toHaveLength(0);
    // Today's trend point counts them.
    const snapshot = await kit.db.query<{ severity: string; open_count: number }>(
      `SELECT severity, open_count FROM finding_snapshots
       WHERE safeguard = 'credentials' AND open_count > 0 ORDER BY severity`,
    );
    expect(snapshot).toEqual([
      { severity: 'high', open_count: 1 },
      { severity: 'info', open_count: 1 },
    ]);
  });

  it('records again as a sighting, reopens what was fixed and leaves triaged findings', async () => {
    const inputs = ['a', 'b', 'c', 'd'].map((id) => check(id));
    const first = await kit.core.recordFindings(inputs, 'bot');
    const [fixed, accepted, falsePositive] = first.map((r) => r.id);
    await kit.core.updateFinding(fixed!, { status: 'fixed' }, 'alice');
    await kit.core.updateFinding(
      accepted!,
      { status: 'accepted_risk', justification: 'kiosk', acceptedUntil: '2026-12-31' },
      'alice',
    );
    await kit.core.updateFinding(
      falsePositive!,
      { status: 'false_positive', justification: 'service account, no login' },
      'alice',
    );
    kit.clock.advanceDays(1);

    const again = await kit.core.recordFindings(inputs, 'bot');
    expect(again).toEqual([
      { id: fixed, created: false, reopened: true },
      { id: accepted, created: false, reopened: false },
      { id: falsePositive, created: false, reopened: false },
      { id: first[3]!.id, created: false, reopened: false },
    ]);
    const details = await Promise.all(again.map((r) => kit.core.getFinding(r.id)));
    expect(details.map((d) => d?.status)).toEqual([
      'open',
      'accepted_risk',
      'false_positive',
      'open',
    ]);
    expect(details.every((d) => d?.firstSeen === T0)).toBe(true);
    expect(new Set(details.map((d) => d?.lastSeen))).toEqual(new Set(['2026-03-03T09:00:00.000Z']));
    expect(details[0]?.history.at(-1)).toMatchObject({
      actor: 'bot',
      kind: 'reopened',
      from: 'fixed',
      to: 'open',
      note: 'reported again by ward-directory',
    });
    expect(details[1]?.history.map((e) => e.kind)).toEqual(['created', 'status']);
    expect((await auditActions('findings.record')).map((e) => e.detail)).toEqual([
      { tools: ['ward-directory'], safeguards: ['credentials'], created: 0, seen: 4, reopened: 1 },
      { tools: ['ward-directory'], safeguards: ['credentials'], created: 4, seen: 0, reopened: 0 },
    ]);

    // Only seen again: nothing changed that the audit log must show.
    await kit.core.recordFindings(inputs, 'bot');
    expect(await auditActions('findings.record')).toHaveLength(2);
  });

  it('gives a finding the same identity as createFinding, either way round', async () => {
    const single = await kit.core.createFinding(check('no_mfa'), 'alice');
    const [batch] = await kit.core.recordFindings([check('no_mfa'), check('stale')], 'bot');
    expect(batch).toEqual({ id: single.id, created: false, reopened: false });

    const [stale] = await kit.core.recordFindings([check('stale')], 'bot');
    const again = await kit.core.createFinding(check('stale'), 'alice');
    expect(again.id).toBe(stale!.id);
    expect((await kit.core.listFindings({ limit: 50 })).total).toBe(2);
    // The same due date rule too.
    const created = await kit.core.getFinding(stale!.id);
    expect(created?.due).toBe(single.due);
  });

  it('treats repeats within a batch as one finding and keeps manual findings apart', async () => {
    const manual = {
      safeguard: 'drills' as const,
      title: 'Tabletop gap',
      severity: 'low' as const,
    };
    const results = await kit.core.recordFindings(
      [check('no_mfa'), manual, check('no_mfa'), manual],
      'bot',
    );
    expect(results[2]).toEqual({ id: results[0]!.id, created: false, reopened: false });
    expect(results[1]!.id).not.toBe(results[3]!.id);
    expect(results.filter((r) => r.created)).toHaveLength(3);
    expect((await kit.core.listFindings({ limit: 50 })).total).toBe(3);
  });

  it('validates every input before writing anything', async () => {
    const before = await countCoreRows(kit.db);
    await expect(
      kit.core.recordFindings([check('a'), check('b', { title: '  ' })], 'bot'),
    ).rejects.toThrow(/^findings\.1\.title: required$/);
    await expect(
      kit.core.recordFindings([check('a'), check('b', { cves: ['CVE-1'] })], 'bot'),
    ).rejects.toThrow(/^findings\.1\.cves\.0: expected an id like CVE-2024-12345/);
    const missing = '00000000-0000-4000-8000-000000000000';
    await expect(
      kit.core.recordFindings([check('a'), check('b', { assetId: missing })], 'bot'),
    ).rejects.toThrow(`findings.1.assetId: no asset ${missing}`);
    expect(await countCoreRows(kit.db)).toEqual(before);
    expect(await auditActions('findings.record')).toHaveLength(0);
    expect(await kit.core.recordFindings([], 'bot')).toEqual([]);
  });

  it('records thousands of findings in more than one chunk', async () => {
    const inputs = Array.from({ length: 2_100 }, (_, i) => check(`c${i}`));
    const first = await kit.core.recordFindings(inputs, 'bot');
    expect(first.filter((r) => r.created)).toHaveLength(2_100);
    const again = await kit.core.recordFindings(inputs, 'bot');
    expect(again.map((r) => r.id)).toEqual(first.map((r) => r.id));
    expect(again.some((r) => r.created)).toBe(false);
  });
});

describe('updateFindingsStatus', () => {
  it('fixes the open and in-progress findings only, with history and one audit entry', async () => {
    const ids = (
      await kit.core.recordFindings(
        ['a', 'b', 'c', 'd'].map((id) => check(id)),
        'bot',
      )
    ).map((r) => r.id);
    await kit.core.updateFinding(ids[1]!, { status: 'in_progress' }, 'alice');
    await kit.core.updateFinding(
      ids[2]!,
      { status: 'accepted_risk', justification: 'kiosk', acceptedUntil: '2026-12-31' },
      'alice',
    );
    await kit.core.updateFinding(ids[3]!, { status: 'fixed' }, 'alice');
    kit.clock.advanceDays(2);

    const changed = await kit.core.updateFindingsStatus(ids, 'fixed', 'bot', {
      note: 'no longer reported',
    });
    expect(changed.sort()).toEqual([ids[0], ids[1]].sort());
    const details = await Promise.all(ids.map((id) => kit.core.getFinding(id)));
    expect(details.map((d) => d?.status)).toEqual(['fixed', 'fixed', 'accepted_risk', 'fixed']);
    expect(details[1]?.history.at(-1)).toEqual({
      at: '2026-03-04T09:00:00.000Z',
      actor: 'bot',
      kind: 'status',
      from: 'in_progress',
      to: 'fixed',
      note: 'no longer reported',
    });
    // The one fixed by hand keeps its own history.
    expect(details[3]?.history.at(-1)?.actor).toBe('alice');
    const audit = await auditActions('findings.status');
    expect(audit).toHaveLength(1);
    expect(audit[0]?.detail).toEqual({ to: 'fixed', findings: 2, note: 'no longer reported' });

    expect(await kit.core.updateFindingsStatus(ids, 'fixed', 'bot')).toEqual([]);
    expect(await auditActions('findings.status')).toHaveLength(1);
    await expect(kit.core.updateFindingsStatus(['nope'], 'fixed', 'bot')).rejects.toThrow(
      /^ids\.0: must be a finding id/,
    );
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCoreTestKit, type CoreTestKit } from '../../../test/core-test-kit.ts';
import { addFindingComment } from './finding-detail.ts';

let kit: CoreTestKit;
let findingId: string;
beforeEach(async () => {
  kit = await createCoreTestKit();
  findingId = (
    await kit.core.createFinding(
      { safeguard: 'drills', title: 'Telnet enabled on PACS gateway', severity: 'high' },
      'alice',
    )
  ).id;
});
afterEach(async () => {
  await kit.close();
});

const update = (u: Parameters<CoreTestKit['core']['updateFinding']>[1], actor = 'bob') =>
  kit.core.updateFinding(findingId, u, actor);

describe('finding status rules', () => {
  it('accepting a risk needs a justification and an end date in the future', async () => {
    await expect(update({ status: 'accepted_risk', acceptedUntil: '2026-09-30' })).rejects.toThrow(
      /^justification: required/,
    );
    await expect(
      update({ status: 'accepted_risk', justification: 'isolated VLAN' }),
    ).rejects.toThrow(/^acceptedUntil: required/);
    await expect(
      update({
        status: 'accepted_risk',
        justification: 'isolated VLAN',
        acceptedUntil: '2026-03-01',
      }),
    ).rejects.toThrow(/^acceptedUntil: must be in the future/);
    await expect(
      update({
        status: 'accepted_risk',
        justification: 'isolated VLAN',
        acceptedUntil: 'next year',
      }),
    ).rejects.toThrow(/^acceptedUntil: expected an ISO 8601 date/);
    expect((await kit.core.getFinding(findingId))!.status).toBe('open');

    const accepted = await update({
      status: 'accepted_risk',
      justification: 'isolated VLAN',
      acceptedUntil: '2026-09-30',
    });
    expect(accepted).toMatchObject({
      status: 'accepted_risk',
      justification: 'isolated VLAN',
      acceptedUntil: '2026-09-30T00:00:00.000Z',
    });
    expect(accepted.history.at(-1)).toMatchObject({
      actor: 'bob',
      kind: 'status',
      from: 'open',
      to: 'accepted_risk',
    });
    expect(accepted.history.at(-1)!.note).toContain('isolated VLAN');
  });

  it('a false positive needs a justification', async () => {
    await expect(update({ status: 'false_positive' })).rejects.toThrow(/^justification: required/);
    expect(
      await update({ status: 'false_positive', justification: 'service is not telnet' }),
    ).toMatchObject({
      status: 'false_positive',
      justification: 'service is not telnet',
    });
  });

  it('acceptedUntil belongs to accepted_risk only', async () => {
    await expect(update({ status: 'in_progress', acceptedUntil: '2026-09-30' })).rejects.toThrow(
      /^acceptedUntil: applies only/,
    );
  });

  it('writes a history event and an audit entry for each change, none for a no-op', async () => {
    await update({ status: 'in_progress', assignee: 'carol' });
    await update({ status: 'in_progress', assignee: 'carol' });
    const detail = await update({ status: 'fixed' });
    expect(detail.history.map((e) => [e.kind, e.from, e.to])).toEqual([
      ['created', null, 'open'],
      ['status', 'open', 'in_progress'],
      ['assignee', null, 'carol'],
      ['status', 'in_progress', 'fixed'],
    ]);
    const audit = await kit.audit.list({ limit: 50, offset: 0, actor: 'bob' });
    expect(audit.items.map((a) => a.action).reverse()).toEqual([
      'finding.status',
      'finding.assignee',
      'finding.status',
    ]);
    expect(audit.items.every((a) => a.target === findingId)).toBe(true);
  });

  it('refuses an empty update and an unknown finding', async () => {
    await expect(update({})).rejects.toThrow(/nothing to change/);
    await expect(
      kit.core.updateFinding('7a1c1ae9-44c5-4c1e-9a53-111111111111', { status: 'fixed' }, 'bob'),
    ).rejects.toMatchObject({
      status: 404,
    });
    await expect(
      kit.core.updateFinding('not-a-uuid', { status: 'fixed' }, 'bob'),
    ).rejects.toMatchObject({ status: 404 });
  });

  it("updates today's posture snapshot when a status changes", async () => {
    await update({ status: 'fixed' });
    const rows = await kit.db.query<{ open_count: number }>(
      `SELECT open_count FROM finding_snapshots WHERE safeguard = 'drills' AND severity = 'high' AND day = '2026-03-02'`,
    );
    expect(rows).toEqual([{ open_count: 0 }]);
  });
});

describe('accepted risks expire', () => {
  it('reopens the finding when acceptedUntil has passed, with a system event', async () => {
    await update({
      status: 'accepted_risk',
      justification: 'replacement ordered',
      acceptedUntil: '2026-03-20T00:00:00Z',
    });
    kit.clock.set('2026-03-19T23:00:00Z');
    expect(await kit.core.reopenExpiredAcceptances()).toBe(0);
    kit.clock.set('2026-03-20T00:00:01Z');
    expect(await kit.core.reopenExpiredAcceptances()).toBe(1);

    const detail = (await kit.core.getFinding(findingId))!;
    expect(detail).toMatchObject({ status: 'open', acceptedUntil: null });
    expect(detail.history.at(-1)).toMatchObject({
      actor: 'system',
      kind: 'status',
      from: 'accepted_risk',
      to: 'open',
    });
    expect(detail.history.at(-1)!.note).toMatch(/risk acceptance expired/);
    // The due date never moved: the finding is now overdue (high: 30 days from 2026-03-02).
    kit.clock.set('2026-04-02T00:00:00Z');
    expect((await kit.core.listFindings({ overdue: true })).items.map((f) => f.id)).toEqual([
      findingId,
    ]);
  });

  it('can be extended before it lapses', async () => {
    await update({
      status: 'accepted_risk',
      justification: 'replacement ordered',
      acceptedUntil: '2026-03-20',
    });
    const extended = await update({ acceptedUntil: '2026-06-30' });
    expect(extended).toMatchObject({
      status: 'accepted_risk',
      acceptedUntil: '2026-06-30T00:00:00.000Z',
      justification: 'replacement ordered',
    });
    expect(extended.history.at(-1)).toMatchObject({
      kind: 'acceptance',
      from: '2026-03-20T00:00:00.000Z',
      to: '2026-06-30T00:00:00.000Z',
    });
  });
});

describe('comments', () => {
  it('adds a comment with a history event', async () => {
    const comment = await addFindingComment(kit.ctx, {
      findingId,
      body: '  Vendor says patch in Q3.  ',
      actor: 'carol',
    });
    expect(comment).toMatchObject({
      author: 'carol',
      body: 'Vendor says patch in Q3.',
      createdAt: '2026-03-02T09:00:00.000Z',
    });
    const detail = (await kit.core.getFinding(findingId))!;
    expect(detail.comments).toEqual([comment]);
    expect(detail.history.at(-1)).toMatchObject({ actor: 'carol', kind: 'comment' });
    await expect(
      addFindingComment(kit.ctx, { findingId, body: '   ', actor: 'carol' }),
    ).rejects.toThrow(/^body: /);
  });
});

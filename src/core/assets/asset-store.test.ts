import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countCoreRows, createCoreTestKit, type CoreTestKit } from '../../../test/core-test-kit.ts';

let kit: CoreTestKit;
beforeEach(async () => {
  kit = await createCoreTestKit();
});
afterEach(async () => kit.close());

describe('findOrCreateAssets', () => {
  it('finds assets by type and name whatever the case, and creates the rest once', async () => {
    const existing = await kit.core.createAsset(
      { type: 'account', name: 'JSmith@StMarys.example.org' },
      'alice',
    );
    // Same name, other type: not a match for an account.
    await kit.core.createAsset({ type: 'mailbox', name: 'kjones@stmarys.example.org' }, 'alice');
    const results = await kit.core.findOrCreateAssets(
      [
        { type: 'account', name: 'jsmith@stmarys.example.org' },
        { type: 'account', name: 'kjones@stmarys.example.org', department: 'Radiology' },
        { type: 'account', name: 'KJones@stmarys.example.org' },
      ],
      'bot',
    );
    expect(results[0]).toEqual({ id: existing.id, created: false });
    expect(results[1]?.created).toBe(true);
    expect(results[2]).toEqual({ id: results[1]!.id, created: false });

    const accounts = await kit.core.listAssets({ type: 'account' });
    expect(accounts.items.map((a) => [a.name, a.department])).toEqual([
      ['JSmith@StMarys.example.org', null],
      ['kjones@stmarys.example.org', 'Radiology'],
    ]);
    const audit = await kit.audit.list({ limit: 10, offset: 0, action: 'assets.create' });
    expect(audit.items.map((e) => [e.actor, e.detail])).toEqual([
      ['bot', { created: 1, types: ['account'] }],
    ]);

    const again = await kit.core.findOrCreateAssets(
      [{ type: 'account', name: 'kjones@stmarys.example.org' }],
      'bot',
    );
    expect(again).toEqual([{ id: results[1]!.id, created: false }]);
    expect((await kit.audit.list({ limit: 10, offset: 0, action: 'assets.create' })).total).toBe(1);
  });

  it('stores nothing when one input is invalid', async () => {
    const before = await countCoreRows(kit.db);
    await expect(
      kit.core.findOrCreateAssets(
        [
          { type: 'account', name: 'ok@stmarys.example.org' },
          { type: 'account', name: 'bad', email: 'not an address' },
        ],
        'bot',
      ),
    ).rejects.toThrow(/^assets\.1\.email: expected an email address/);
    expect(await countCoreRows(kit.db)).toEqual(before);
    expect(await kit.core.findOrCreateAssets([], 'bot')).toEqual([]);
  });
});

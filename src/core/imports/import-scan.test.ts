import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FindingSummary } from '../../api-types.ts';
import {
  countCoreRows,
  createCoreTestKit,
  scanned,
  T0,
  type CoreTestKit,
} from '../../../test/core-test-kit.ts';
import type { ScanHostResult } from '../scans/scan-types.ts';

let kit: CoreTestKit;
beforeEach(async () => {
  kit = await createCoreTestKit();
});
afterEach(async () => {
  await kit.close();
});

const importHosts = (hosts: ScanHostResult[], format: 'nessus' | 'nmap' = 'nessus') =>
  kit.core.importScanResults({ name: 'test scan', format, hosts, actor: 'alice' });

const pacs = { ip: '10.0.0.5', hostnames: ['pacs-01'] };
const ws = { ip: '10.0.0.6', hostnames: ['ws-06'] };

async function findingsByTool(toolId: string, assetName?: string): Promise<FindingSummary[]> {
  const all = (await kit.core.listFindings({ limit: 500 })).items;
  return all.filter(
    (f) => f.title === `Check ${toolId}` && (!assetName || f.asset?.name === assetName),
  );
}
async function one(toolId: string, assetName?: string): Promise<FindingSummary> {
  const found = await findingsByTool(toolId, assetName);
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('importing scan results', () => {
  it('creates assets and findings with due dates from the SLA and a created event', async () => {
    const run = await importHosts([
      scanned(pacs, [
        { toolId: '1001', severity: 'critical', cves: ['CVE-2024-1111'], cvssScore: 9.8 },
        { toolId: '1002', severity: 'low', port: 22 },
        { toolId: '1003', severity: 'info', port: null },
      ]),
      scanned(ws, [{ toolId: '1001', severity: 'critical' }]),
    ]);
    expect(run).toMatchObject({
      state: 'done',
      format: 'nessus',
      hosts: 2,
      findingsNew: 4,
      findingsSeen: 0,
      findingsFixed: 0,
      progress: 1,
    });

    const critical = await one('1001', 'pacs-01');
    expect(critical).toMatchObject({
      safeguard: 'drills',
      source: 'scanner',
      tool: 'nessus',
      severity: 'critical',
      status: 'open',
      cvssScore: 9.8,
      cves: ['CVE-2024-1111'],
      location: '443/tcp',
      firstSeen: T0,
      lastSeen: T0,
      due: '2026-03-17T09:00:00.000Z', // 15 days
      overdue: false,
    });
    expect((await one('1002')).due).toBe('2026-08-29T09:00:00.000Z'); // 180 days
    expect(await one('1003')).toMatchObject({ due: null, location: null });

    const detail = (await kit.core.getFinding(critical.id))!;
    expect(detail.description).toBe('What check 1001 found.');
    expect(detail.history).toEqual([
      { at: T0, actor: 'alice', kind: 'created', from: null, to: 'open', note: `import ${run.id}` },
    ]);
    expect((await kit.core.listAssets({})).total).toBe(2);
  });

  it('imports the same hosts again without duplicates: only last_seen moves', async () => {
    const hosts = [
      scanned(pacs, [{ toolId: '1001', severity: 'high' }, { toolId: '1002' }]),
      scanned(ws, [{ toolId: '1001', severity: 'high' }]),
    ];
    await importHosts(hosts);
    const before = await kit.db.query('SELECT * FROM findings ORDER BY id');
    const assetsBefore = await kit.db.query(
      'SELECT id, name, ips, hostnames FROM assets ORDER BY id',
    );
    kit.clock.advanceDays(3);
    const run = await importHosts(hosts);

    expect(run).toMatchObject({ findingsNew: 0, findingsSeen: 3, findingsFixed: 0 });
    expect(await kit.db.query('SELECT * FROM findings ORDER BY id')).toEqual(before);
    const page = await kit.core.listFindings({});
    expect(page.items.map((f) => [f.firstSeen, f.lastSeen])).toEqual(
      Array(3).fill([T0, '2026-03-05T09:00:00.000Z']),
    );
    expect(await kit.db.query('SELECT id, name, ips, hostnames FROM assets ORDER BY id')).toEqual(
      assetsBefore,
    );
    // History stays about changes: no "seen" event per finding.
    const kinds = await kit.db.query<{ kind: string }>('SELECT DISTINCT kind FROM finding_events');
    expect(kinds.map((k) => k.kind)).toEqual(['created']);
  });

  it('updates a re-scored finding in place and moves its due date to the new SLA', async () => {
    await importHosts([
      scanned(pacs, [{ toolId: '1001', severity: 'medium', title: 'Old wording' }]),
    ]);
    kit.clock.advanceDays(1);
    await importHosts([
      scanned(pacs, [{ toolId: '1001', severity: 'critical', title: 'New wording' }]),
    ]);
    const all = (await kit.core.listFindings({})).items;
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({
      title: 'New wording',
      severity: 'critical',
      firstSeen: T0,
      due: '2026-03-17T09:00:00.000Z',
    });
  });

  it('closes what a scan no longer reports on the hosts it covered, and only those', async () => {
    await importHosts([
      scanned(pacs, [{ toolId: '1001' }, { toolId: '1002' }, { toolId: '1003' }]),
      scanned(ws, [{ toolId: '1001' }]),
    ]);
    await importHosts([scanned(pacs, [{ toolId: 'port-443' }])], 'nmap');
    const inProgress = await one('1002');
    await kit.core.updateFinding(inProgress.id, { status: 'in_progress' }, 'bob');
    kit.clock.advanceDays(7);

    // The second scan covers pacs-01 only; 1002 and 1003 are gone from it.
    const second = await importHosts([scanned(pacs, [{ toolId: '1001' }])]);
    expect(second).toMatchObject({ findingsNew: 0, findingsSeen: 1, findingsFixed: 2 });

    const fixed = (await kit.core.getFinding((await one('1003')).id))!;
    expect(fixed.status).toBe('fixed');
    expect(fixed.history.at(-1)).toEqual({
      at: '2026-03-09T09:00:00.000Z',
      actor: 'alice',
      kind: 'status',
      from: 'open',
      to: 'fixed',
      note: `not reported by scan ${second.id}`,
    });
    expect((await kit.core.getFinding(inProgress.id))!.history.at(-1)).toMatchObject({
      from: 'in_progress',
      to: 'fixed',
    });
    const fixedAt = await kit.db.query<{ fixed_at: Date }>(
      'SELECT fixed_at FROM findings WHERE id = $1',
      [fixed.id],
    );
    expect(fixedAt[0]!.fixed_at.toISOString()).toBe('2026-03-09T09:00:00.000Z');
    // Not covered by the scan: ws-06. Another tool: the Nmap finding on pacs-01.
    expect((await one('1001', 'ws-06')).status).toBe('open');
    expect((await one('port-443')).status).toBe('open');
  });

  it('reopens a fixed finding that is reported again', async () => {
    await importHosts([scanned(pacs, [{ toolId: '1001' }, { toolId: '1002' }])]);
    await importHosts([scanned(pacs, [{ toolId: '1001' }])]);
    expect((await one('1002')).status).toBe('fixed');
    kit.clock.advanceDays(2);
    const third = await importHosts([scanned(pacs, [{ toolId: '1001' }, { toolId: '1002' }])]);
    expect(third).toMatchObject({ findingsNew: 0, findingsSeen: 2, findingsFixed: 0 });
    const reopened = (await kit.core.getFinding((await one('1002')).id))!;
    expect(reopened.status).toBe('open');
    expect(reopened.history.map((e) => e.kind)).toEqual(['created', 'status', 'reopened']);
    expect(reopened.history.at(-1)).toMatchObject({
      from: 'fixed',
      to: 'open',
      note: `reported again by scan ${third.id}`,
    });
    expect(
      (
        await kit.db.query<{ fixed_at: Date | null }>(
          'SELECT fixed_at FROM findings WHERE id = $1',
          [reopened.id],
        )
      )[0]!.fixed_at,
    ).toBeNull();
  });

  it('leaves accepted risks and false positives as they are, reported or not', async () => {
    await importHosts([
      scanned(pacs, [{ toolId: '1001' }, { toolId: '1002' }, { toolId: '1003' }]),
    ]);
    const accepted = await one('1001');
    const falsePositive = await one('1002');
    await kit.core.updateFinding(
      accepted.id,
      {
        status: 'accepted_risk',
        justification: 'vendor-managed device; compensating VLAN',
        acceptedUntil: '2026-12-31',
      },
      'bob',
    );
    await kit.core.updateFinding(
      falsePositive.id,
      { status: 'false_positive', justification: 'banner only, patched' },
      'bob',
    );

    await importHosts([scanned(pacs, [{ toolId: '1001' }])]); // 1002 missing, 1001 seen again
    expect((await kit.core.getFinding(accepted.id))!.status).toBe('accepted_risk');
    expect((await kit.core.getFinding(falsePositive.id))!.status).toBe('false_positive');
    expect((await one('1003')).status).toBe('fixed');
  });

  it('counts a host listed twice in one file once', async () => {
    const run = await importHosts([
      scanned(pacs, [{ toolId: '1001' }]),
      scanned(pacs, [{ toolId: '1001' }, { toolId: '1002' }]),
    ]);
    expect(run).toMatchObject({ hosts: 2, findingsNew: 2 });
    expect((await kit.core.listAssets({})).total).toBe(1);
  });

  it("records the import in the audit log and in today's posture snapshot", async () => {
    const run = await importHosts([
      scanned(pacs, [
        { toolId: '1001', severity: 'high' },
        { toolId: '1002', severity: 'high' },
      ]),
    ]);
    const audit = await kit.audit.list({ limit: 10, offset: 0, action: 'findings.import' });
    expect(audit.items[0]).toMatchObject({ actor: 'alice', target: run.id });
    const trend = await kit.db.query<{ day: string; open_count: number }>(
      `SELECT day::text AS day, open_count FROM finding_snapshots WHERE safeguard = 'drills' AND severity = 'high'`,
    );
    expect(trend).toEqual([{ day: '2026-03-02', open_count: 2 }]);
  });

  it('stores nothing when the import fails part-way', async () => {
    await importHosts([scanned(pacs, [{ toolId: '1001' }])]);
    const before = await countCoreRows(kit.db);
    // The second batch (hosts 101..151) holds a value the findings table refuses.
    const hosts = Array.from({ length: 150 }, (_, i) =>
      scanned({ ip: `10.1.0.${i}` }, [{ toolId: '2001' }]),
    );
    hosts.push(
      scanned({ ip: '10.2.0.1' }, [{ toolId: '2002', severity: 'catastrophic' as never }]),
    );
    await expect(importHosts(hosts)).rejects.toThrow(/severity/);
    expect(await countCoreRows(kit.db)).toEqual(before);
    const runs = await kit.db.query<{ state: string; error: string }>(
      `SELECT state, error FROM imports ORDER BY created_at DESC, id`,
    );
    expect(runs.filter((r) => r.state === 'failed')).toHaveLength(1);
  });
});

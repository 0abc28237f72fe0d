import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCoreTestKit, scanned, T0, type CoreTestKit } from '../../../test/core-test-kit.ts';
import { loadTrend } from './snapshots.ts';

let kit: CoreTestKit;
beforeEach(async () => {
  kit = await createCoreTestKit();
});
afterEach(async () => {
  await kit.close();
});

const zero = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };

describe('posture', () => {
  it('says a safeguard without data is not configured, rather than showing zeros as a result', async () => {
    const posture = await kit.core.posture();
    expect(posture.assets).toBe(0);
    expect(posture.safeguards).toHaveLength(7);
    for (const s of posture.safeguards) {
      expect(s).toEqual({
        safeguard: s.safeguard,
        configured: false,
        openBySeverity: zero,
        overdue: 0,
        lastAssessment: null,
      });
    }
  });

  it('counts open findings by severity, overdue ones, and the last assessment per safeguard', async () => {
    await kit.core.importScanResults({
      name: 'scan',
      format: 'nessus',
      actor: 'alice',
      hosts: [
        scanned({ ip: '10.0.0.5' }, [
          { toolId: '1', severity: 'critical' },
          { toolId: '2', severity: 'critical' },
          { toolId: '3', severity: 'low' },
        ]),
      ],
    });
    await kit.core.createFinding(
      { safeguard: 'email', title: 'No DMARC record', severity: 'high' },
      'alice',
    );
    const fixed = (await kit.core.listFindings({ severity: ['low'] })).items[0]!;
    await kit.core.updateFinding(fixed.id, { status: 'fixed' }, 'bob');
    kit.clock.advanceDays(20); // past the 15-day SLA for critical

    const posture = await kit.core.posture();
    expect(posture.assets).toBe(1);
    const by = Object.fromEntries(posture.safeguards.map((s) => [s.safeguard, s]));
    expect(by['drills']).toEqual({
      safeguard: 'drills',
      configured: true,
      openBySeverity: { ...zero, critical: 2 },
      overdue: 2,
      lastAssessment: T0,
    });
    expect(by['email']).toMatchObject({
      configured: true,
      openBySeverity: { ...zero, high: 1 },
      overdue: 0,
    });
    expect(by['suppliers']!.configured).toBe(false);
  });

  it('counts an import that found nothing as an assessment', async () => {
    await kit.core.importScanResults({
      name: 'clean scan',
      format: 'nmap',
      actor: 'alice',
      hosts: [scanned({ ip: '10.0.0.9' }, [])],
    });
    const drills = (await kit.core.posture()).safeguards.find((s) => s.safeguard === 'drills')!;
    expect(drills).toMatchObject({ configured: true, openBySeverity: zero, lastAssessment: T0 });
  });
});

describe('trend', () => {
  it('is empty before anything was recorded', async () => {
    expect(await loadTrend(kit.db, { days: 30, now: kit.clock.now() })).toEqual([]);
  });

  it('fills days without a snapshot with the last known counts and sums the safeguards', async () => {
    await kit.core.recordSnapshot('2026-02-26', {
      drills: { critical: 4, high: 10 },
      email: { high: 1 },
    });
    await kit.core.recordSnapshot('2026-02-28', { drills: { critical: 2, high: 7 } });
    // Today (2026-03-02) from the findings themselves: one high email finding.
    await kit.core.createFinding(
      { safeguard: 'email', title: 'No DMARC record', severity: 'high' },
      'alice',
    );

    const trend = await loadTrend(kit.db, { days: 5, now: kit.clock.now() });
    expect(trend.map((p) => p.day)).toEqual([
      '2026-02-26',
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
    expect(trend.map((p) => [p.open.critical, p.open.high])).toEqual([
      [4, 11],
      [4, 11], // carried forward
      [2, 8], // drills changed; email carried forward
      [2, 8],
      [0, 1], // today's refresh wrote every safeguard
    ]);
    const drillsOnly = await loadTrend(kit.db, {
      days: 2,
      now: kit.clock.now(),
      safeguard: 'drills',
    });
    expect(drillsOnly).toEqual([
      { day: '2026-03-01', open: { ...zero, critical: 2, high: 7 } },
      { day: '2026-03-02', open: zero },
    ]);
  });

  it('refuses a malformed day or count', async () => {
    await expect(kit.core.recordSnapshot('2026-2-1')).rejects.toThrow(/YYYY-MM-DD/);
    await expect(kit.core.recordSnapshot('2026-02-01', { drills: { high: -1 } })).rejects.toThrow(
      /must be a count/,
    );
  });
});

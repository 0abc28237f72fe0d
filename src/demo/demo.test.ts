import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSET_TYPES } from '../api-types.ts';
import { openApp, stopApp, type App } from '../app.ts';
import { loadConfig } from '../config.ts';
import { createTestDatabase } from '../../test/pglite-template.ts';
import { listAuditRuns } from '../safeguards/credentials/audit-runs.ts';
import { listMfaCoverage } from '../safeguards/credentials/directory/index.ts';
import { seedDemoIfEmpty, type DemoCredentials } from './index.ts';

describe('demo hospital', () => {
  let app: App;
  let creds: DemoCredentials | null;

  beforeAll(async () => {
    const config = loadConfig({
      WARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'ward-demo-')),
      WARD_LOG_LEVEL: 'silent',
    });
    app = await openApp(config, { db: await createTestDatabase([]) });
    creds = await seedDemoIfEmpty(app);
  }, 300_000);
  afterAll(() => stopApp(app));

  it('creates an admin with a one-time password that must be changed', async () => {
    expect(creds?.username).toBe('admin');
    expect(creds!.password.length).toBeGreaterThanOrEqual(15);
    const [admin] = await app.db.query<{
      role: string;
      must_change_password: boolean;
      password_hash: string;
    }>("SELECT role, must_change_password, password_hash FROM users WHERE username = 'admin'");
    expect(admin).toMatchObject({ role: 'admin', must_change_password: true });
    expect(admin!.password_hash).toMatch(/^\$argon2id\$/);
    expect(admin!.password_hash).not.toContain(creds!.password);
  });

  it('has a few hundred assets of every type, in departments', async () => {
    const rows = await app.db.query<{ type: string; n: number }>(
      'SELECT type, count(*)::int AS n FROM assets GROUP BY type',
    );
    const byType = Object.fromEntries(rows.map((r) => [r.type, r.n]));
    for (const type of ASSET_TYPES) expect(byType[type] ?? 0, type).toBeGreaterThan(0);
    expect(rows.reduce((a, r) => a + r.n, 0)).toBeGreaterThanOrEqual(250);
    const [noDept] = await app.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM assets WHERE type = 'host' AND department IS NULL",
    );
    expect(noDept!.n).toBe(0);
  });

  it('has findings from generated scans, some fixed by later rounds, and a trend over three days', async () => {
    const open = await app.core.listFindings({ status: ['open'], limit: 1 });
    const fixed = await app.core.listFindings({ status: ['fixed'], limit: 1 });
    expect(open.total).toBeGreaterThan(500);
    expect(fixed.total).toBeGreaterThan(50);
    const [days] = await app.db.query<{ n: number }>(
      'SELECT count(DISTINCT day)::int AS n FROM finding_snapshots',
    );
    expect(days!.n).toBeGreaterThanOrEqual(3);
    const [imports] = await app.db.query<{ n: number; failed: number }>(
      "SELECT count(*)::int AS n, count(*) FILTER (WHERE state <> 'done')::int AS failed FROM imports",
    );
    expect(imports).toEqual({ n: 9, failed: 0 });
  });

  it('shows MFA coverage rising over three directory imports and an audited NTDS dump', async () => {
    const points = await listMfaCoverage(app.db, { days: 365 });
    expect(points.map((p) => p.source)).toEqual(['entra', 'entra', 'entra']);
    const shares = points.map((p) => p.usersWithMfa / p.users);
    expect(shares[0]).toBeLessThan(shares[1]!);
    expect(shares[1]).toBeLessThan(shares[2]!);
    expect(shares[2]).toBeLessThan(1);
    const [run] = await listAuditRuns(app.db);
    expect(run?.format).toBe('ntds');
    const categories = [
      'empty',
      'lm_hash',
      'shared_password',
      'username_as_password',
      'dictionary',
    ] as const;
    for (const category of categories) {
      expect(run!.summary[category] ?? 0, category).toBeGreaterThan(0);
    }
    const creds = await app.core.listFindings({
      safeguard: ['credentials'],
      status: ['open'],
      limit: 1,
    });
    expect(creds.total).toBeGreaterThan(10);
  });

  it('has alerts from a ransomware attack, a case on the ICU PC and a readiness assessment', async () => {
    const alerts = await app.db.query<{ rule_title: string; host: string }>(
      'SELECT rule_title, host FROM rw_alerts ORDER BY first_seen',
    );
    const titles = alerts.map((a) => a.rule_title).join(' | ');
    for (const expected of [
      /shadow/i,
      /wbadmin|backup/i,
      /bcdedit|recovery/i,
      /log cleared/i,
      /psexec|service/i,
    ]) {
      expect(titles).toMatch(expected);
    }
    const [kase] = await app.db.query<{ title: string; alerts: number }>(
      `SELECT c.title, (SELECT count(*)::int FROM rw_alerts a WHERE a.case_id = c.id) AS alerts FROM rw_cases c`,
    );
    expect(kase?.alerts).toBeGreaterThanOrEqual(3);
    const readiness = await app.ransomware.readiness.assess();
    expect(readiness.questions.some((q) => q.answer?.stale)).toBe(true);
    expect(readiness.score).toBeGreaterThan(0);
    expect(readiness.score).toBeLessThan(100);
    const gaps = await app.core.listFindings({
      safeguard: ['ransomware'],
      status: ['open'],
      limit: 1,
    });
    expect(gaps.total).toBeGreaterThan(3);
  });

  it('has medical devices with matched vulnerabilities, a KEV item and patch windows', async () => {
    const devices = await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM devices');
    expect(devices[0]!.n).toBeGreaterThanOrEqual(20);
    const vulns = await app.db.query<{ cve: string; kev: boolean; n: number }>(
      'SELECT cve, kev, count(*)::int AS n FROM device_vulns GROUP BY cve, kev ORDER BY cve',
    );
    expect(vulns.map((v) => v.cve)).toEqual([
      'CVE-2025-30911',
      'CVE-2026-10401',
      'CVE-2026-10402',
      'CVE-2026-11877',
      'CVE-2026-20417',
    ]);
    expect(vulns.find((v) => v.cve === 'CVE-2025-30911')?.kev).toBe(true);
    const findings = await app.core.listFindings({
      safeguard: ['devices'],
      status: ['open'],
      limit: 1,
    });
    expect(findings.total).toBeGreaterThan(10);
    const windows = await app.db.query('SELECT 1 FROM device_patch_windows');
    expect(windows).toHaveLength(2);
  });

  it('does nothing on a database that already has users', async () => {
    const before = await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM findings');
    expect(await seedDemoIfEmpty(app)).toBeNull();
    expect(await app.db.query('SELECT count(*)::int AS n FROM findings')).toEqual(before);
  });
});

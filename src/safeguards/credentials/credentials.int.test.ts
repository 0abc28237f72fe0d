import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, stopApp, type App } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { seedDemoCredentials } from '../../demo/demo-credentials.ts';
import { createPgTestDatabase } from '../../../test/pg-database.ts';
import { hasPostgres } from '../../../test/services.ts';
import { listAuditRuns } from './audit-runs.ts';
import { listMfaCoverage } from './directory/index.ts';

// The credentials tables and queries on PostgreSQL (cluster mode), through the same paths as
// the embedded demo: three directory imports at different dates and an NTDS audit.
describe.skipIf(!hasPostgres)('credentials on PostgreSQL', () => {
  let pg: Awaited<ReturnType<typeof createPgTestDatabase>>;
  let app: App;
  let dataDir: string;

  beforeAll(async () => {
    pg = await createPgTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'ward-creds-pg-'));
    const config = loadConfig({
      WARD_DATABASE_URL: pg.url,
      WARD_SECRET_KEY: randomBytes(32).toString('hex'),
      WARD_DATA_DIR: dataDir,
      WARD_DEMO: 'false',
      WARD_LOG_LEVEL: 'silent',
    });
    app = await openApp(config, { db: pg.db });
  });
  afterAll(async () => {
    if (app) await stopApp(app).catch(() => undefined);
    await pg?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('records rising MFA coverage, findings and an audit run', async () => {
    const now = Date.now();
    const dates = [60, 30, 0].map((d) => new Date(now - d * 86_400_000));
    await seedDemoCredentials(app, dates);
    const first = await app.core.listFindings({ safeguard: ['credentials'], limit: 1 });
    // The same exports again: the same findings move, none is duplicated.
    await seedDemoCredentials(app, dates);
    const again = await app.core.listFindings({ safeguard: ['credentials'], limit: 1 });
    expect(again.total).toBe(first.total);

    const points = await listMfaCoverage(app.db, { days: 365 });
    expect(points).toHaveLength(6);
    // Ordered by date: each date twice, with the same coverage, rising from date to date.
    const mfa = points.map((p) => p.usersWithMfa);
    expect([mfa[0], mfa[2], mfa[4]]).toEqual([mfa[1], mfa[3], mfa[5]]);
    expect(mfa[0]).toBeLessThan(mfa[2]!);
    expect(mfa[2]).toBeLessThan(mfa[4]!);

    const runs = await listAuditRuns(app.db);
    expect(runs).toHaveLength(2);
    expect(runs[0]!.summary.empty).toBeGreaterThan(0);
    const open = await app.core.listFindings({ safeguard: ['credentials'], status: ['open'] });
    expect(open.total).toBeGreaterThan(10);
  });
});

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core, type CoreDeps } from '../core/index.ts';
import { fixedClock } from '../platform/clock.ts';
import type { Auth } from '../platform/auth/index.ts';
import type { CredentialChecks } from '../safeguards/credentials/index.ts';
import type { Ransomware } from '../safeguards/ransomware/index.ts';
import { DEMO_DEPARTMENTS, seedDemoAssets } from './demo-assets.ts';
import { seedDemoCredentials } from './demo-credentials.ts';
import { seedDemoDevices } from './demo-devices.ts';
import { seedDemoRansomware } from './demo-ransomware.ts';
import { generateNessusFile, generateNmapXml } from './scan-generators.ts';

/** What the demo seeder needs from the running app (structural, so demo/ never imports app.ts). */
export type DemoDeps = CoreDeps & {
  auth: Auth;
  core: Core;
  credentials: CredentialChecks;
  ransomware: Ransomware;
};

export interface DemoCredentials {
  username: string;
  password: string;
}

/**
 * On an empty database: a demo hospital (departments, a few hundred assets of every type) and
 * findings from scanner files generated here, imported through the same path a user's files
 * take. Three scan rounds 60 and 30 days ago and today make the trend chart real: later rounds
 * drop some findings (fixed) and add others. Returns the one-time admin password to print, or
 * null when the database already had users.
 */
export async function seedDemoIfEmpty(app: DemoDeps): Promise<DemoCredentials | null> {
  if ((await app.auth.countUsers()) > 0) return null;
  const password = randomBytes(15).toString('base64url');
  try {
    await app.auth.createUser(
      {
        username: 'admin',
        password,
        role: 'admin',
        displayName: 'Demo administrator',
        mustChangePassword: true,
      },
      'system',
    );
  } catch (err) {
    // Two API processes starting together on one empty PostgreSQL: the unique username lets
    // one of them seed; the other finds a user now and leaves the demo to it.
    if ((await app.auth.countUsers()) > 0) return null;
    throw err;
  }
  await seedDemoAssets(app.core);

  const dir = mkdtempSync(join(tmpdir(), 'ward-demo-'));
  try {
    const now = app.clock.now();
    // Each round re-scans the same networks: later rounds drop findings (fixed) and reach
    // hosts the earlier ones did not (new findings), as a real quarterly programme does.
    const rounds = [
      { daysAgo: 60, drop: 0, newHosts: 10 },
      { daysAgo: 30, drop: 0.25, newHosts: 25 },
      { daysAgo: 0, drop: 0.45, newHosts: 40 },
    ];
    for (const [i, round] of rounds.entries()) {
      const at = new Date(now.getTime() - round.daysAgo * 86_400_000);
      // A core on a clock set to the round's date, sharing the database: first_seen, due dates
      // and the daily snapshot land on that day, exactly as if the scan had been imported then.
      const core = createCore({ ...app, clock: fixedClock(at) });
      const nessus = join(dir, `round-${i}.nessus`);
      writeFileSync(
        nessus,
        generateNessusFile({
          seed: 2026,
          hosts: 140,
          findingsPerHost: [2, 14],
          subnet: '10.20',
          scanName: 'Quarterly internal scan',
          dropFindings: round.drop,
        }),
      );
      await core.importScanFile(nessus, {
        actor: 'system',
        fileName: `demo-internal-scan-${i + 1}.nessus`,
      });
      const servers = join(dir, `round-${i}-servers.nessus`);
      writeFileSync(
        servers,
        generateNessusFile({
          seed: 4711,
          hosts: round.newHosts,
          findingsPerHost: [3, 12],
          subnet: '10.21',
          scanName: 'Server VLAN scan',
        }),
      );
      await core.importScanFile(servers, {
        actor: 'system',
        fileName: `demo-server-vlan-scan-${i + 1}.nessus`,
      });
      const nmap = join(dir, `round-${i}.xml`);
      writeFileSync(
        nmap,
        generateNmapXml({ seed: 7, hosts: 60, subnet: '10.40', withScripts: true }),
      );
      await core.importScanFile(nmap, {
        actor: 'system',
        fileName: `demo-clinical-vlan-discovery-${i + 1}.xml`,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // Scanners do not know departments; in a real site the CMDB import adds them. Spread the
  // scanned hosts over the demo departments so the asset pages and filters have something to show.
  await app.db.query(
    `UPDATE assets SET department = ($1::text[])[1 + mod(abs(hashtext(id::text)), $2)]
     WHERE department IS NULL AND type = 'host'`,
    [[...DEMO_DEPARTMENTS], DEMO_DEPARTMENTS.length],
  );
  // The directory exports and the NTDS audit of the same three rounds (safeguard 2).
  const now = app.clock.now();
  await seedDemoCredentials(
    app,
    [60, 30, 0].map((daysAgo) => new Date(now.getTime() - daysAgo * 86_400_000)),
  );
  // A ransomware attack's precursors two days ago, their alerts and a case (safeguard 4).
  await seedDemoRansomware(app);
  // Clinical equipment with feeds, matched vulnerabilities and patch windows (safeguard 5).
  await seedDemoDevices(app);
  app.log.info('demo hospital seeded');
  return { username: 'admin', password };
}

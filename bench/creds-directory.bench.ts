// Benchmark of the identity-directory import (credentials safeguard), printing its figures.
// Target: a 10,000-user Entra export (about 3,700 findings) imported in a couple of seconds on
// 2 cores, and re-imported faster still.
//
//   npx node bench/creds-directory.bench.ts          (10,000 users, about 10 s in all)
//   npx node bench/creds-directory.bench.ts 50000    (another directory size)
//
// Measured on 2 cores: 0.8 s, 0.4 s and 0.4 s. Before the core's batch writes (a transaction
// per finding and per account asset) the same runs took 22.9 s, 9.7 s and 10.6 s.
//
// Three imports into one fresh PGlite: the first (every finding and account asset new), the
// same file a day later (every finding only seen again), and a week later with a tenth of the
// users without MFA now registered (their findings closed as fixed).
import { cpus, totalmem } from 'node:os';
import { createCredentialsTestKit } from '../src/safeguards/credentials/test-kit.ts';
import {
  entraUsersJson,
  generateDirectory,
  type FakeUser,
} from '../src/safeguards/credentials/directory/directory-fixtures.ts';
import {
  importDirectory,
  type DirectoryImportOutcome,
} from '../src/safeguards/credentials/directory/index.ts';

const users = Number(process.argv[2] ?? 10_000);
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const peakRss = () => process.resourceUsage().maxRSS * 1024;

const directory = generateDirectory(users);
const text = entraUsersJson(directory, { combined: true });
// Every tenth user without a method registers one before the third import.
let withoutMfa = 0;
const improved = directory.map((u): FakeUser => {
  if (u.methods?.length || withoutMfa++ % 10 !== 0) return u;
  return { ...u, methods: ['microsoftAuthenticatorPush'] };
});
const improvedText = entraUsersJson(improved, { combined: true });

const kit = await createCredentialsTestKit();
// Opening PGlite (a WebAssembly PostgreSQL, here also cloned from a migrated template) sets most
// of the peak by itself; printed so that the import's own share is visible.
const rssAtStart = peakRss();
const deps = { db: kit.db, core: kit.core, audit: kit.audit, clock: kit.clock };

async function timed(label: string, body: string): Promise<DirectoryImportOutcome> {
  const started = performance.now();
  const result = await importDirectory(deps, {
    fileName: 'users.json',
    text: body,
    actor: 'bench',
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${label.padEnd(22)} ${seconds.toFixed(2).padStart(6)} s   opened ${result.findingsOpened}, fixed ${result.findingsFixed}`,
  );
  return result;
}

console.log(
  `identity directory import: ${users} Entra users (${mib(Buffer.byteLength(text))} JSON), ` +
    `${cpus().length} cores, ${mib(totalmem())} RAM, PGlite`,
);
await timed('first import', text);
kit.clock.advanceDays(1);
await timed('re-import (same file)', text);
kit.clock.advanceDays(7);
await timed('re-import (improved)', improvedText);
const [count] = await kit.db.query<{ findings: number; assets: number }>(
  `SELECT (SELECT count(*)::int FROM findings) AS findings, (SELECT count(*)::int FROM assets) AS assets`,
);
console.log(`stored: ${count?.findings} findings on ${count?.assets} account assets`);
console.log(
  `peak RSS ${mib(peakRss())} (${mib(rssAtStart)} before the first import; ` +
    `RSS now ${mib(process.memoryUsage().rss)})`,
);
await kit.close();

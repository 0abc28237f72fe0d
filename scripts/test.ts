// `npm test`: every Vitest project in one run, then a plain statement of what was skipped, so a
// green run on a machine without PostgreSQL/NATS/Chromium is never mistaken for a full one.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const integration = Boolean(
  process.env['WARD_TEST_DATABASE_URL'] && process.env['WARD_TEST_NATS_URL'],
);
const chromium = process.env['WARD_CHROMIUM'] ?? '/usr/bin/chromium';
const browser = existsSync(chromium);

const reportDir = mkdtempSync(join(tmpdir(), 'ward-test-'));
const report = join(reportDir, 'report.json');
const result = spawnSync(
  'vitest',
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args],
  { stdio: 'inherit', shell: false },
);

const notes: string[] = [];
if (!integration) {
  notes.push(
    'integration tests were SKIPPED: set WARD_TEST_DATABASE_URL and WARD_TEST_NATS_URL (see README, Development) to run them',
  );
}
if (!browser)
  notes.push(`browser tests were SKIPPED: no Chromium at ${chromium} (apt-get install chromium)`);
for (const n of notes) console.log(`\nward test: ${n}`);
// One plain closing line with the counts, for people and CI log readers alike.
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  console.log(
    `\ntests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`,
  );
}
rmSync(reportDir, { recursive: true, force: true });
process.exit(result.status ?? 1);

// Benchmark of the findings slice in embedded mode (PGlite), printing its figures.
// Targets (issue 2): import of a 50,000-finding / 2,000-host Nessus file <= 15 s and <= 1.5 GB
// peak RSS; re-import <= 10 s; GET /api/findings p95 <= 100 ms with 100,000 findings stored.
//
//   npm run bench:import            (about a minute on 2 cores)
//   BENCH_FINDINGS=20000 npm run bench:import   (smaller run)
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { openApp, startApp, stopApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { generateNessusChunks } from '../src/demo/scan-generators.ts';

const findings = Number(process.env['BENCH_FINDINGS'] ?? 50_000);
const hosts = Math.max(1, Math.round(findings / 25));
const dir = mkdtempSync(join(tmpdir(), 'ward-bench-'));
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const peakRss = () => process.resourceUsage().maxRSS * 1024;

// The second file holds hosts 2,000..3,999 of the same generated network, so its hosts are new
// (unique names and addresses) and the store reaches 100,000 findings.
async function writeScan(path: string, part: 0 | 1): Promise<void> {
  const out = createWriteStream(path);
  const opts = {
    seed: 1,
    hosts: hosts * (part + 1),
    hostFilter: (i: number) => i >= hosts * part,
    findingsPerHost: 25,
    subnet: '10.1',
    scanName: 'bench',
  };
  for (const chunk of generateNessusChunks(opts)) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  console.log(
    `machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${mib(totalmem())} RAM, node ${process.version}`,
  );
  const fileA = join(dir, 'scan-a.nessus');
  const fileB = join(dir, 'scan-b.nessus');
  await writeScan(fileA, 0);
  await writeScan(fileB, 1);
  console.log(
    `generated ${hosts} hosts x 25 = ${hosts * 25} findings per file (${mib(statSync(fileA).size)} each)`,
  );

  const config = loadConfig({
    WARD_DATA_DIR: join(dir, 'data'),
    WARD_DEMO: 'false',
    WARD_LOG_LEVEL: 'warn',
    WARD_PORT: '0',
    WARD_RATE_LIMIT_PER_MINUTE: '1000000',
  });
  const app = await openApp(config, { worker: false });
  try {
    let t = performance.now();
    const first = await app.core.importScanFile(fileA, { actor: 'bench' });
    const importS = (performance.now() - t) / 1000;
    console.log(
      `import:    ${importS.toFixed(2)} s  (${first.findingsNew} new, ${first.hosts} hosts; target <= 15 s)`,
    );
    console.log(`peak RSS after import: ${mib(peakRss())} (target <= 1536 MiB)`);

    t = performance.now();
    const again = await app.core.importScanFile(fileA, { actor: 'bench' });
    const reimportS = (performance.now() - t) / 1000;
    console.log(
      `re-import: ${reimportS.toFixed(2)} s  (${again.findingsNew} new, ${again.findingsSeen} seen; target <= 10 s)`,
    );

    await app.core.importScanFile(fileB, { actor: 'bench' });
    const { total } = await app.core.listFindings({ limit: 1 });
    console.log(`stored findings: ${total}`);

    await app.auth.createUser(
      { username: 'bench', password: 'Tr0mbone-lantern-quietly-42', role: 'analyst' },
      'bench',
    );
    const { url } = await startApp(app, ['api']);
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench', password: 'Tr0mbone-lantern-quietly-42' }),
    });
    const cookie = (login.headers.getSetCookie() ?? []).map((c) => c.split(';')[0]).join('; ');
    const queries = [
      '',
      '?severity=critical,high',
      '?status=open&sort=due&order=asc',
      '?q=ssl',
      '?q=CVE-2021-44228',
      '?overdue=true',
      '?sort=cvss&order=desc&offset=5000',
      '?severity=medium&sort=last_seen',
    ];
    const times: number[] = [];
    const byShape = new Map<string, number[]>();
    for (let i = 0; i < 400; i++) {
      const q = queries[i % queries.length]!;
      const s = performance.now();
      const res = await fetch(`${url}/api/findings${q}`, { headers: { cookie } });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`GET /api/findings${q}: ${res.status}`);
      const ms = performance.now() - s;
      times.push(ms);
      byShape.set(q, [...(byShape.get(q) ?? []), ms]);
    }
    times.sort((a, b) => a - b);
    for (const [q, list] of byShape) {
      list.sort((a, b) => a - b);
      console.log(
        `  ${(q || '(first page)').padEnd(40)} p50 ${percentile(list, 50).toFixed(1)} ms, p95 ${percentile(list, 95).toFixed(1)} ms`,
      );
    }
    console.log(
      `GET /api/findings (${times.length} requests, ${queries.length} query shapes, ${total} findings): ` +
        `p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms (target p95 <= 100 ms)`,
    );
    console.log(`peak RSS overall: ${mib(peakRss())}`);
  } finally {
    await stopApp(app);
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();

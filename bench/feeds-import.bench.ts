// Benchmark of the offline vulnerability feed import (issue 6, Feeds) into an in-process PGlite.
// Generates an NVD-sized feed (300,000 CVE records in API 2.0 pages of 2,000, ~1.5 million CPE
// match criteria), imports it, re-imports one page (all unchanged), then imports the real KEV
// catalog and ICSMA CSAF advisories from ../shared/data/vulns when present.
//
//   npx node bench/feeds-import.bench.ts
//   BENCH_CVES=50000 npx node bench/feeds-import.bench.ts   (smaller run)
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { openPglite } from '../src/platform/db/index.ts';
import { importFeeds } from '../src/safeguards/devices/feeds/index.ts';

const total = Number(process.env['BENCH_CVES'] ?? 300_000);
const perPage = 2_000;
const dir = mkdtempSync(join(tmpdir(), 'ward-bench-feeds-'));
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const peakRss = () => process.resourceUsage().maxRSS * 1024;
const shared = new URL('../../shared/data/vulns/', import.meta.url);

/** A deterministic CVE record: 1–9 CPE criteria (5 on average) in an OR node, some AND trees. */
function record(n: number): object {
  const year = 2000 + (n % 26);
  const vendor = `vendor${n % 4_000}`;
  const product = `product${n % 25_000}`;
  const matches = 1 + ((n * 7) % 9);
  const cpeMatch = Array.from({ length: matches }, (_, i) => ({
    vulnerable: true,
    criteria: `cpe:2.3:a:${vendor}:${product}:*:*:*:*:*:*:*:*`,
    versionStartIncluding: `${i}.0`,
    versionEndExcluding: `${i}.${(n % 10) + 1}`,
    matchCriteriaId: `${n.toString(16).padStart(8, '0')}-0000-4000-8000-${i.toString().padStart(12, '0')}`,
  }));
  const nodes: object[] = [{ operator: 'OR', negate: false, cpeMatch }];
  if (n % 10 === 0) {
    nodes.push({
      operator: 'OR',
      negate: false,
      cpeMatch: [
        {
          vulnerable: false,
          criteria: `cpe:2.3:h:${vendor}:device${n % 500}:-:*:*:*:*:*:*:*`,
          matchCriteriaId: 'X',
        },
      ],
    });
  }
  const score = (n % 100) / 10;
  return {
    id: `CVE-${year}-${String(10_000 + n).padStart(5, '0')}`,
    sourceIdentifier: 'cve@mitre.org',
    published: '2024-01-02T03:04:05.000',
    lastModified: '2025-01-02T03:04:05.000',
    vulnStatus: n % 20 === 0 ? 'Awaiting Analysis' : 'Analyzed',
    descriptions: [
      {
        lang: 'en',
        value: `Generated vulnerability ${n} in ${vendor} ${product} allows remote attackers to do things.`,
      },
    ],
    metrics: {
      cvssMetricV31: [
        {
          source: 'nvd@nist.gov',
          type: 'Primary',
          cvssData: {
            version: '3.1',
            vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
            baseScore: score,
            baseSeverity: 'HIGH',
          },
          exploitabilityScore: 3.9,
          impactScore: 5.9,
        },
      ],
    },
    weaknesses: [
      {
        source: 'nvd@nist.gov',
        type: 'Primary',
        description: [{ lang: 'en', value: `CWE-${n % 900}` }],
      },
    ],
    configurations: n % 20 === 0 ? [] : [{ operator: nodes.length > 1 ? 'AND' : undefined, nodes }],
    references: [{ url: `https://example.org/advisory/${n}`, source: 'cve@mitre.org' }],
  };
}

function generate(): { files: number; criteria: number } {
  let criteria = 0;
  let files = 0;
  for (let start = 0; start < total; start += perPage) {
    const recs = [];
    for (let n = start; n < Math.min(total, start + perPage); n++) {
      if (n % 20 !== 0) criteria += 1 + ((n * 7) % 9) + (n % 10 === 0 ? 1 : 0);
      recs.push({ cve: record(n) });
    }
    const page = {
      resultsPerPage: recs.length,
      startIndex: start,
      totalResults: total,
      format: 'NVD_CVE',
      version: '2.0',
      timestamp: '2025-08-25T00:00:00.000',
      vulnerabilities: recs,
    };
    writeFileSync(join(dir, `nvd-${String(files++).padStart(4, '0')}.json`), JSON.stringify(page));
  }
  return { files, criteria };
}

async function main(): Promise<void> {
  console.log(
    `machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${mib(totalmem())} RAM, node ${process.version}`,
  );
  let t = performance.now();
  const gen = generate();
  console.log(
    `generated ${total} CVEs in ${gen.files} pages, ${gen.criteria} CPE criteria (${((performance.now() - t) / 1000).toFixed(1)} s)`,
  );

  const db = await openPglite();
  try {
    // Only this slice's migration: the shared devices folder may hold others still in progress.
    await db.exec(
      readFileSync(
        new URL('../src/safeguards/devices/migrations/0001_vulns.sql', import.meta.url),
        'utf8',
      ),
    );
    t = performance.now();
    const nvd = await importFeeds(db, [dir]);
    const s = (performance.now() - t) / 1000;
    console.log(
      `NVD import: ${s.toFixed(1)} s, ${(nvd.totals.records / s).toFixed(0)} records/s (${nvd.totals.inserted} inserted, ${nvd.totals.rejected} rejected)`,
    );
    console.log(`peak RSS after NVD import: ${mib(peakRss())}`);

    t = performance.now();
    const again = await importFeeds(db, [join(dir, 'nvd-0000.json')]);
    console.log(
      `re-import of one page: ${((performance.now() - t) / 1000).toFixed(2)} s (${again.totals.unchanged} unchanged)`,
    );

    const kev = new URL('kev/known_exploited_vulnerabilities.json', shared);
    const csaf = new URL('csaf-icsma/', shared);
    if (existsSync(kev)) {
      t = performance.now();
      const r = await importFeeds(db, [kev.pathname]);
      console.log(
        `KEV: ${r.totals.records} entries, ${r.totals.inserted} inserted, ${r.totals.rejected} rejected in ${((performance.now() - t) / 1000).toFixed(2)} s`,
      );
      for (const f of r.files)
        for (const e of f.errors) console.log(`  rejected ${f.file} ${e.at}: ${e.reason}`);
    } else console.log('KEV: ../shared/data/vulns/kev absent, skipped');
    if (existsSync(csaf)) {
      t = performance.now();
      const r = await importFeeds(db, [csaf.pathname]);
      const [counts] = await db.query<{ products: number; vulns: number; ranges: number }>(
        `SELECT (SELECT count(*)::int FROM vuln_csaf_products) AS products,
           (SELECT count(*)::int FROM vuln_csaf_vulnerabilities) AS vulns,
           (SELECT count(*)::int FROM vuln_csaf_products WHERE version_is_range) AS ranges`,
      );
      console.log(
        `CSAF: ${readdirSync(csaf).length} files, ${r.totals.inserted} advisories inserted, ${r.totals.rejected} rejected, ${counts!.vulns} vulnerabilities, ${counts!.products} products (${counts!.ranges} with version ranges) in ${((performance.now() - t) / 1000).toFixed(2)} s`,
      );
      for (const f of r.files)
        for (const e of f.errors) console.log(`  rejected ${f.file} ${e.at}: ${e.reason}`);
      for (const f of r.skippedFiles) console.log(`  skipped ${f.file}: ${f.reason}`);
    } else console.log('CSAF: ../shared/data/vulns/csaf-icsma absent, skipped');
    console.log(`peak RSS: ${mib(peakRss())}`);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();

import { describe, expect, it } from 'vitest';
import { getCveFacts, importFeeds, loadCsafAdvisories, loadNvdConfigurations } from './index.ts';
import {
  csafAdvisory,
  epssCsv,
  feedsTestDatabase,
  gzip,
  kevCatalog,
  mirthKev,
  tempDir,
  writeFile,
} from './feeds-test-kit.ts';
import { bplCve, medfusionCve, mirthCve, nvdPage } from './nvd-fixtures.ts';

const now = new Date('2025-08-26T08:00:00Z');

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('importFeeds', () => {
  it('imports NVD records single, wrapped, as a page and from a directory tree', async () => {
    const db = await feedsTestDatabase();
    const dir = tempDir();
    writeFile(dir, 'nvd/CVE-2017/CVE-2017-127xx/CVE-2017-12725.json', medfusionCve());
    writeFile(dir, 'nvd/CVE-2023/wrapped.json', { cve: mirthCve() });
    writeFile(dir, 'nvd/page-0.json', nvdPage([bplCve()]));
    writeFile(dir, 'nvd/CVE-2017/README.md', 'not a feed');
    const summary = await importFeeds(db, [`${dir}/nvd`], { now });
    expect(summary.files.map((f) => [f.kind, f.records, f.inserted])).toEqual([
      ['nvd', 1, 1],
      ['nvd', 1, 1],
      ['nvd', 1, 1],
    ]);
    expect(summary.totals).toMatchObject({ records: 3, inserted: 3, rejected: 0 });

    const configs = await collect(loadNvdConfigurations(db));
    // The BPL record is awaiting analysis: nothing to match, so not listed.
    expect(configs.map((c) => c.id)).toEqual(['CVE-2017-12725', 'CVE-2023-43208']);
    expect(configs[0]!.configurations).toEqual(medfusionCve().configurations);

    const facts = await getCveFacts(db, ['CVE-2017-12725', 'CVE-2023-43208', 'CVE-2099-0001']);
    expect(facts.get('CVE-2017-12725')).toMatchObject({
      cvss: 9.8,
      severity: 'CRITICAL',
      kev: false,
      epss: null,
    });
    expect(facts.get('CVE-2023-43208')).toMatchObject({ cvss: 9.3 });
    expect(facts.has('CVE-2099-0001')).toBe(false);
    const imports = await db.query<{ kind: string; inserted: number }>(
      'SELECT kind, inserted FROM vuln_feed_imports',
    );
    expect(imports).toHaveLength(3);
    await db.close();
  });

  it('skips NVD records not modified since and updates newer ones', async () => {
    const db = await feedsTestDatabase();
    const dir = tempDir();
    const page = writeFile(dir, 'page.json', nvdPage([medfusionCve(), mirthCve()]));
    await importFeeds(db, [page], { now });
    const again = await importFeeds(db, [page], { now });
    expect(again.files[0]).toMatchObject({ records: 2, inserted: 0, updated: 0, unchanged: 2 });

    const newer = mirthCve('2025-06-01T00:00:00.000');
    newer.descriptions[0]!.value = 'Updated description.';
    const older = medfusionCve('2020-01-01T00:00:00.000');
    const page2 = writeFile(dir, 'page2.json', nvdPage([older, newer, bplCve()]));
    const third = await importFeeds(db, [page2], { now });
    expect(third.files[0]).toMatchObject({ inserted: 1, updated: 1, unchanged: 1 });
    const facts = await getCveFacts(db, ['CVE-2023-43208', 'CVE-2017-12725']);
    expect(facts.get('CVE-2023-43208')!.description).toBe('Updated description.');
    expect(facts.get('CVE-2017-12725')!.description).toMatch(/^Hard-coded credentials/);
    await db.close();
  });

  it('reports a bad record with its file and JSON path and imports the rest', async () => {
    const db = await feedsTestDatabase();
    const dir = tempDir();
    const bad = { ...mirthCve(), id: 'CVE-BAD' };
    const file = writeFile(dir, 'page.json', nvdPage([medfusionCve(), bad, bplCve()]));
    const summary = await importFeeds(db, [file], { now });
    expect(summary.files[0]).toMatchObject({
      file,
      records: 3,
      inserted: 2,
      rejected: 1,
      errors: [{ at: 'vulnerabilities[1].cve.id', reason: expect.stringContaining('CVE-BAD') }],
    });
    await db.close();
  });

  it('streams a large NVD page element by element with the same results', async () => {
    const db = await feedsTestDatabase();
    const file = writeFile(
      tempDir(),
      'big.json',
      nvdPage([medfusionCve(), { cve: 1 }, mirthCve()]),
    );
    const summary = await importFeeds(db, [file], { now, streamAboveBytes: 100 });
    expect(summary.files[0]).toMatchObject({ records: 3, inserted: 2, rejected: 1 });
    expect(summary.files[0]!.errors[0]!.at).toBe('vulnerabilities[1].cve.id');
    await db.close();
  });

  it('imports KEV and EPSS (comment line, gzip) and replaces their values on re-import', async () => {
    const db = await feedsTestDatabase();
    const dir = tempDir();
    const kev = writeFile(dir, 'kev.json', kevCatalog());
    // Names that say nothing: the kind comes from the content.
    const epss = writeFile(dir, 'scores.csv.gz', gzip(epssCsv));
    const first = await importFeeds(db, [kev, epss], { now });
    expect(first.files.map((f) => [f.kind, f.inserted])).toEqual([
      ['kev', 2],
      ['epss', 3],
    ]);
    const facts = await getCveFacts(db, ['CVE-2023-43208', 'CVE-2024-34463']);
    expect(facts.get('CVE-2023-43208')).toMatchObject({
      kev: true,
      kevRansomware: true,
      kevDueDate: '2024-06-10',
      epss: expect.closeTo(0.94321, 5),
      epssPercentile: expect.closeTo(0.99912, 5),
      description: expect.stringMatching(/deserialization/),
    });
    expect(facts.get('CVE-2024-34463')).toMatchObject({
      kev: false,
      epss: expect.closeTo(0.00043, 5),
    });
    const [meta] = await db.query<{ score_date: string; model_version: string }>(
      `SELECT to_char(score_date, 'YYYY-MM-DD') AS score_date, model_version FROM vuln_epss LIMIT 1`,
    );
    expect(meta).toEqual({ score_date: '2025-08-25', model_version: 'v2025.03.14' });

    const kev2 = writeFile(dir, 'kev2.json', kevCatalog([mirthKev({ dueDate: '2024-07-01' })]));
    const epss2 = writeFile(
      dir,
      'epss2.csv',
      epssCsv.replace('0.94321', '0.5').replace('CVE-2024-34463', 'CVE-2024-x'),
    );
    const second = await importFeeds(db, [kev2, epss2], { now });
    expect(second.files[0]).toMatchObject({ updated: 1, unchanged: 0 });
    expect(second.files[1]).toMatchObject({
      updated: 1,
      unchanged: 1,
      rejected: 1,
      errors: [{ at: 'line 5: cve', reason: expect.stringContaining('CVE-2024-x') }],
    });
    const after = await getCveFacts(db, ['CVE-2023-43208']);
    expect(after.get('CVE-2023-43208')).toMatchObject({ kevDueDate: '2024-07-01', epss: 0.5 });
    await db.close();
  });

  it('imports a CSAF advisory once per release and reads it back for the matcher', async () => {
    const db = await feedsTestDatabase();
    const dir = tempDir();
    const file = writeFile(dir, 'icsma-24-254-01.json', csafAdvisory());
    expect((await importFeeds(db, [file], { now })).files[0]).toMatchObject({
      kind: 'csaf',
      inserted: 1,
    });
    expect((await importFeeds(db, [file], { now })).files[0]).toMatchObject({ unchanged: 1 });
    const update = writeFile(
      dir,
      'icsma-24-254-01a.json',
      csafAdvisory('2', '2024-10-01T00:00:00Z'),
    );
    expect((await importFeeds(db, [update], { now })).files[0]).toMatchObject({ updated: 1 });
    // An older release imported later does not replace the newer one.
    expect((await importFeeds(db, [file], { now })).files[0]).toMatchObject({ unchanged: 1 });

    const [adv] = await loadCsafAdvisories(db);
    expect(adv).toMatchObject({
      trackingId: 'ICSMA-24-254-01',
      title: expect.any(String),
      publisher: 'CISA',
    });
    expect(adv!.products).toHaveLength(5);
    expect(adv!.products.find((p) => p.productId === 'CSAFPID-0001')).toMatchObject({
      vendor: 'BPL Medical Technologies',
      product: 'PWS-01BT',
      version: '<=IND/BPL/PWS-01BT/V2.0.8',
      versionIsRange: true,
    });
    expect(adv!.vulnerabilities).toEqual([
      {
        cve: 'CVE-2024-34463',
        affected: ['CSAFPID-0001', 'CSAFPID-0005'],
        fixed: ['CSAFPID-0002'],
        notAffected: [],
        underInvestigation: [],
      },
      {
        cve: null,
        affected: ['CSAFPID-0003'],
        fixed: [],
        notAffected: ['CSAFPID-0002'],
        underInvestigation: ['CSAFPID-0004'],
      },
    ]);
    // No NVD record: the CVSS comes from the advisory.
    const facts = await getCveFacts(db, ['CVE-2024-34463']);
    expect(facts.get('CVE-2024-34463')).toMatchObject({
      cvss: 6.5,
      severity: 'MEDIUM',
      kev: false,
    });
    const [vendor] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM vuln_csaf_products WHERE lower(vendor) = 'smiths medical'`,
    );
    expect(vendor!.n).toBe(1);
    await db.close();
  });

  it('rejects a named file that is no known feed, and lists one found in a directory', async () => {
    const db = await feedsTestDatabase();
    const dir = tempDir();
    const odd = writeFile(dir, 'feeds/package.json', { name: 'x', version: '1.0.0' });
    writeFile(dir, 'feeds/kev.json', kevCatalog());
    await expect(importFeeds(db, [odd])).rejects.toThrow(/package\.json: not a recognised feed/);
    const summary = await importFeeds(db, [`${dir}/feeds`], { now });
    expect(summary.files.map((f) => f.kind)).toEqual(['kev']);
    expect(summary.skippedFiles).toEqual([
      { file: odd, reason: expect.stringMatching(/not a recognised feed/) },
    ]);
    const broken = writeFile(dir, 'broken.json', '{"format": "NVD_CVE", "vulnerabilities": [');
    const res = await importFeeds(db, [broken], { now });
    expect(res.files[0]).toMatchObject({
      kind: 'nvd',
      rejected: 1,
      errors: [{ at: '', reason: expect.stringMatching(/invalid JSON/) }],
    });
    await db.close();
  });
});

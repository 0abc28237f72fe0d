// Benchmark of vulnerability matching (issue 6, part 4), printing its figures.
// Targets on 2 cores: index of an NVD-sized set (300,000 CVEs, ~1.4M criteria) built in <= 120 s;
// 10,000 devices x 50 component CPEs matched in <= 10 s; one 500-component SBOM in <= 200 ms;
// peak RSS <= 2 GB. Then, when ../shared/data is present, the 144 ICSMA CSAF advisories against
// a small inventory written from reading them, with precision and recall.
//
//   npx node --expose-gc bench/cpe-match.bench.ts              (full size, realistic profile)
//   npx node --expose-gc bench/cpe-match.bench.ts 30000 1000   (quick run: CVEs, devices)
//   npx node --expose-gc bench/cpe-match.bench.ts --harsh      (the earlier worst-case profile)
//
// Realistic profile (the default), see REALISTIC below: NVD ranges mostly cover one release
// line up to its fix, and most SBOM components name products with no CVE at all. The harsh
// profile (every range spans several minor lines, every component a product with CVEs) gives
// ~1,200 matching CVEs per device, far above real devices; it is kept as a stress test.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildNvdIndex,
  matchCsafAdvisory,
  type CsafAdvisory,
  type CsafProduct,
  type NvdCpeMatch,
} from '../src/safeguards/devices/matching/index.ts';

const args = process.argv.slice(2);
const HARSH = args.includes('--harsh');
const [cvesArg, devicesArg] = args.filter((a) => !a.startsWith('--'));
const CVES = Number(cvesArg ?? 300_000);
const DEVICES = Number(devicesArg ?? 10_000);
const REALISTIC = `realistic profile: CVE counts per product follow a long tail (top product ~0.6% of CVEs); a version range is one release line up to its fix (87%), all versions before a fix (3%) or a window over a few minor lines (10%); half of a device's components name products with no CVE (in-house, niche or unlisted software), the other half are drawn from the same long tail`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const peakRss = () => process.resourceUsage().maxRSS * 1024;

/** Deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}
const rnd = random(2026);
// Long tail: product i has weight ~1/(i+20), so the top product holds ~0.6% of CVEs (NVD's
// linux_kernel holds ~1-2%), the top 100 ~12%, and most products a handful.
const PRODUCTS = 60_000;
const HEAD = 20;
const zipf = () =>
  Math.min(
    PRODUCTS - 1,
    Math.floor(Math.exp(rnd() * Math.log((PRODUCTS + HEAD) / HEAD)) * HEAD - HEAD),
  );
const vendorOf = (p: number) => `vendor${p % 20_000}`;
const productOf = (p: number) => `product_${p}`;
const partOf = (p: number) => (p % 7 === 0 ? 'o' : 'a');
const version = () => {
  const r = rnd();
  const major = Math.floor(rnd() * 12);
  const minor = Math.floor(rnd() * 20);
  if (r < 0.6) return `${major}.${minor}.${Math.floor(rnd() * 30)}`;
  if (r < 0.8) return `${major}.${minor}`;
  if (r < 0.9) return `${major}.${minor} sp${1 + Math.floor(rnd() * 3)}`;
  return `${2010 + major}.${minor}`;
};

function criteriaFor(p: number, v = '*'): string {
  return `cpe:2.3:${partOf(p)}:${vendorOf(p)}:${productOf(p)}:${v}:*:*:*:*:*:*:*`;
}

/** Harsh profile: a window over one to three minor lines, open at the start 10% of the time. */
function harshRange(p: number): NvdCpeMatch {
  const major = Math.floor(rnd() * 12);
  const minor = Math.floor(rnd() * 20);
  const entry: NvdCpeMatch = {
    vulnerable: true,
    criteria: criteriaFor(p),
    versionEndExcluding: `${major}.${minor + 1 + Math.floor(rnd() * 3)}.${Math.floor(rnd() * 30)}`,
  };
  if (rnd() < 0.9) entry.versionStartIncluding = `${major}.${minor}`;
  return entry;
}

/** Realistic profile: mostly one release line up to its fix, as NVD ranges mostly are. */
function realisticRange(p: number): NvdCpeMatch {
  const major = Math.floor(rnd() * 12);
  const minor = Math.floor(rnd() * 20);
  const fix = 1 + Math.floor(rnd() * 30);
  const r = rnd();
  if (r < 0.87)
    return {
      vulnerable: true,
      criteria: criteriaFor(p),
      versionStartIncluding: `${major}.${minor}`,
      versionEndExcluding: `${major}.${minor}.${fix}`,
    };
  if (r < 0.9)
    return {
      vulnerable: true,
      criteria: criteriaFor(p),
      versionEndExcluding: `${major}.${minor}.${fix}`,
    };
  return harshRange(p);
}

function* nvdRecords(): Generator<{ id: string; configurations: unknown[] }> {
  for (let i = 0; i < CVES; i++) {
    const p = zipf();
    const cpeMatch: NvdCpeMatch[] = [];
    const n = 1 + Math.floor(rnd() * 8); // mean ~4 entries + platforms: ~1.5M criteria in all
    for (let k = 0; k < n; k++) {
      const r = rnd();
      if (r < 0.55) cpeMatch.push(HARSH ? harshRange(p) : realisticRange(p));
      else
        cpeMatch.push({ vulnerable: true, criteria: criteriaFor(p, version().replace(' ', '_')) });
    }
    const configurations: unknown[] = [
      { operator: 'OR', nodes: [{ operator: 'OR', negate: false, cpeMatch }] },
    ];
    if (rnd() < 0.15) {
      // Firmware AND hardware platform, as medical and embedded CVEs are (CVE-2017-12725).
      const hw = `cpe:2.3:h:${vendorOf(p)}:${productOf(p)}_hw:-:*:*:*:*:*:*:*`;
      configurations[0] = {
        operator: 'AND',
        nodes: [
          { operator: 'OR', negate: false, cpeMatch },
          { operator: 'OR', negate: false, cpeMatch: [{ vulnerable: false, criteria: hw }] },
        ],
      };
    }
    yield { id: `CVE-${2000 + (i % 25)}-${String(i).padStart(6, '0')}`, configurations };
  }
}

function componentCpes(n: number): string[] {
  return Array.from({ length: n }, () => {
    // Realistic: half the components are products NVD has no CVE for (ids past PRODUCTS).
    const p = !HARSH && rnd() < 0.5 ? PRODUCTS + Math.floor(rnd() * 200_000) : zipf();
    return `cpe:2.3:${partOf(p)}:${vendorOf(p)}:${productOf(p)}:${version().replace(' ', '_')}`;
  });
}

function benchNvd(): void {
  console.log(
    `NVD-sized set: ${CVES.toLocaleString()} CVEs, ${HARSH ? 'harsh profile (stress test)' : REALISTIC}`,
  );
  let t = performance.now();
  const index = buildNvdIndex(nvdRecords());
  const buildS = (performance.now() - t) / 1000;
  globalThis.gc?.();
  console.log(
    `  index: ${index.criteriaCount.toLocaleString()} criteria, ${index.productKeyCount.toLocaleString()} vendor:product keys, built in ${buildS.toFixed(1)} s (target <= 120 s); RSS ${mib(process.memoryUsage().rss)}`,
  );
  const devices = Array.from({ length: DEVICES }, () => ({ cpes: componentCpes(50) }));
  t = performance.now();
  const perDevice = new Uint32Array(DEVICES);
  devices.forEach((d, i) => (perDevice[i] = index.matchDevice(d).length));
  const matchS = (performance.now() - t) / 1000;
  const matches = perDevice.reduce((a, b) => a + b, 0);
  const sorted = perDevice.slice().sort();
  const q = (f: number) => sorted[Math.min(DEVICES - 1, Math.floor(f * DEVICES))] ?? 0;
  console.log(
    `  ${DEVICES.toLocaleString()} devices x 50 CPEs: ${matchS.toFixed(2)} s (target <= 10 s), ${matches.toLocaleString()} matches (${(matches / DEVICES).toFixed(1)} per device; median ${q(0.5)}, p90 ${q(0.9)}, max ${q(1)})`,
  );
  const sbom = componentCpes(500).map((cpe, i) => ({ cpe, name: `component-${i}` }));
  t = performance.now();
  const sbomMatches = index.matchProducts(sbom);
  console.log(
    `  500-component SBOM: ${(performance.now() - t).toFixed(0)} ms (target <= 200 ms), ${sbomMatches.length} matches`,
  );
  console.log(`  example: ${sbomMatches[0]?.cve} ${sbomMatches[0]?.why}`);
}

// --- ICSMA CSAF advisories -----------------------------------------------------------------

interface Branch {
  category: string;
  name: string;
  branches?: Branch[];
  product?: { product_id: string; name: string };
}

/** Flattens a CSAF 2.0 product tree (vendor > product_name > product_version[_range]). */
interface CsafDoc {
  document?: { tracking?: { id?: string } };
  product_tree?: { branches?: Branch[] };
  vulnerabilities?: Array<{
    cve?: string;
    product_status?: { known_affected?: string[]; fixed?: string[]; known_not_affected?: string[] };
  }>;
}

function loadAdvisory(doc: CsafDoc): CsafAdvisory {
  const products: CsafProduct[] = [];
  const walk = (branches: Branch[], ctx: { vendor: string; product: string }) => {
    for (const b of branches) {
      const next = { ...ctx };
      if (b.category === 'vendor') next.vendor = b.name;
      if (b.category === 'product_name' || b.category === 'product_family') next.product = b.name;
      if (b.product) {
        const isRange = b.category === 'product_version_range';
        const isVersion = b.category === 'product_version';
        products.push({
          productId: b.product.product_id,
          vendor: next.vendor,
          product: isRange || isVersion ? next.product : b.name,
          version: isVersion ? b.name : null,
          versionRange: isRange ? b.name : null,
          fullName: b.product.name,
        });
      }
      walk(b.branches ?? [], next);
    }
  };
  walk(doc.product_tree?.branches ?? [], { vendor: '', product: '' });
  return {
    trackingId: doc.document?.tracking?.id ?? '',
    products,
    vulnerabilities: (doc.vulnerabilities ?? []).map((v) => ({
      cve: v.cve ?? null,
      affected: v.product_status?.known_affected ?? [],
      fixed: v.product_status?.fixed ?? [],
      notAffected: v.product_status?.known_not_affected ?? [],
    })),
  };
}

// Written from reading the advisories: which advisory each device should hit (none: negative).
const INVENTORY: Array<{
  manufacturer: string;
  model: string;
  version: string | null;
  expect: string[];
}> = [
  {
    manufacturer: 'Abbott',
    model: 'Merlin@home EX1150',
    version: '8.2.1',
    expect: ['ICSMA-17-009-01A'],
  },
  {
    manufacturer: 'Philips Healthcare',
    model: 'IntelliVue MX40',
    version: 'B.06.12',
    expect: ['ICSMA-17-255-01'],
  },
  { manufacturer: 'Philips', model: 'IntelliVue MX40', version: 'B.06.18', expect: [] },
  {
    manufacturer: 'Koninklijke Philips N.V.',
    model: 'Brilliance iCT',
    version: '4.1.0',
    expect: ['ICSMA-18-123-01'],
  },
  {
    manufacturer: 'Baxter International',
    model: 'ExactaMix EM2400',
    version: '1.13',
    expect: ['ICSMA-20-170-01'],
  },
  { manufacturer: 'Baxter', model: 'ExactaMix EM2400', version: '1.12', expect: [] },
  {
    manufacturer: 'Philips',
    model: 'Clinical Collaboration Platform',
    version: '12.2.0',
    expect: ['ICSMA-20-261-01'],
  },
  {
    manufacturer: 'ZOLL Medical',
    model: 'Defibrillator Dashboard',
    version: '2.1',
    expect: ['ICSMA-21-161-01'],
  },
  {
    manufacturer: 'Fresenius Kabi',
    model: 'Agilia Partner',
    version: '3.2.0',
    expect: ['ICSMA-21-355-01'],
  },
  // ICSMA-24-065-01 covers the same product up to 1.4.1 (found by this bench, confirmed by reading).
  {
    manufacturer: 'Santesoft',
    model: 'Sante FFT Imaging',
    version: '1.3.9',
    expect: ['ICSMA-23-285-02', 'ICSMA-24-065-01'],
  },
  { manufacturer: 'Santesoft', model: 'Sante FFT Imaging', version: '1.4.2', expect: [] },
  {
    manufacturer: 'GE Healthcare',
    model: 'ApexPro Telemetry Server',
    version: '4.1',
    expect: ['ICSMA-20-023-01'],
  },
  {
    manufacturer: 'GE Medical Systems',
    model: 'Centricity PACS Server',
    version: '4.0',
    expect: ['ICSMA-18-037-02'],
  },
  // ICSMA-19-164-01 lists "Alaris Gateway Workstation Alaris TIVA" <= 2.3.6 too.
  {
    manufacturer: 'Becton, Dickinson and Company',
    model: 'Alaris TIVA',
    version: '2.3.5',
    expect: ['ICSMA-18-235-01', 'ICSMA-19-164-01'],
  },
  { manufacturer: 'BD', model: 'Pyxis ES', version: '1.4.0', expect: ['ICSMA-19-248-01'] },
  { manufacturer: 'BD', model: 'Pyxis ES', version: '1.6.0', expect: [] },
  {
    manufacturer: 'Medtronic',
    model: 'Valleylab FT10 Energy Platform',
    version: '2.0.3',
    expect: ['ICSMA-19-311-01', 'ICSMA-19-311-02'],
  },
  {
    manufacturer: 'Draeger',
    model: 'Infinity Explorer C700',
    version: 'VG2.1',
    expect: ['ICSMA-19-022-01'],
  },
  {
    manufacturer: 'B. Braun Melsungen AG',
    model: 'SpaceStation SpaceCom',
    version: '012U000039',
    expect: ['ICSMA-17-082-02'],
  },
  {
    manufacturer: 'Medtronic',
    model: 'MiniMed 630G MMT-1754',
    version: null,
    expect: ['ICSMA-22-263-01'],
  },
];

function benchCsaf(): void {
  const dir = join(
    fileURLToPath(new URL('.', import.meta.url)),
    '../../shared/data/vulns/csaf-icsma',
  );
  if (!existsSync(dir)) {
    console.log('ICSMA advisories: ../shared/data absent, skipped');
    return;
  }
  let t = performance.now();
  const advisories = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => loadAdvisory(JSON.parse(readFileSync(join(dir, f), 'utf8'))));
  const products = advisories.reduce((n, a) => n + a.products.length, 0);
  console.log(
    `ICSMA: ${advisories.length} advisories, ${products} products loaded in ${(performance.now() - t).toFixed(0)} ms`,
  );
  t = performance.now();
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const device of INVENTORY) {
    const hits = new Map<string, string>();
    for (const a of advisories) {
      for (const m of matchCsafAdvisory(a, device)) {
        if (m.status === 'affected') hits.set(a.trackingId.toUpperCase(), m.why);
      }
    }
    const expected = new Set(device.expect);
    for (const [id, why] of hits) {
      if (expected.has(id)) tp++;
      else {
        fp++;
        console.log(
          `  unexpected: ${device.manufacturer} ${device.model} ${device.version ?? '?'} -> ${id}: ${why}`,
        );
      }
    }
    for (const id of expected) {
      if (!hits.has(id)) {
        fn++;
        console.log(
          `  missed: ${device.manufacturer} ${device.model} ${device.version ?? '?'} -> ${id}`,
        );
      }
    }
  }
  const ms = performance.now() - t;
  console.log(
    `  ${INVENTORY.length} devices x ${advisories.length} advisories in ${ms.toFixed(0)} ms: precision ${(tp / Math.max(1, tp + fp)).toFixed(2)}, recall ${(tp / Math.max(1, tp + fn)).toFixed(2)} (tp ${tp}, fp ${fp}, fn ${fn})`,
  );
}

benchNvd();
benchCsaf();
console.log(`peak RSS ${mib(peakRss())} (target <= 2 GB)`);

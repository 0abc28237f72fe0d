import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { importFeeds, type FeedImportSummary } from './feeds/index.ts';
import {
  decideDeviceVuln,
  DECISION_STATUSES,
  listDecisions,
  type DecisionStatus,
} from './inventory/device-decisions.ts';
import type { DevicesDeps } from './inventory/device-deps.ts';
import { parseDeviceMapping } from './inventory/device-fields.ts';
import { importDeviceCsv } from './inventory/device-import.ts';
import { listDevices } from './inventory/device-queries.ts';
import { loadDevices } from './inventory/device-rows.ts';
import { importSbom } from './inventory/sbom-import.ts';
import { matchDeviceVulns, type DeviceVulnMatch } from './vulns/match-device-vulns.ts';
import { decisionsToCycloneDxVex } from './vulns/vex-export.ts';
import { registerPatchCommands } from './patching/index.ts';

/** What the commands need from the app; structural so this file never imports app.ts. */
type WithDevices = <T>(fn: (app: DevicesDeps) => Promise<T>) => Promise<T>;

/**
 * `ward devices ...` (inventory, SBOMs, vulnerability matching, VEX) and `ward feeds import`
 * (NVD, KEV, EPSS, CSAF files, offline). Everything runs in this process against the database.
 */
export function registerDevicesCommands(program: Command, withApp: WithDevices): void {
  const devices = program
    .command('devices')
    .description('medical and IoT devices: inventory, SBOMs, vulnerabilities with risk, VEX');

  devices
    .command('import')
    .description(
      'import an inventory CSV (name, manufacturer, model, version, type, ip, department, cpe, ...)',
    )
    .argument('<file>')
    .option('--map <mapping>', 'column mapping, e.g. "Asset Label=name,Hersteller=manufacturer"')
    .action(async (file: string, opts: { map?: string }) => {
      const mapping = opts.map ? parseDeviceMapping(opts.map) : undefined;
      const r = await withApp((app) =>
        importDeviceCsv(app, { fileName: file, text: readFileSync(file), mapping, actor: 'cli' }),
      );
      console.log(
        `imported ${file}: ${r.rows} rows, ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged`,
      );
    });

  devices
    .command('list')
    .description('list devices, riskiest first')
    .option('--json', 'print a JSON array')
    .action(async (opts: { json?: boolean }) => {
      const page = await withApp((app) => listDevices(app.db, { limit: 500 }));
      if (opts.json) return console.log(JSON.stringify(page.items, null, 2));
      printTable(
        ['RISK', 'CLASS', 'NAME', 'MANUFACTURER', 'MODEL', 'VERSION', 'IP'],
        page.items.map((d) => [
          d.risk === null ? '-' : String(d.risk),
          d.deviceClass,
          d.name,
          d.manufacturer ?? '-',
          d.model ?? '-',
          d.version ?? '-',
          d.ip ?? '-',
        ]),
      );
      console.log(`\n${page.items.length} of ${page.total} device(s)`);
    });

  devices
    .command('sbom')
    .description(
      'attach a CycloneDX 1.4-1.6 JSON SBOM to a device (by id or name); replaces its previous SBOM',
    )
    .argument('<device>')
    .argument('<file>')
    .action(async (device: string, file: string) => {
      const r = await withApp((app) =>
        importSbom(app, {
          deviceId: device,
          fileName: file,
          text: readFileSync(file),
          actor: 'cli',
        }),
      );
      console.log(
        `attached ${file} (CycloneDX ${r.specVersion}) to ${r.deviceName}: ${r.components} components, ${r.withCpe} with a CPE, ${r.withoutSupplier} without a supplier, ${r.withoutVersion} without a version`,
      );
    });

  devices
    .command('vulns')
    .description(
      'match every device against the imported feeds, record findings, print the matches by risk',
    )
    .option('--json', 'one JSON object per line: device, cve, source, kev, risk, why, ...')
    .action(async (opts: { json?: boolean }) => {
      const matches = await withApp((app) => matchDeviceVulns(app, { actor: 'cli' }));
      if (opts.json) {
        for (const m of matches) console.log(JSON.stringify(toCliJson(m)));
        return;
      }
      printTable(
        ['RISK', 'KEV', 'CVE', 'SOURCE', 'DEVICE', 'WHY'],
        matches.map((m) => [
          String(m.risk),
          m.kev ? 'KEV' : '-',
          m.cve,
          m.source,
          m.device.name,
          m.why,
        ]),
      );
      console.log(
        `\n${matches.length} match(es) on ${new Set(matches.map((m) => m.device.id)).size} device(s)`,
      );
    });

  devices
    .command('decide')
    .description('record a VEX decision for one CVE on one device (not affected removes the match)')
    .argument('<device>', 'device id or name')
    .argument('<cve>')
    .option('--not-affected', 'the device is not affected (needs --justification)')
    .option('--status <status>', DECISION_STATUSES.join('|'))
    .option('--justification <text>', 'why, e.g. "code_not_reachable: the web server is disabled"')
    .action(
      async (
        device: string,
        cve: string,
        opts: { notAffected?: boolean; status?: string; justification?: string },
      ) => {
        const status = (opts.notAffected ? 'not_affected' : opts.status) as
          DecisionStatus | undefined;
        if (!status) throw new Error('give --not-affected or --status');
        const d = await withApp((app) =>
          decideDeviceVuln(app, {
            device,
            cve,
            status,
            justification: opts.justification,
            actor: 'cli',
          }),
        );
        console.log(
          `${d.cve} on ${d.deviceName}: ${d.status}${d.justification ? ` (${d.justification})` : ''}`,
        );
      },
    );

  devices
    .command('vex')
    .description('export the VEX decisions as CycloneDX 1.5 JSON')
    .option('--json', 'print JSON (the only format)')
    .action(async () => {
      const vex = await withApp(async (app) => {
        const decisions = await listDecisions(app.db);
        const all = new Map((await loadDevices(app.db)).map((d) => [d.id, d]));
        return decisionsToCycloneDxVex(decisions, all, app.clock.now());
      });
      console.log(JSON.stringify(vex, null, 2));
    });

  program
    .command('feeds')
    .description('vulnerability feeds (NVD, CISA KEV, FIRST EPSS, CSAF), imported from files')
    .command('import')
    .description('import feed files or directories; each file is recognised by its content')
    .argument('<paths...>')
    .option('--json', 'print the summary as JSON')
    .action(async (paths: string[], opts: { json?: boolean }) => {
      const summary = await withApp((app) =>
        importFeeds(app.db, paths, {
          onProgress: (p) =>
            process.stderr.isTTY && process.stderr.write(`\r${p.file}: ${p.records} records`),
        }),
      );
      if (process.stderr.isTTY) process.stderr.write('\n');
      if (opts.json) return console.log(JSON.stringify(summary, null, 2));
      printFeedSummary(summary);
    });
  registerPatchCommands(devices, withApp);
}

function toCliJson(m: DeviceVulnMatch) {
  return {
    device: m.device,
    cve: m.cve,
    source: m.source,
    kev: m.kev,
    risk: m.risk,
    why: m.why,
    riskWhy: m.riskWhy,
    cvss: m.cvss,
    epss: m.epss,
    findingId: m.findingId,
  };
}

function printFeedSummary(s: FeedImportSummary): void {
  for (const f of s.files) {
    console.log(
      `${f.file} (${f.kind}): ${f.records} records, ${f.inserted} new, ${f.updated} updated, ${f.unchanged} unchanged, ${f.rejected} rejected`,
    );
    for (const e of f.errors) console.error(`  ${f.file}: ${e.at}: ${e.reason}`);
  }
  for (const k of s.skippedFiles) console.error(`skipped ${k.file}: ${k.reason}`);
  const t = s.totals;
  console.log(
    `total: ${t.records} records, ${t.inserted} new, ${t.updated} updated, ${t.unchanged} unchanged, ${t.rejected} rejected`,
  );
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) =>
    Math.min(40, Math.max(h.length, ...rows.map((r) => r[i]!.length))),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.slice(0, widths[i]).padEnd(widths[i]!)))
      .join('  ');
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

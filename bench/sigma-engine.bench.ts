// Sigma engine coverage and speed over SigmaHQ's Windows rules (../shared/data/sigma/{rules,
// rules-emerging-threats,rules-threat-hunting}):
//   1. compile coverage: documents loaded, rules compiled, failures with their reasons;
//   2. matching speed on synthetic streams (Sysmon 1, Security 4688, and a mix of process,
//      network, file, registry and logon events), in events/s on one core and µs per event.
// Ward issue 4 asks `ward detect` for >= 30,000 events/s on 2 cores with EVTX parsing, so the
// matcher alone should reach about 25,000 events/s per core on these streams.
//
//   npx node bench/sigma-engine.bench.ts [events-per-stream]
//
// Skips when ../shared/data is absent (it is evaluation data, not part of the repository).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FlatEvent } from '../src/safeguards/ransomware/events/event-types.ts';
import {
  compileRuleSet,
  loadRuleTree,
  type RuleSet,
} from '../src/safeguards/ransomware/sigma/index.ts';

const SIGMA = fileURLToPath(new URL('../../shared/data/sigma/', import.meta.url));
const FOLDERS = ['rules', 'rules-emerging-threats', 'rules-threat-hunting'].map((f) =>
  join(SIGMA, f),
);

if (!FOLDERS.every(existsSync)) {
  console.log(`sigma engine: skipped (${SIGMA} rule folders not found)`);
  process.exit(0);
}

const perStream = Number(process.argv[2] ?? 30_000);

const t0 = performance.now();
const tree = loadRuleTree(FOLDERS);
const t1 = performance.now();
const { ruleSet, errors } = compileRuleSet({ documents: tree.documents });
const t2 = performance.now();

const failures = [...tree.errors, ...errors].filter((e) => e.severity === 'error');
const skipped = errors.filter((e) => e.severity === 'warning');
console.log(
  `rules: ${tree.documents.length} documents from ${tree.files} files, load ${ms(t1 - t0)}, compile ${ms(t2 - t1)}`,
);
const failed = new Set(failures.map((e) => e.path)).size;
console.log(
  `compiled ${ruleSet.rules.length} rules + ${ruleSet.correlations.length} correlations; ` +
    `${failed} files failed (${pct(1 - failed / tree.files)} compile); ${skipped.length} warnings`,
);
for (const e of failures)
  console.log(`  failed: ${e.path.replace(SIGMA, '')}:${e.line ?? '?'} ${e.message}`);
const reasons = new Map<string, number>();
for (const w of skipped) {
  const reason = w.message.replace(/'[^']*'/, "'…'").replace(/\{.*\}/, '{…}');
  reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
}
for (const [reason, count] of [...reasons].sort((a, b) => b[1] - a[1]))
  console.log(`  warning x${count}: ${reason}`);

const streams = syntheticStreams(perStream);
console.log(`\nmatching (one core, ${perStream} events per stream, after warm-up):`);
for (const [name, events] of Object.entries(streams)) {
  const { perSecond, hits } = timeStream(ruleSet, events);
  const digest = matchDigest(ruleSet, events);
  console.log(
    `  ${name.padEnd(14)} ${String(Math.round(perSecond)).padStart(7)} events/s  ` +
      `${(1e6 / perSecond).toFixed(1).padStart(6)} µs/event  ${hits} rule matches (digest ${digest})`,
  );
}
console.log(
  `rules evaluated for every event of their logsource (no anchor): ${ruleSet.unanchoredRules}`,
);
console.log(`rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`);

function timeStream(
  rules: RuleSet,
  events: readonly FlatEvent[],
): { perSecond: number; hits: number } {
  const warm = Math.min(events.length, 3000);
  for (let i = 0; i < warm; i++) rules.match(events[i]!);
  let hits = 0;
  const start = performance.now();
  for (const event of events) hits += rules.match(event).length;
  const elapsed = performance.now() - start;
  return { perSecond: events.length / (elapsed / 1000), hits };
}

/** A checksum of which rules matched which events, to compare engine changes for equal output. */
function matchDigest(rules: RuleSet, events: readonly FlatEvent[]): string {
  let h = 0x811c9dc5;
  events.forEach((event, i) => {
    for (const rule of rules.match(event)) h = Math.imul(h ^ (i * 7919 + rule.index), 0x01000193);
  });
  return (h >>> 0).toString(16).padStart(8, '0');
}

function ms(n: number): string {
  return `${Math.round(n)} ms`;
}

function pct(n: number): string {
  return `${(n * 100).toFixed(2)}%`;
}

// Synthetic events: a seeded mix of everyday and suspicious processes, paths and command lines,
// so that rule literals hit at a realistic-ish rate (most events match nothing).
function syntheticStreams(count: number): Record<string, FlatEvent[]> {
  let seed = 42;
  const rand = (n: number): number => {
    seed = (seed * 1_103_515_245 + 12_345) >>> 0;
    return (seed >>> 8) % n;
  };
  const pick = <T>(list: readonly T[]): T => list[rand(list.length)]!;
  const dirs = [
    'C:\\Windows\\System32\\',
    'C:\\Windows\\',
    'C:\\Program Files\\Vendor\\App\\',
    'C:\\Users\\alice\\AppData\\Local\\Temp\\',
    'C:\\ProgramData\\Agent\\',
    'C:\\Windows\\SysWOW64\\',
  ];
  const exes = [
    'svchost.exe',
    'conhost.exe',
    'cmd.exe',
    'powershell.exe',
    'rundll32.exe',
    'chrome.exe',
    'msedge.exe',
    'explorer.exe',
    'taskhostw.exe',
    'backgroundTaskHost.exe',
    'WmiPrvSE.exe',
    'dllhost.exe',
    'reg.exe',
    'schtasks.exe',
    'net.exe',
    'whoami.exe',
    'updater.exe',
    'java.exe',
    'python.exe',
    'setup.exe',
  ];
  const args = [
    '-k netsvcs -p',
    '/c echo hello',
    '-NoProfile -ExecutionPolicy Bypass -File C:\\temp\\a.ps1',
    'shell32.dll,Control_RunDLL',
    '--type=renderer --lang=en-US',
    '/query /fo list',
    'query HKLM\\Software\\Vendor',
    'user /domain',
    '/all',
    '-jar service.jar --port 8080',
    '/S /quiet',
    '-Embedding',
    '0xffffffff -ForceV1',
    'start /b updater.exe',
    'script.py --verbose',
    '/create /tn Backup /tr backup.exe /sc daily',
  ];
  const image = (): string => pick(dirs) + pick(exes);
  const base = (i: number): FlatEvent => ({
    Computer: `ws-${i % 50}.corp.local`,
    TimeCreated: new Date(1.7e12 + i * 250).toISOString(),
    EventRecordID: i,
  });
  const process = (i: number): FlatEvent => {
    const img = image();
    const name = img.slice(img.lastIndexOf('\\') + 1);
    const parent = image();
    return {
      ...base(i),
      Channel: 'Microsoft-Windows-Sysmon/Operational',
      Provider_Name: 'Microsoft-Windows-Sysmon',
      EventID: 1,
      Image: img,
      OriginalFileName: name,
      CommandLine: `"${img}" ${pick(args)} ${rand(10_000)}`,
      CurrentDirectory: pick(dirs),
      ParentImage: parent,
      ParentCommandLine: `"${parent}" ${pick(args)}`,
      User: `CORP\\user${rand(40)}`,
      IntegrityLevel: pick(['Medium', 'High', 'System']),
      Hashes: `SHA1=${hex(40)},MD5=${hex(32)},SHA256=${hex(64)},IMPHASH=${hex(32)}`,
      Company: 'Microsoft Corporation',
      Product: 'Microsoft® Windows® Operating System',
      Description: 'Windows host process',
      ProcessId: 1000 + rand(60_000),
      ParentProcessId: 4 + rand(60_000),
      LogonId: '0x3e7',
    };
  };
  const hex = (n: number): string => {
    let s = '';
    while (s.length < n) s += rand(0x10000).toString(16).padStart(4, '0');
    return s.slice(0, n).toUpperCase();
  };
  const security4688 = (i: number): FlatEvent => {
    const p = process(i);
    return {
      ...base(i),
      Channel: 'Security',
      Provider_Name: 'Microsoft-Windows-Security-Auditing',
      EventID: 4688,
      NewProcessName: p['Image']!,
      CommandLine: p['CommandLine']!,
      ParentProcessName: p['ParentImage']!,
      SubjectUserName: `user${rand(40)}`,
      SubjectDomainName: 'CORP',
      TokenElevationType: '%%1938',
      MandatoryLabel: 'S-1-16-8192',
      NewProcessId: '0x1a2b',
      ProcessId: '0x0c4',
    };
  };
  const other = (i: number): FlatEvent => {
    const sysmon = {
      ...base(i),
      Channel: 'Microsoft-Windows-Sysmon/Operational',
      Provider_Name: 'Microsoft-Windows-Sysmon',
    };
    switch (rand(5)) {
      case 0:
        return {
          ...sysmon,
          EventID: 3,
          Image: image(),
          Protocol: 'tcp',
          Initiated: 'true',
          SourceIp: `10.0.${rand(255)}.${rand(255)}`,
          SourcePort: 49_152 + rand(10_000),
          DestinationIp: `${rand(223)}.${rand(255)}.${rand(255)}.${rand(255)}`,
          DestinationPort: pick([443, 80, 445, 3389, 53, 8080]),
          DestinationHostname: pick(['update.vendor.com', 'dc01.corp.local', 'cdn.example.net']),
        };
      case 1:
        return {
          ...sysmon,
          EventID: 11,
          Image: image(),
          TargetFilename: `${pick(dirs)}${pick(['report.docx', 'cache.tmp', 'data.db', 'setup.log', 'x.ps1'])}`,
        };
      case 2:
        return {
          ...sysmon,
          EventID: 13,
          EventType: 'SetValue',
          Image: image(),
          TargetObject: `HKLM\\SOFTWARE\\${pick(['Vendor\\App\\Version', 'Microsoft\\Windows\\CurrentVersion\\Run\\Updater', 'Policies\\Agent\\Enabled'])}`,
          Details: pick(['DWORD (0x00000001)', 'C:\\Program Files\\Vendor\\updater.exe', '1.2.3']),
        };
      default:
        return {
          ...base(i),
          Channel: 'Security',
          Provider_Name: 'Microsoft-Windows-Security-Auditing',
          EventID: pick([4624, 4625, 4634, 4672]),
          TargetUserName: `user${rand(40)}`,
          TargetDomainName: 'CORP',
          LogonType: pick([2, 3, 5, 10]),
          IpAddress: `10.0.${rand(255)}.${rand(255)}`,
          WorkstationName: `WS-${rand(50)}`,
          LogonProcessName: 'NtLmSsp',
          AuthenticationPackageName: 'NTLM',
          SubjectUserSid: 'S-1-0-0',
          Status: '0xc000006d',
        };
    }
  };
  const make = (f: (i: number) => FlatEvent): FlatEvent[] =>
    Array.from({ length: count }, (_, i) => f(i));
  return {
    'sysmon-1': make(process),
    'security-4688': make(security4688),
    mixed: make((i) => (i % 3 === 0 ? process(i) : other(i))),
  };
}

/**
 * Ward's ransomware precursor rule pack: every rule carries the metadata alerts need, compiles
 * cleanly in Ward's Sigma engine, fires on a realistic event and stays quiet on the near miss an
 * IT team produces every day (listing shadow copies, starting a backup, re-enabling Defender).
 * Correlations are driven through the engine's correlator with synthetic bursts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { FlatEvent } from '../events/event-types.ts';
import { compileRuleSet, loadRuleTree } from '../sigma/index.ts';

const RULES_DIR = fileURLToPath(new URL('.', import.meta.url));
const HOST = 'WS-017';
const T0 = Date.parse('2026-03-02T09:00:00.000Z');

// ---------------------------------------------------------------------------------------------
// The pack as plain YAML (independent of the engine).

interface PackDocument {
  file: string;
  rule: Record<string, unknown>;
}

function ymlFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return ymlFiles(path);
      return name.endsWith('.yml') ? [path] : [];
    })
    .sort();
}

const PACK: PackDocument[] = ymlFiles(RULES_DIR).flatMap((path) =>
  parseAllDocuments(readFileSync(path, 'utf8')).map((doc) => ({
    file: relative(RULES_DIR, path),
    rule: doc.toJS() as Record<string, unknown>,
  })),
);

/** The id of the rule in `file` named `name`, or of the file's first document. */
function idOf(file: string, name?: string): string {
  const doc = PACK.find((d) => d.file === file && (name === undefined || d.rule['name'] === name));
  if (!doc) throw new Error(`no rule ${name ?? '(first)'} in ${file}`);
  return String(doc.rule['id']);
}

// ---------------------------------------------------------------------------------------------
// The pack compiled by Ward's engine.

const loaded = loadRuleTree([RULES_DIR]);
const compiled = compileRuleSet({ documents: loaded.documents });
const ruleSet = compiled.ruleSet;

function matchedIds(event: FlatEvent): string[] {
  return ruleSet.match(event).map((info) => String(info.id));
}

/** Ids of the correlations that fire when the events are pushed in order, then flushed. */
function correlate(events: readonly FlatEvent[]): string[] {
  const correlator = ruleSet.createCorrelator();
  const fired: string[] = [];
  for (const event of events) {
    for (const match of correlator.push(event, ruleSet.match(event))) {
      fired.push(String(match.rule.id));
    }
  }
  for (const match of correlator.flush()) fired.push(String(match.rule.id));
  return fired;
}

// ---------------------------------------------------------------------------------------------
// Event builders in the shape flattenEvent produces.

function at(offsetMs: number): string {
  return new Date(T0 + offsetMs).toISOString();
}

function sysmon(eventId: number, fields: FlatEvent, offsetMs = 0): FlatEvent {
  return {
    Channel: 'Microsoft-Windows-Sysmon/Operational',
    Provider_Name: 'Microsoft-Windows-Sysmon',
    EventID: eventId,
    Computer: HOST,
    TimeCreated: at(offsetMs),
    ...fields,
  };
}

function security(eventId: number, fields: FlatEvent, offsetMs = 0): FlatEvent {
  return {
    Channel: 'Security',
    Provider_Name: 'Microsoft-Windows-Security-Auditing',
    EventID: eventId,
    Computer: HOST,
    TimeCreated: at(offsetMs),
    ...fields,
  };
}

function system(eventId: number, provider: string, fields: FlatEvent, offsetMs = 0): FlatEvent {
  return {
    Channel: 'System',
    Provider_Name: provider,
    EventID: eventId,
    Computer: HOST,
    TimeCreated: at(offsetMs),
    ...fields,
  };
}

function scriptBlock(text: string): FlatEvent {
  return {
    Channel: 'Microsoft-Windows-PowerShell/Operational',
    Provider_Name: 'Microsoft-Windows-PowerShell',
    EventID: 4104,
    Computer: HOST,
    TimeCreated: at(0),
    MessageNumber: 1,
    MessageTotal: 1,
    ScriptBlockText: text,
    ScriptBlockId: '5d2a4c4e-0c41-4b44-9a4d-2f3c1c7d9e10',
    Path: '',
  };
}

function defender(eventId: number): FlatEvent {
  return {
    Channel: 'Microsoft-Windows-Windows Defender/Operational',
    Provider_Name: 'Microsoft-Windows-Windows Defender',
    EventID: eventId,
    Computer: HOST,
    TimeCreated: at(0),
    'Product Name': 'Microsoft Defender Antivirus',
  };
}

interface Proc {
  image: string;
  originalFileName: string;
  commandLine: string;
  parentImage?: string;
}

const CMD = 'C:\\Windows\\System32\\cmd.exe';
const POWERSHELL = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';

/** The same process start as Sysmon event 1 and as Security event 4688. */
function processEvents(p: Proc, offsetMs = 0): Array<[string, FlatEvent]> {
  const parent = p.parentImage ?? CMD;
  return [
    [
      'Sysmon 1',
      sysmon(
        1,
        {
          RuleName: '-',
          UtcTime: at(offsetMs).replace('T', ' ').replace('Z', ''),
          ProcessGuid: '{3f1a2b4c-1111-6790-2a00-000000002300}',
          ProcessId: 4242,
          Image: p.image,
          FileVersion: '10.0.19041.1',
          Description: '',
          Product: 'Microsoft® Windows® Operating System',
          Company: 'Microsoft Corporation',
          OriginalFileName: p.originalFileName,
          CommandLine: p.commandLine,
          CurrentDirectory: 'C:\\Windows\\system32\\',
          User: 'HOSP\\adm.jsmith',
          IntegrityLevel: 'High',
          ParentImage: parent,
          ParentCommandLine: parent,
        },
        offsetMs,
      ),
    ],
    [
      'Security 4688',
      security(
        4688,
        {
          SubjectUserName: 'adm.jsmith',
          SubjectDomainName: 'HOSP',
          NewProcessId: '0x1092',
          NewProcessName: p.image,
          TokenElevationType: '%%1937',
          ProcessId: '0x8f0',
          CommandLine: p.commandLine,
          ParentProcessName: parent,
          MandatoryLabel: 'S-1-16-12288',
        },
        offsetMs,
      ),
    ],
  ];
}

const VSSADMIN = { image: 'C:\\Windows\\System32\\vssadmin.exe', originalFileName: 'VSSADMIN.EXE' };
const WMIC = { image: 'C:\\Windows\\System32\\wbem\\WMIC.exe', originalFileName: 'wmic.exe' };
const PS = { image: POWERSHELL, originalFileName: 'PowerShell.EXE' };
const NET = { image: 'C:\\Windows\\System32\\net.exe', originalFileName: 'net.exe' };
const SC = { image: 'C:\\Windows\\System32\\sc.exe', originalFileName: 'sc.exe' };
const TASKKILL = { image: 'C:\\Windows\\System32\\taskkill.exe', originalFileName: 'taskkill.exe' };
const WBADMIN = { image: 'C:\\Windows\\System32\\wbadmin.exe', originalFileName: 'WBADMIN.EXE' };
const BCDEDIT = { image: 'C:\\Windows\\System32\\bcdedit.exe', originalFileName: 'bcdedit.exe' };
const REAGENTC = { image: 'C:\\Windows\\System32\\ReAgentc.exe', originalFileName: 'reagentc.exe' };
const DISKSHADOW = {
  image: 'C:\\Windows\\System32\\diskshadow.exe',
  originalFileName: 'diskshadow.exe',
};
const WEVTUTIL = { image: 'C:\\Windows\\System32\\wevtutil.exe', originalFileName: 'wevtutil.exe' };
const VEEAM_AGENT = 'C:\\Program Files\\Veeam\\Endpoint Backup\\Veeam.EndPoint.Service.exe';

// ---------------------------------------------------------------------------------------------

describe('rule pack metadata', () => {
  it('holds the expected number of rule documents', () => {
    expect(PACK.length).toBeGreaterThanOrEqual(40);
  });

  it.each(PACK.map((d) => [`${d.file}: ${String(d.rule['title'])}`, d] as const))(
    '%s has author, UUIDv4 id, status, level, description, references, false positives and ATT&CK tags',
    (_label, { rule, file }) => {
      expect(rule['author']).toBe('Ward project');
      expect(String(rule['id'])).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(['test', 'stable']).toContain(rule['status']);
      expect(['informational', 'low', 'medium', 'high', 'critical']).toContain(rule['level']);
      expect(String(rule['description']).length).toBeGreaterThan(40);
      const references = rule['references'] as string[];
      expect(references.some((r) => r.startsWith('https://attack.mitre.org/techniques/T'))).toBe(
        true,
      );
      expect((rule['falsepositives'] as string[]).length).toBeGreaterThan(0);
      const tags = rule['tags'] as string[];
      expect(tags.some((t) => /^attack\.t\d{4}(\.\d{3})?$/.test(t))).toBe(true);
      // Each technique tag has a matching ATT&CK reference.
      for (const tag of tags.filter((t) => /^attack\.t\d/.test(t))) {
        const path = tag.slice('attack.'.length).toUpperCase().replace('.', '/');
        expect(references).toContain(`https://attack.mitre.org/techniques/${path}/`);
      }
      if (rule['correlation'] === undefined) {
        const logsource = rule['logsource'] as Record<string, string>;
        // Canary events come from Ward's own watcher on file servers of any OS.
        expect(logsource['product']).toBe(file.startsWith('canary') ? 'ward' : 'windows');
      }
    },
  );

  it('gives every rule a unique id and every named rule a unique name', () => {
    const ids = PACK.map((d) => d.rule['id']);
    expect(new Set(ids).size).toBe(ids.length);
    const names = PACK.map((d) => d.rule['name']).filter((n) => n !== undefined);
    expect(new Set(names).size).toBe(names.length);
  });

  it('lists every rule id in the README table', () => {
    const readme = readFileSync(join(RULES_DIR, 'README.md'), 'utf8');
    for (const { rule } of PACK) expect(readme).toContain(String(rule['id']));
  });
});

describe('rule pack in the Ward Sigma engine', () => {
  it('loads and compiles every rule with no errors or warnings', () => {
    expect(loaded.errors).toEqual([]);
    expect(compiled.errors).toEqual([]);
    expect(loaded.documents.length).toBe(PACK.length);
  });
});

// ---------------------------------------------------------------------------------------------
// Process-creation rules: Sysmon 1 and Security 4688 variants of each positive.

interface ProcessCase {
  rule: string;
  name?: string;
  what: string;
  proc: Proc;
}

const PROCESS_POSITIVES: ProcessCase[] = [
  {
    rule: 'inhibit-recovery/shadow-copy-deletion-vssadmin.yml',
    what: 'vssadmin delete shadows /all /quiet',
    proc: { ...VSSADMIN, commandLine: 'vssadmin.exe delete shadows /all /quiet' },
  },
  {
    rule: 'inhibit-recovery/shadow-copy-deletion-vssadmin.yml',
    what: 'vssadmin Delete Shadows /For=C: /Oldest',
    proc: {
      ...VSSADMIN,
      commandLine: '"C:\\Windows\\system32\\vssadmin.exe" Delete Shadows /For=C: /Oldest',
    },
  },
  {
    rule: 'inhibit-recovery/shadow-storage-shrunk-vssadmin.yml',
    what: 'vssadmin resize shadowstorage /maxsize=401MB',
    proc: {
      ...VSSADMIN,
      commandLine: 'vssadmin resize shadowstorage /for=c: /on=c: /maxsize=401MB',
    },
  },
  {
    rule: 'inhibit-recovery/shadow-storage-shrunk-vssadmin.yml',
    what: 'vssadmin resize shadowstorage /maxsize=320KB',
    proc: {
      ...VSSADMIN,
      commandLine: 'vssadmin.exe Resize ShadowStorage /For=D: /On=D: /MaxSize=320KB',
    },
  },
  {
    rule: 'inhibit-recovery/shadow-copy-deletion-wmic.yml',
    what: 'wmic shadowcopy delete',
    proc: { ...WMIC, commandLine: 'wmic.exe shadowcopy delete /nointeractive' },
  },
  {
    rule: 'inhibit-recovery/shadow-copy-deletion-wmic.yml',
    what: 'wmic shadowcopy where ID=... delete',
    proc: {
      ...WMIC,
      commandLine: 'wmic shadowcopy where "ID=\'{1BDE4B2A-5F30-4C5B-9B52-0A6B3C1E2D11}\'" delete',
    },
  },
  {
    rule: 'inhibit-recovery/shadow-copy-deletion-powershell-commandline.yml',
    what: 'Get-WmiObject Win32_ShadowCopy | ForEach-Object { $_.Delete() }',
    proc: {
      ...PS,
      commandLine:
        'powershell.exe -nop -w hidden -c "Get-WmiObject Win32_ShadowCopy | ForEach-Object { $_.Delete() }"',
    },
  },
  {
    rule: 'inhibit-recovery/shadow-copy-deletion-powershell-commandline.yml',
    what: 'Get-CimInstance Win32_ShadowCopy | Remove-CimInstance',
    proc: {
      ...PS,
      commandLine:
        'powershell -c "Get-CimInstance -ClassName Win32_ShadowCopy | Remove-CimInstance"',
    },
  },
  {
    rule: 'inhibit-recovery/shadow-copy-deletion-diskshadow.yml',
    what: 'diskshadow /s script',
    proc: { ...DISKSHADOW, commandLine: 'diskshadow.exe /s C:\\ProgramData\\ds.txt' },
  },
  {
    rule: 'inhibit-recovery/shadow-copy-deletion-diskshadow.yml',
    what: 'cmd echo delete shadows into a diskshadow script',
    proc: {
      image: CMD,
      originalFileName: 'Cmd.Exe',
      commandLine: 'cmd.exe /c echo delete shadows all > C:\\ProgramData\\ds.txt',
    },
  },
  {
    rule: 'inhibit-recovery/backup-catalog-deletion-wbadmin.yml',
    what: 'wbadmin delete catalog -quiet',
    proc: { ...WBADMIN, commandLine: 'wbadmin delete catalog -quiet' },
  },
  {
    rule: 'inhibit-recovery/backup-catalog-deletion-wbadmin.yml',
    what: 'wbadmin delete systemstatebackup -deleteOldest',
    proc: { ...WBADMIN, commandLine: 'wbadmin.exe delete systemstatebackup -deleteOldest -quiet' },
  },
  {
    rule: 'inhibit-recovery/backup-catalog-deletion-wbadmin.yml',
    what: 'wbadmin delete backup',
    proc: { ...WBADMIN, commandLine: 'wbadmin DELETE BACKUP -version:03/01/2026-21:00 -quiet' },
  },
  {
    rule: 'inhibit-recovery/boot-recovery-disabled-bcdedit.yml',
    what: 'bcdedit recoveryenabled No',
    proc: { ...BCDEDIT, commandLine: 'bcdedit.exe /set {default} recoveryenabled No' },
  },
  {
    rule: 'inhibit-recovery/boot-recovery-disabled-bcdedit.yml',
    what: 'bcdedit bootstatuspolicy ignoreallfailures',
    proc: { ...BCDEDIT, commandLine: 'bcdedit /set {default} bootstatuspolicy ignoreallfailures' },
  },
  {
    rule: 'inhibit-recovery/recovery-environment-disabled-reagentc.yml',
    what: 'reagentc /disable',
    proc: { ...REAGENTC, commandLine: 'reagentc.exe /disable' },
  },
  {
    rule: 'service-stop/backup-security-database-services-stopped.yml',
    name: 'ward_backup_av_service_stop_command',
    what: 'net stop Veeam service',
    proc: { ...NET, commandLine: 'net stop "VeeamBackupSvc" /y' },
  },
  {
    rule: 'service-stop/backup-security-database-services-stopped.yml',
    name: 'ward_backup_av_service_stop_command',
    what: 'sc stop MSSQLSERVER',
    proc: { ...SC, commandLine: 'sc.exe stop MSSQLSERVER' },
  },
  {
    rule: 'service-stop/backup-security-database-services-stopped.yml',
    name: 'ward_backup_av_service_stop_command',
    what: 'sc config wbengine start= disabled',
    proc: { ...SC, commandLine: 'sc config wbengine start= disabled' },
  },
  {
    rule: 'service-stop/backup-security-database-services-stopped.yml',
    name: 'ward_backup_av_service_stop_command',
    what: 'taskkill /IM sqlservr.exe',
    proc: { ...TASKKILL, commandLine: 'taskkill.exe /F /IM sqlservr.exe' },
  },
  {
    rule: 'service-stop/backup-security-database-services-stopped.yml',
    name: 'ward_backup_av_service_stop_command',
    what: 'Stop-Service VSS',
    proc: { ...PS, commandLine: 'powershell.exe -c "Stop-Service -Name VSS -Force"' },
  },
  {
    rule: 'log-clearing/event-log-cleared-wevtutil.yml',
    what: 'wevtutil cl Security',
    proc: { ...WEVTUTIL, commandLine: 'wevtutil.exe cl Security' },
  },
  {
    rule: 'log-clearing/event-log-cleared-wevtutil.yml',
    what: 'wevtutil clear-log',
    proc: { ...WEVTUTIL, commandLine: 'wevtutil clear-log "Windows PowerShell"' },
  },
  {
    rule: 'log-clearing/event-log-cleared-powershell-commandline.yml',
    what: 'Clear-EventLog',
    proc: {
      ...PS,
      commandLine: 'powershell -c "Clear-EventLog -LogName Application,Security,System"',
    },
  },
  {
    rule: 'log-clearing/event-log-cleared-powershell-commandline.yml',
    what: 'EventLogSession GlobalSession.ClearLog',
    proc: {
      ...PS,
      commandLine:
        'powershell -c "[System.Diagnostics.Eventing.Reader.EventLogSession]::GlobalSession.ClearLog(\'Microsoft-Windows-Sysmon/Operational\')"',
    },
  },
  {
    rule: 'lateral-movement/psexec-service-process-started.yml',
    what: 'PSEXESVC.exe started by services.exe',
    proc: {
      image: 'C:\\Windows\\PSEXESVC.exe',
      originalFileName: 'psexesvc.exe',
      commandLine: 'C:\\Windows\\PSEXESVC.exe',
      parentImage: 'C:\\Windows\\System32\\services.exe',
    },
  },
  {
    rule: 'lateral-movement/psexec-service-process-started.yml',
    what: 'cmd.exe started by PSEXESVC.exe',
    proc: {
      image: CMD,
      originalFileName: 'Cmd.Exe',
      commandLine: '"cmd" /c C:\\Windows\\Temp\\deploy.bat',
      parentImage: 'C:\\Windows\\PSEXESVC.exe',
    },
  },
  {
    rule: 'defender-tampering/defender-disabled-set-mppreference-commandline.yml',
    what: 'Set-MpPreference -DisableRealtimeMonitoring $true',
    proc: {
      ...PS,
      commandLine: 'powershell.exe Set-MpPreference -DisableRealtimeMonitoring $true',
    },
  },
  {
    rule: 'defender-tampering/defender-disabled-set-mppreference-commandline.yml',
    what: 'Set-MpPreference -DisableIOAVProtection 1',
    proc: { ...PS, commandLine: 'powershell -c "Set-MpPreference -DisableIOAVProtection 1"' },
  },
  {
    rule: 'defender-tampering/defender-disabled-set-mppreference-commandline.yml',
    what: 'Add-MpPreference -ExclusionPath "C:\\"',
    proc: { ...PS, commandLine: 'powershell -c Add-MpPreference -ExclusionPath "C:\\"' },
  },
  {
    rule: 'defender-tampering/defender-service-stopped-command.yml',
    what: 'sc stop WinDefend',
    proc: { ...SC, commandLine: 'sc stop WinDefend' },
  },
  {
    rule: 'defender-tampering/defender-service-stopped-command.yml',
    what: 'sc stop WinDefend launched through AdvancedRun',
    proc: {
      image: 'C:\\Users\\Public\\AdvancedRun.exe',
      originalFileName: 'AdvancedRun.exe',
      commandLine:
        'AdvancedRun.exe /EXEFilename "C:\\Windows\\System32\\sc.exe" /WindowState 0 /CommandLine "stop WinDefend" /RunAs 8 /Run',
    },
  },
  {
    rule: 'defender-tampering/defender-service-stopped-command.yml',
    what: 'Set-Service WinDefend -StartupType Disabled',
    proc: { ...PS, commandLine: 'powershell Set-Service -Name WinDefend -StartupType Disabled' },
  },
];

const PROCESS_NEGATIVES: Array<{ rule: string; name?: string; what: string; proc: Proc }> = [
  {
    rule: 'inhibit-recovery/shadow-copy-deletion-vssadmin.yml',
    what: 'vssadmin list shadows',
    proc: { ...VSSADMIN, commandLine: 'vssadmin list shadows' },
  },
  {
    rule: 'inhibit-recovery/shadow-copy-deletion-vssadmin.yml',
    what: "backup software's own vssadmin create shadow",
    proc: { ...VSSADMIN, commandLine: 'vssadmin create shadow /for=C:', parentImage: VEEAM_AGENT },
  },
  {
    rule: 'inhibit-recovery/shadow-storage-shrunk-vssadmin.yml',
    what: 'resize shadowstorage to 20%',
    proc: { ...VSSADMIN, commandLine: 'vssadmin resize shadowstorage /for=C: /on=C: /maxsize=20%' },
  },
  {
    rule: 'inhibit-recovery/shadow-storage-shrunk-vssadmin.yml',
    what: 'resize shadowstorage to 50GB',
    proc: {
      ...VSSADMIN,
      commandLine: 'vssadmin resize shadowstorage /for=C: /on=D: /maxsize=50GB',
    },
  },
  {
    rule: 'inhibit-recovery/shadow-storage-shrunk-vssadmin.yml',
    what: 'resize shadowstorage UNBOUNDED',
    proc: {
      ...VSSADMIN,
      commandLine: 'vssadmin resize shadowstorage /for=C: /on=C: /maxsize=UNBOUNDED',
    },
  },
  {
    rule: 'inhibit-recovery/shadow-copy-deletion-wmic.yml',
    what: 'wmic shadowcopy list brief',
    proc: { ...WMIC, commandLine: 'wmic shadowcopy list brief' },
  },
  {
    rule: 'inhibit-recovery/shadow-copy-deletion-wmic.yml',
    what: 'wmic shadowcopy call create',
    proc: { ...WMIC, commandLine: 'wmic shadowcopy call create Volume=C:\\' },
  },
  {
    rule: 'inhibit-recovery/shadow-copy-deletion-powershell-commandline.yml',
    what: 'Get-CimInstance Win32_ShadowCopy | Select-Object',
    proc: {
      ...PS,
      commandLine:
        'powershell -c "Get-CimInstance Win32_ShadowCopy | Select-Object ID,InstallDate"',
    },
  },
  {
    rule: 'inhibit-recovery/shadow-copy-deletion-diskshadow.yml',
    what: 'interactive diskshadow',
    proc: { ...DISKSHADOW, commandLine: 'diskshadow.exe' },
  },
  {
    rule: 'inhibit-recovery/backup-catalog-deletion-wbadmin.yml',
    what: 'wbadmin start backup',
    proc: {
      ...WBADMIN,
      commandLine: 'wbadmin start backup -backupTarget:E: -include:C: -allCritical -quiet',
    },
  },
  {
    rule: 'inhibit-recovery/backup-catalog-deletion-wbadmin.yml',
    what: 'wbadmin retention clean-up keeping 3 versions',
    proc: { ...WBADMIN, commandLine: 'wbadmin delete systemstatebackup -keepVersions:3 -quiet' },
  },
  {
    rule: 'inhibit-recovery/backup-catalog-deletion-wbadmin.yml',
    what: 'wbadmin get versions',
    proc: { ...WBADMIN, commandLine: 'wbadmin get versions' },
  },
  {
    rule: 'inhibit-recovery/boot-recovery-disabled-bcdedit.yml',
    what: 'bcdedit recoveryenabled Yes',
    proc: { ...BCDEDIT, commandLine: 'bcdedit /set {current} recoveryenabled Yes' },
  },
  {
    rule: 'inhibit-recovery/boot-recovery-disabled-bcdedit.yml',
    what: 'bcdedit /enum',
    proc: { ...BCDEDIT, commandLine: 'bcdedit /enum all' },
  },
  {
    rule: 'inhibit-recovery/recovery-environment-disabled-reagentc.yml',
    what: 'reagentc /info',
    proc: { ...REAGENTC, commandLine: 'reagentc /info' },
  },
  {
    rule: 'service-stop/backup-security-database-services-stopped.yml',
    name: 'ward_backup_av_service_stop_command',
    what: 'net start vss (backup software starting VSS)',
    proc: { ...NET, commandLine: 'net start vss', parentImage: VEEAM_AGENT },
  },
  {
    rule: 'service-stop/backup-security-database-services-stopped.yml',
    name: 'ward_backup_av_service_stop_command',
    what: 'sc query MSSQLSERVER',
    proc: { ...SC, commandLine: 'sc query MSSQLSERVER' },
  },
  {
    rule: 'service-stop/backup-security-database-services-stopped.yml',
    name: 'ward_backup_av_service_stop_command',
    what: 'net stop spooler',
    proc: { ...NET, commandLine: 'net stop spooler' },
  },
  {
    rule: 'log-clearing/event-log-cleared-wevtutil.yml',
    what: 'wevtutil qe Security',
    proc: { ...WEVTUTIL, commandLine: 'wevtutil qe Security /c:10 /rd:true /f:text' },
  },
  {
    rule: 'log-clearing/event-log-cleared-wevtutil.yml',
    what: 'wevtutil epl (export)',
    proc: { ...WEVTUTIL, commandLine: 'wevtutil epl Security D:\\LogArchive\\security.evtx' },
  },
  {
    rule: 'log-clearing/event-log-cleared-powershell-commandline.yml',
    what: 'Get-EventLog',
    proc: { ...PS, commandLine: 'powershell Get-EventLog -LogName Security -Newest 20' },
  },
  {
    rule: 'lateral-movement/psexec-service-process-started.yml',
    what: 'the PsExec client on the admin workstation',
    proc: {
      image: 'C:\\Tools\\SysinternalsSuite\\PsExec64.exe',
      originalFileName: 'psexec.c',
      commandLine: 'PsExec64.exe \\\\WS-017 -s cmd.exe',
    },
  },
  {
    rule: 'defender-tampering/defender-disabled-set-mppreference-commandline.yml',
    what: 'Set-MpPreference -DisableRealtimeMonitoring $false (re-enabling)',
    proc: {
      ...PS,
      commandLine: 'powershell.exe Set-MpPreference -DisableRealtimeMonitoring $false',
    },
  },
  {
    rule: 'defender-tampering/defender-disabled-set-mppreference-commandline.yml',
    what: 'exclusion of one application folder',
    proc: {
      ...PS,
      commandLine:
        'powershell -c Add-MpPreference -ExclusionPath "C:\\Program Files (x86)\\Epic\\Hyperspace"',
    },
  },
  {
    rule: 'defender-tampering/defender-service-stopped-command.yml',
    what: 'sc query WinDefend',
    proc: { ...SC, commandLine: 'sc query WinDefend' },
  },
];

describe('process-creation rules fire on the attack', () => {
  const cases = PROCESS_POSITIVES.flatMap((c) =>
    processEvents(c.proc).map(([source, event]) => [c.rule, c.what, source, c, event] as const),
  );
  it.each(cases)('%s: %s (%s)', (_file, _what, _source, c, event) => {
    expect(matchedIds(event)).toContain(idOf(c.rule, c.name));
  });

  it('catches a renamed vssadmin through OriginalFileName (Sysmon)', () => {
    const [[, event]] = processEvents({
      image: 'C:\\Users\\Public\\Music\\svchost.exe',
      originalFileName: 'VSSADMIN.EXE',
      commandLine: 'svchost.exe Delete Shadows /All /Quiet',
    }) as [[string, FlatEvent]];
    expect(matchedIds(event)).toContain(idOf('inhibit-recovery/shadow-copy-deletion-vssadmin.yml'));
  });
});

describe('process-creation rules stay quiet on the near miss', () => {
  const cases = PROCESS_NEGATIVES.flatMap((c) =>
    processEvents(c.proc).map(([source, event]) => [c.rule, c.what, source, c, event] as const),
  );
  it.each(cases)('%s: %s (%s)', (_file, _what, _source, c, event) => {
    expect(matchedIds(event)).not.toContain(idOf(c.rule, c.name));
  });

  it('raises nothing at all for routine backup-software shadow copy handling', () => {
    for (const commandLine of [
      'vssadmin list shadows /for=C:',
      'vssadmin create shadow /for=C:',
      'vssadmin list writers',
    ]) {
      for (const [, event] of processEvents({
        ...VSSADMIN,
        commandLine,
        parentImage: VEEAM_AGENT,
      })) {
        expect(matchedIds(event)).toEqual([]);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Rules on other log sources.

interface SingleCase {
  rule: string;
  name?: string;
  what: string;
  positive: FlatEvent[];
  negative: FlatEvent[];
}

const SERVICE_INSTALL_FIELDS = {
  ServiceType: 'user mode service',
  StartType: 'demand start',
  AccountName: 'LocalSystem',
};

const SINGLE_EVENT_CASES: SingleCase[] = [
  {
    rule: 'inhibit-recovery/shadow-copy-deletion-powershell-scriptblock.yml',
    what: 'Win32_ShadowCopy deletion in a script block',
    positive: [
      scriptBlock('Get-WmiObject -Class Win32_ShadowCopy | ForEach-Object { $_.Delete() }'),
      scriptBlock('$s = Get-CimInstance Win32_ShadowCopy\r\n$s | Remove-CimInstance'),
    ],
    negative: [scriptBlock('Get-CimInstance -ClassName Win32_ShadowCopy | Measure-Object')],
  },
  {
    rule: 'log-clearing/event-log-cleared-powershell-scriptblock.yml',
    what: 'log clearing in a script block',
    positive: [
      scriptBlock('Clear-EventLog -LogName Application, Security, System'),
      scriptBlock(
        "[System.Diagnostics.Eventing.Reader.EventLogSession]::GlobalSession.ClearLog('Security')",
      ),
    ],
    negative: [scriptBlock('Get-WinEvent -LogName Security -MaxEvents 5')],
  },
  {
    rule: 'defender-tampering/defender-disabled-set-mppreference-scriptblock.yml',
    what: 'Defender switched off in a script block',
    positive: [
      scriptBlock(
        'Set-MpPreference -DisableRealtimeMonitoring $true -DisableBehaviorMonitoring $true',
      ),
      scriptBlock("Add-MpPreference -ExclusionPath 'C:\\'\r\nStart-Process C:\\ProgramData\\e.exe"),
    ],
    negative: [
      scriptBlock('Set-MpPreference -DisableRealtimeMonitoring $false'),
      scriptBlock("Add-MpPreference -ExclusionPath 'D:\\PACS\\cache'"),
    ],
  },
  {
    rule: 'log-clearing/security-log-cleared.yml',
    what: 'Security 1102',
    positive: [
      security(1102, {
        Provider_Name: 'Microsoft-Windows-Eventlog',
        SubjectUserName: 'adm.jsmith',
        SubjectDomainName: 'HOSP',
      }),
    ],
    negative: [security(1100, { Provider_Name: 'Microsoft-Windows-Eventlog' })],
  },
  {
    rule: 'log-clearing/system-log-cleared.yml',
    what: 'System 104',
    positive: [
      system(104, 'Microsoft-Windows-Eventlog', {
        SubjectUserName: 'adm.jsmith',
        SubjectDomainName: 'HOSP',
      }),
    ],
    negative: [system(6005, 'EventLog', {})],
  },
  {
    rule: 'lateral-movement/psexec-service-installed-system.yml',
    what: 'System 7045 PSEXESVC',
    positive: [
      system(7045, 'Service Control Manager', {
        ServiceName: 'PSEXESVC',
        ImagePath: '%SystemRoot%\\PSEXESVC.exe',
        ...SERVICE_INSTALL_FIELDS,
      }),
    ],
    negative: [
      system(7045, 'Service Control Manager', {
        ServiceName: 'Veeam Backup Service',
        ImagePath:
          '"C:\\Program Files\\Veeam\\Backup and Replication\\Backup\\Veeam.Backup.Service.exe"',
        ...SERVICE_INSTALL_FIELDS,
      }),
    ],
  },
  {
    rule: 'lateral-movement/remote-service-installed-suspicious-path.yml',
    what: 'System 7045 from ADMIN$, a cmd one-liner or a random name',
    positive: [
      system(7045, 'Service Control Manager', {
        ServiceName: 'updsvc',
        ImagePath: '\\\\10.20.0.5\\ADMIN$\\enc.exe',
        ...SERVICE_INSTALL_FIELDS,
      }),
      system(7045, 'Service Control Manager', {
        ServiceName: 'BTOBTO',
        ImagePath: '%COMSPEC% /Q /c echo whoami ^> \\\\127.0.0.1\\C$\\out.txt > %TEMP%\\run.bat',
        ...SERVICE_INSTALL_FIELDS,
      }),
      system(7045, 'Service Control Manager', {
        ServiceName: 'RemoteSvc',
        ImagePath: 'C:\\Windows\\System32\\cmd.exe',
        ...SERVICE_INSTALL_FIELDS,
      }),
      system(7045, 'Service Control Manager', {
        ServiceName: 'mQfR',
        ImagePath: '%systemroot%\\KzLwPqRt.exe',
        ...SERVICE_INSTALL_FIELDS,
      }),
    ],
    negative: [
      system(7045, 'Service Control Manager', {
        ServiceName: 'Veeam Backup Service',
        ImagePath:
          '"C:\\Program Files\\Veeam\\Backup and Replication\\Backup\\Veeam.Backup.Service.exe"',
        ...SERVICE_INSTALL_FIELDS,
      }),
      system(7045, 'Service Control Manager', {
        ServiceName: 'MpKsl1a2b3c4d',
        ImagePath:
          'C:\\ProgramData\\Microsoft\\Windows Defender\\Definition Updates\\{A1B2}\\MpKslDrv.sys',
        ServiceType: 'kernel mode driver',
        StartType: 'demand start',
        AccountName: '',
      }),
    ],
  },
  {
    rule: 'lateral-movement/remote-service-installed-security.yml',
    what: 'Security 4697 PSEXESVC',
    positive: [
      security(4697, {
        SubjectUserName: 'WS-017$',
        ServiceName: 'PSEXESVC',
        ServiceFileName: '%SystemRoot%\\PSEXESVC.exe',
        ServiceType: '0x10',
        ServiceStartType: '3',
        ServiceAccount: 'LocalSystem',
      }),
    ],
    negative: [
      security(4697, {
        SubjectUserName: 'WS-017$',
        ServiceName: 'MozillaMaintenance',
        ServiceFileName:
          '"C:\\Program Files (x86)\\Mozilla Maintenance Service\\maintenanceservice.exe"',
        ServiceType: '0x10',
        ServiceStartType: '3',
        ServiceAccount: 'LocalSystem',
      }),
    ],
  },
  {
    rule: 'lateral-movement/psexec-named-pipe.yml',
    what: 'PSEXESVC pipes (Sysmon 17, 18)',
    positive: [
      sysmon(17, {
        EventType: 'CreatePipe',
        PipeName: '\\PSEXESVC-ADMIN01-4242-stdin',
        Image: 'C:\\Windows\\PSEXESVC.exe',
      }),
      sysmon(18, { EventType: 'ConnectPipe', PipeName: '\\PSEXESVC', Image: 'System' }),
    ],
    negative: [
      sysmon(18, {
        EventType: 'ConnectPipe',
        PipeName: '\\srvsvc',
        Image: 'C:\\Windows\\System32\\svchost.exe',
      }),
    ],
  },
  {
    rule: 'lateral-movement/psexec-service-binary-dropped.yml',
    what: 'PSEXESVC.exe written (Sysmon 11)',
    positive: [sysmon(11, { Image: 'System', TargetFilename: 'C:\\Windows\\PSEXESVC.exe' })],
    negative: [
      sysmon(11, {
        Image: 'C:\\Windows\\explorer.exe',
        TargetFilename: 'C:\\Tools\\SysinternalsSuite\\PsExec64.exe',
      }),
    ],
  },
  {
    rule: 'credential-access/kerberoasting-rc4-service-ticket.yml',
    what: 'Security 4769 RC4 ticket for a user service account',
    positive: [
      security(4769, {
        TargetUserName: 'jdoe@HOSP.LOCAL',
        ServiceName: 'svc_pacs',
        TicketEncryptionType: '0x17',
        TicketOptions: '0x40810000',
        Status: '0x0',
        IpAddress: '::ffff:10.20.1.15',
      }),
    ],
    negative: [
      security(4769, {
        TargetUserName: 'jdoe@HOSP.LOCAL',
        ServiceName: 'svc_pacs',
        TicketEncryptionType: '0x12',
        Status: '0x0',
        IpAddress: '::ffff:10.20.1.15',
      }),
      security(4769, {
        TargetUserName: 'jdoe@HOSP.LOCAL',
        ServiceName: 'FILESRV01$',
        TicketEncryptionType: '0x17',
        Status: '0x0',
        IpAddress: '::ffff:10.20.1.15',
      }),
      security(4769, {
        TargetUserName: 'jdoe@HOSP.LOCAL',
        ServiceName: 'krbtgt',
        TicketEncryptionType: '0x17',
        Status: '0x0',
        IpAddress: '::ffff:10.20.1.15',
      }),
    ],
  },
  {
    rule: 'defender-tampering/defender-disabled-registry.yml',
    what: 'Defender policy values set to 1 (Sysmon 13)',
    positive: [
      sysmon(13, {
        EventType: 'SetValue',
        Image: 'C:\\Windows\\regedit.exe',
        TargetObject: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows Defender\\DisableAntiSpyware',
        Details: 'DWORD (0x00000001)',
      }),
      sysmon(13, {
        EventType: 'SetValue',
        Image: 'C:\\Windows\\System32\\reg.exe',
        TargetObject:
          'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows Defender\\Real-Time Protection\\DisableRealtimeMonitoring',
        Details: 'DWORD (0x00000001)',
      }),
    ],
    negative: [
      sysmon(13, {
        EventType: 'SetValue',
        Image: 'C:\\Windows\\System32\\svchost.exe',
        TargetObject:
          'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows Defender\\Real-Time Protection\\DisableRealtimeMonitoring',
        Details: 'DWORD (0x00000000)',
      }),
    ],
  },
  {
    rule: 'defender-tampering/defender-protection-disabled-event.yml',
    what: 'Defender 5001, 5010, 5012',
    positive: [defender(5001), defender(5010), defender(5012)],
    negative: [defender(5000), defender(5007)],
  },
  {
    rule: 'encryption/ransom-note-created.yml',
    name: 'ward_ransom_note_created',
    what: 'ransom note names (Sysmon 11)',
    positive: [
      sysmon(11, {
        Image: 'C:\\Users\\nurse1\\AppData\\Local\\Temp\\upd.exe',
        TargetFilename: 'C:\\Users\\nurse1\\Documents\\HOW_TO_DECRYPT.txt',
      }),
      sysmon(11, {
        Image: 'C:\\Users\\nurse1\\AppData\\Local\\Temp\\upd.exe',
        TargetFilename: 'D:\\Shares\\Radiology\\Restore-My-Files.txt',
      }),
      sysmon(11, {
        Image: 'C:\\Users\\nurse1\\AppData\\Local\\Temp\\upd.exe',
        TargetFilename: 'D:\\Shares\\Lab\\DECRYPT-FILES.hta',
      }),
    ],
    negative: [
      sysmon(11, {
        Image: 'C:\\Windows\\System32\\msiexec.exe',
        TargetFilename: 'C:\\Program Files\\7-Zip\\readme.txt',
      }),
      sysmon(11, {
        Image: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE',
        TargetFilename: 'C:\\Users\\nurse1\\Documents\\ward-rounds-notes.docx',
      }),
    ],
  },
  {
    rule: 'credential-access/network-logon-brute-force-then-success.yml',
    name: 'ward_network_logon_failure',
    what: 'Security 4625 network/RDP failure',
    positive: [
      security(4625, {
        TargetUserName: 'radiology.admin',
        LogonType: 10,
        IpAddress: '203.0.113.50',
      }),
      security(4625, {
        TargetUserName: 'radiology.admin',
        LogonType: 3,
        IpAddress: '203.0.113.50',
      }),
    ],
    negative: [security(4625, { TargetUserName: 'nurse1', LogonType: 2, IpAddress: '127.0.0.1' })],
  },
  {
    rule: 'credential-access/network-logon-brute-force-then-success.yml',
    name: 'ward_network_logon_success',
    what: 'Security 4624 network/RDP success',
    positive: [
      security(4624, {
        TargetUserName: 'radiology.admin',
        LogonType: 10,
        IpAddress: '203.0.113.50',
      }),
    ],
    negative: [
      security(4624, { TargetUserName: 'ANONYMOUS LOGON', LogonType: 3, IpAddress: '10.20.0.8' }),
      security(4624, { TargetUserName: 'WS-017$', LogonType: 3, IpAddress: '10.20.0.8' }),
      security(4624, { TargetUserName: 'nurse1', LogonType: 2, IpAddress: '127.0.0.1' }),
    ],
  },
  {
    rule: 'service-stop/backup-security-database-services-stopped.yml',
    name: 'ward_backup_av_service_stopped',
    what: 'System 7036 backup service entered the stopped state',
    positive: [
      system(7036, 'Service Control Manager', { param1: 'Volume Shadow Copy', param2: 'stopped' }),
      system(7036, 'Service Control Manager', {
        param1: 'SQL Server (MSSQLSERVER)',
        param2: 'stopped',
      }),
    ],
    negative: [
      system(7036, 'Service Control Manager', { param1: 'Print Spooler', param2: 'stopped' }),
      system(7036, 'Service Control Manager', { param1: 'Volume Shadow Copy', param2: 'running' }),
    ],
  },
];

describe('rules on other log sources', () => {
  const positives = SINGLE_EVENT_CASES.flatMap((c) =>
    c.positive.map((event, i) => [c.rule, c.what, i + 1, c, event] as const),
  );
  const negatives = SINGLE_EVENT_CASES.flatMap((c) =>
    c.negative.map((event, i) => [c.rule, c.what, i + 1, c, event] as const),
  );
  it.each(positives)('%s fires: %s #%i', (_file, _what, _n, c, event) => {
    expect(matchedIds(event)).toContain(idOf(c.rule, c.name));
  });
  it.each(negatives)('%s stays quiet on near miss of %s #%i', (_file, _what, _n, c, event) => {
    expect(matchedIds(event)).not.toContain(idOf(c.rule, c.name));
  });
});

// ---------------------------------------------------------------------------------------------
// Correlations.

const MASS = idOf('encryption/mass-file-encryption.yml');
const ENCRYPTOR = 'C:\\Users\\Public\\Libraries\\svcupd.exe';

function encryptedCopy(i: number, offsetMs: number, image = ENCRYPTOR): FlatEvent {
  return sysmon(
    11,
    {
      Image: image,
      TargetFilename: `C:\\Users\\nurse1\\Documents\\Scans\\scan-${i}.pdf.lockd`,
      CreationUtcTime: at(offsetMs),
    },
    offsetMs,
  );
}

function kernelFileRename(i: number, offsetMs: number): FlatEvent {
  return {
    Channel: 'Microsoft-Windows-Kernel-File/Analytic',
    Provider_Name: 'Microsoft-Windows-Kernel-File',
    EventID: 27,
    Computer: HOST,
    TimeCreated: at(offsetMs),
    Image: ENCRYPTOR,
    SourceFilename: `D:\\Shares\\Pharmacy\\orders-${i}.xlsx`,
    TargetFilename: `D:\\Shares\\Pharmacy\\orders-${i}.xlsx.4f9a1c`,
  };
}

function documentDeleted(i: number, offsetMs: number): FlatEvent {
  return sysmon(
    23,
    {
      Image: ENCRYPTOR,
      TargetFilename: `D:\\Shares\\Cardiology\\report-${i}.docx`,
      Hashes: 'SHA256=0000',
      IsExecutable: false,
      Archived: 'true',
    },
    offsetMs,
  );
}

describe('mass file encryption correlation', () => {
  it('fires on 150 encrypted copies written in 30 seconds by one process', () => {
    const events = Array.from({ length: 150 }, (_, i) => encryptedCopy(i, i * 200));
    expect(correlate(events)).toContain(MASS);
  });

  it('fires on 150 renames in 30 seconds (Kernel-File rename events)', () => {
    const events = Array.from({ length: 150 }, (_, i) => kernelFileRename(i, i * 200));
    expect(correlate(events)).toContain(MASS);
  });

  it('fires on 150 document deletions in 30 seconds (Sysmon 23)', () => {
    const events = Array.from({ length: 150 }, (_, i) => documentDeleted(i, i * 200));
    expect(correlate(events)).toContain(MASS);
  });

  it('does not fire when the same 150 writes are spread over an hour', () => {
    const events = Array.from({ length: 150 }, (_, i) => encryptedCopy(i, i * 24_000));
    expect(correlate(events)).not.toContain(MASS);
  });

  it('does not fire when 150 writes in 30 seconds come from two processes of 75 each', () => {
    const events = Array.from({ length: 150 }, (_, i) =>
      encryptedCopy(i, i * 200, i % 2 === 0 ? ENCRYPTOR : 'C:\\Users\\Public\\other.exe'),
    );
    expect(correlate(events)).not.toContain(MASS);
  });

  it('does not fire on a user copying 300 ordinary documents', () => {
    const events = Array.from({ length: 300 }, (_, i) =>
      sysmon(
        11,
        {
          Image: 'C:\\Windows\\explorer.exe',
          TargetFilename: `C:\\Users\\nurse1\\Documents\\Copy\\scan-${i}.pdf`,
        },
        i * 100,
      ),
    );
    expect(correlate(events)).not.toContain(MASS);
  });
});

describe('ransom notes in many folders correlation', () => {
  const NOTES = idOf('encryption/ransom-note-created.yml');
  const note = (folder: number, offsetMs: number, name = 'README_LOCKD.txt'): FlatEvent =>
    sysmon(
      11,
      { Image: ENCRYPTOR, TargetFilename: `D:\\Shares\\Dept${folder}\\${name}` },
      offsetMs,
    );

  it('fires on the same note written into 12 folders within a minute', () => {
    expect(correlate(Array.from({ length: 12 }, (_, i) => note(i, i * 5_000)))).toContain(NOTES);
  });

  it('does not fire on 5 notes', () => {
    expect(correlate(Array.from({ length: 5 }, (_, i) => note(i, i * 5_000)))).not.toContain(NOTES);
  });
});

describe('bulk service stop correlation', () => {
  const BULK = idOf('service-stop/backup-security-database-services-stopped.yml');
  const SERVICES = [
    'VSS',
    'wbengine',
    'MSSQLSERVER',
    'SQLSERVERAGENT',
    'SQLWriter',
    'VeeamBackupSvc',
    'VeeamDeploySvc',
    'MSExchangeIS',
    'MSExchangeTransport',
    'SAVService',
    'SophosHealth',
    'AcronisAgent',
  ];
  const stops = (names: readonly string[]): FlatEvent[] =>
    names.map(
      (name, i) =>
        processEvents({ ...NET, commandLine: `net stop "${name}" /y` }, i * 10_000)[0]![1],
    );

  it('fires on 12 backup, database and antivirus services stopped within two minutes', () => {
    expect(correlate(stops(SERVICES))).toContain(BULK);
  });

  it('does not fire on three stops during maintenance', () => {
    expect(correlate(stops(SERVICES.slice(2, 5)))).not.toContain(BULK);
  });
});

describe('brute force then success correlation', () => {
  const BRUTE = idOf('credential-access/network-logon-brute-force-then-success.yml');
  const BURST = idOf(
    'credential-access/network-logon-brute-force-then-success.yml',
    'ward_network_logon_failure_burst',
  );
  const failure = (offsetMs: number): FlatEvent =>
    security(
      4625,
      {
        TargetUserName: 'radiology.admin',
        TargetDomainName: 'HOSP',
        LogonType: 10,
        IpAddress: '203.0.113.50',
        Status: '0xc000006d',
        SubStatus: '0xc000006a',
      },
      offsetMs,
    );
  const success = (offsetMs: number, ip = '203.0.113.50'): FlatEvent =>
    security(
      4624,
      {
        TargetUserName: 'radiology.admin',
        TargetDomainName: 'HOSP',
        LogonType: 10,
        IpAddress: ip,
      },
      offsetMs,
    );
  const failures = Array.from({ length: 20 }, (_, i) => failure(i * 5_000));

  it('fires on 20 failures followed by a success from the same address', () => {
    expect(correlate([...failures, success(110_000)])).toContain(BRUTE);
  });

  it('reports the failure burst on its own without a success', () => {
    const fired = correlate(failures);
    expect(fired).toContain(BURST);
    expect(fired).not.toContain(BRUTE);
  });

  it('does not fire on a success alone', () => {
    expect(correlate([success(0)])).toEqual([]);
  });

  it('does not fire when the success comes from another address', () => {
    expect(correlate([...failures, success(110_000, '10.20.5.44')])).not.toContain(BRUTE);
  });

  it('does not fire on a success before the failures', () => {
    const late = Array.from({ length: 20 }, (_, i) => failure(10_000 + i * 5_000));
    expect(correlate([success(0), ...late])).not.toContain(BRUTE);
  });
});

describe('kerberoasting sweep correlation', () => {
  const SWEEP_ID = PACK.find(
    (d) =>
      d.file === 'credential-access/kerberoasting-rc4-service-ticket.yml' &&
      d.rule['correlation'] !== undefined,
  )!.rule['id'] as string;
  const ticket = (serviceName: string, offsetMs: number): FlatEvent =>
    security(
      4769,
      {
        TargetUserName: 'jdoe@HOSP.LOCAL',
        ServiceName: serviceName,
        TicketEncryptionType: '0x17',
        Status: '0x0',
        IpAddress: '::ffff:10.20.1.15',
      },
      offsetMs,
    );

  it('fires on RC4 tickets for 6 different services within a minute', () => {
    const events = ['svc_pacs', 'svc_lis', 'svc_sql', 'svc_ris', 'svc_backup', 'svc_hl7'].map(
      (s, i) => ticket(s, i * 10_000),
    );
    expect(correlate(events)).toContain(SWEEP_ID);
  });

  it('does not fire on 6 tickets for the same service', () => {
    const events = Array.from({ length: 6 }, (_, i) => ticket('svc_pacs', i * 10_000));
    expect(correlate(events)).not.toContain(SWEEP_ID);
  });
});

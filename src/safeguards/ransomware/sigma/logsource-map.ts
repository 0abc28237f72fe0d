/**
 * Sigma `logsource` is abstract (rules specification, "Log source"); a tool maps it to the
 * events that carry it. Ward's map: each (product, category | service) becomes one or more
 * branches of Channel + EventID (+ Provider_Name) conditions with optional field renames. The
 * engine indexes rules by (Channel, EventID) from these branches, so an event only meets the
 * rules written for its channel and ID.
 *
 * Written for Ward from Microsoft's channel names and the Sysmon event list; the SigmaHQ
 * `thor.yml` map was only used to check which channels rules expect.
 */
import type { Logsource } from './types.ts';

export interface LogsourceBranch {
  /** Channel names (compared case-insensitively). Empty: any channel (use providers). */
  channels: readonly string[];
  /** Event IDs; empty: every event of the channels. */
  eventIds?: readonly number[];
  /** Provider_Name values (case-insensitive); only checked when given. */
  providers?: readonly string[];
  /** Rule field name -> event field name, for events of this branch. */
  fieldRenames?: Readonly<Record<string, string>>;
}

export interface LogsourceMapping {
  product?: string;
  category?: string;
  service?: string;
  branches: readonly LogsourceBranch[];
}

export interface LogsourceMap {
  mappings: readonly LogsourceMapping[];
  /**
   * What a rule whose logsource has no mapping meets: 'any-event' (it is evaluated against every
   * event and `ward rules check` warns) or 'no-event' (it is loaded but never matches).
   */
  unmapped: 'any-event' | 'no-event';
  /**
   * Products the event stream carries. A rule naming another product (linux, aws, ...) is
   * loaded but never matches: its fields mean something else in these events. null: all.
   */
  products: readonly string[] | null;
}

const SYSMON = 'Microsoft-Windows-Sysmon/Operational';
const POWERSHELL = ['Microsoft-Windows-PowerShell/Operational', 'PowerShellCore/Operational'];
const POWERSHELL_CLASSIC = 'Windows PowerShell';
const DEFENDER = 'Microsoft-Windows-Windows Defender/Operational';
const KERNEL_FILE = 'Microsoft-Windows-Kernel-File/Analytic';

/** Security 4688 names the new process's fields differently from Sysmon event 1. */
const SECURITY_4688_RENAMES: Record<string, string> = {
  Image: 'NewProcessName',
  ParentImage: 'ParentProcessName',
  ProcessId: 'NewProcessId',
  ParentProcessId: 'ProcessId',
};

function sysmon(category: string, ...eventIds: number[]): LogsourceMapping {
  return { product: 'windows', category, branches: [{ channels: [SYSMON], eventIds }] };
}

function service(name: string, ...channels: string[]): LogsourceMapping {
  return { product: 'windows', service: name, branches: [{ channels }] };
}

const WINDOWS_SERVICES: LogsourceMapping[] = [
  service('security', 'Security'),
  service('system', 'System'),
  service('application', 'Application'),
  service('sysmon', SYSMON),
  service('powershell', ...POWERSHELL),
  service('powershell-classic', POWERSHELL_CLASSIC),
  service('taskscheduler', 'Microsoft-Windows-TaskScheduler/Operational'),
  service('wmi', 'Microsoft-Windows-WMI-Activity/Operational'),
  service('windefend', DEFENDER),
  service('dns-server', 'DNS Server'),
  service('dns-server-analytic', 'Microsoft-Windows-DNSServer/Analytical'),
  service('dns-client', 'Microsoft-Windows-DNS Client Events/Operational'),
  service('driver-framework', 'Microsoft-Windows-DriverFrameworks-UserMode/Operational'),
  service('codeintegrity-operational', 'Microsoft-Windows-CodeIntegrity/Operational'),
  service('firewall-as', 'Microsoft-Windows-Windows Firewall With Advanced Security/Firewall'),
  service('bits-client', 'Microsoft-Windows-Bits-Client/Operational'),
  service('ntlm', 'Microsoft-Windows-NTLM/Operational'),
  service('appxdeployment-server', 'Microsoft-Windows-AppXDeploymentServer/Operational'),
  service('appxpackaging-om', 'Microsoft-Windows-AppxPackaging/Operational'),
  service('appmodel-runtime', 'Microsoft-Windows-AppModel-Runtime/Admin'),
  service('printservice-admin', 'Microsoft-Windows-PrintService/Admin'),
  service('printservice-operational', 'Microsoft-Windows-PrintService/Operational'),
  service('smbclient-security', 'Microsoft-Windows-SmbClient/Security'),
  service('smbclient-connectivity', 'Microsoft-Windows-SmbClient/Connectivity'),
  service('smbserver-connectivity', 'Microsoft-Windows-SMBServer/Connectivity'),
  service(
    'terminalservices-localsessionmanager',
    'Microsoft-Windows-TerminalServices-LocalSessionManager/Operational',
  ),
  service(
    'applocker',
    'Microsoft-Windows-AppLocker/EXE and DLL',
    'Microsoft-Windows-AppLocker/MSI and Script',
    'Microsoft-Windows-AppLocker/Packaged app-Deployment',
    'Microsoft-Windows-AppLocker/Packaged app-Execution',
  ),
  service('msexchange-management', 'MSExchange Management'),
  service(
    'security-mitigations',
    'Microsoft-Windows-Security-Mitigations/Kernel Mode',
    'Microsoft-Windows-Security-Mitigations/User Mode',
  ),
  service('diagnosis-scripted', 'Microsoft-Windows-Diagnosis-Scripted/Operational'),
  service('shell-core', 'Microsoft-Windows-Shell-Core/Operational'),
  service('openssh', 'OpenSSH/Operational'),
  service('ldap', 'Microsoft-Windows-LDAP-Client/Debug'),
  service('lsa-server', 'Microsoft-Windows-LSA/Operational'),
  service('capi2', 'Microsoft-Windows-CAPI2/Operational'),
  service(
    'certificateservicesclient-lifecycle-system',
    'Microsoft-Windows-CertificateServicesClient-Lifecycle-System/Operational',
  ),
  service('microsoft-servicebus-client', 'Microsoft-ServiceBus-Client'),
  service('iis-configuration', 'Microsoft-IIS-Configuration/Operational'),
  service('bitlocker', 'Microsoft-Windows-BitLocker/BitLocker Management'),
  service('dhcp', 'Microsoft-Windows-DHCP-Server/Operational'),
  service('vhdmp', 'Microsoft-Windows-VHDMP-Operational'),
  service('kernel-shimengine', 'Microsoft-Windows-Kernel-ShimEngine/Operational'),
  service('sense', 'Microsoft-Windows-SENSE/Operational'),
  service('ntfs', 'Microsoft-Windows-Ntfs/Operational'),
  service('hyper-v-worker', 'Microsoft-Windows-Hyper-V-Worker-Admin'),
  service('application-experience', 'Microsoft-Windows-Application-Experience/Program-Telemetry'),
  service('kernel-event-tracing', 'Microsoft-Windows-Kernel-EventTracing/Admin'),
];

const WINDOWS_CATEGORIES: LogsourceMapping[] = [
  {
    product: 'windows',
    category: 'process_creation',
    branches: [
      { channels: [SYSMON], eventIds: [1] },
      { channels: ['Security'], eventIds: [4688], fieldRenames: SECURITY_4688_RENAMES },
    ],
  },
  sysmon('file_change', 2),
  sysmon('network_connection', 3),
  sysmon('sysmon_status', 4, 16),
  sysmon('process_termination', 5),
  sysmon('driver_load', 6),
  sysmon('image_load', 7),
  sysmon('create_remote_thread', 8),
  sysmon('raw_access_thread', 9),
  sysmon('process_access', 10),
  sysmon('file_event', 11),
  sysmon('registry_add', 12),
  sysmon('registry_delete', 12),
  sysmon('registry_set', 13),
  sysmon('registry_rename', 14),
  sysmon('registry_event', 12, 13, 14),
  sysmon('create_stream_hash', 15),
  sysmon('pipe_created', 17, 18),
  sysmon('wmi_event', 19, 20, 21),
  sysmon('dns_query', 22),
  sysmon('file_delete', 23, 26),
  sysmon('clipboard_capture', 24),
  sysmon('clipboard_change', 24),
  sysmon('process_tampering', 25),
  sysmon('file_delete_detected', 26),
  sysmon('file_block_executable', 27),
  sysmon('file_block_shredding', 28),
  sysmon('file_executable_detected', 29),
  sysmon('sysmon_error', 255),
  {
    product: 'windows',
    category: 'ps_module',
    branches: [{ channels: POWERSHELL, eventIds: [4103] }],
  },
  {
    product: 'windows',
    category: 'ps_script',
    branches: [{ channels: POWERSHELL, eventIds: [4104] }],
  },
  {
    product: 'windows',
    category: 'ps_classic_start',
    branches: [{ channels: [POWERSHELL_CLASSIC], eventIds: [400] }],
  },
  {
    product: 'windows',
    category: 'ps_classic_provider_start',
    branches: [{ channels: [POWERSHELL_CLASSIC], eventIds: [600] }],
  },
  {
    product: 'windows',
    category: 'ps_classic_script',
    branches: [{ channels: [POWERSHELL_CLASSIC], eventIds: [800] }],
  },
  // Kernel-File is an analytic (ETW) channel; Ward indexes it by channel only.
  { product: 'windows', category: 'file_access', branches: [{ channels: [KERNEL_FILE] }] },
  { product: 'windows', category: 'file_rename', branches: [{ channels: [KERNEL_FILE] }] },
  {
    product: 'windows',
    category: 'antivirus',
    branches: [
      {
        channels: [DEFENDER],
        eventIds: [1006, 1007, 1008, 1009, 1010, 1011, 1012, 1015, 1116, 1117, 1118, 1119],
      },
    ],
  },
];

// Events `ward canary watch` posts from file servers (any OS), see canary/event-poster.ts.
const WARD_SOURCES: LogsourceMapping[] = [
  {
    product: 'ward',
    service: 'canary',
    branches: [{ channels: ['Ward-Canary'], providers: ['Ward-Canary'] }],
  },
];

export const DEFAULT_LOGSOURCE_MAP: LogsourceMap = {
  mappings: [...WINDOWS_CATEGORIES, ...WINDOWS_SERVICES, ...WARD_SOURCES],
  unmapped: 'any-event',
  products: ['windows', 'ward'],
};

/**
 * The branches for a rule's logsource, or null when the map has none. A mapping applies when
 * each of its product/category/service keys equals the rule's; the most specific mapping wins
 * (category before service, so `category: process_creation, service: sysmon` still maps).
 */
export function resolveLogsource(
  map: LogsourceMap,
  logsource: Logsource,
): readonly LogsourceBranch[] | null {
  let best: LogsourceMapping | null = null;
  let bestScore = 0;
  for (const mapping of map.mappings) {
    const keys = [mapping.product, mapping.category, mapping.service];
    const rule = [logsource.product, logsource.category, logsource.service];
    let score = 0;
    let fits = true;
    for (let i = 0; i < 3; i++) {
      const wanted = keys[i];
      if (wanted === undefined) continue;
      if (wanted.toLowerCase() !== rule[i]) {
        fits = false;
        break;
      }
      score += i === 1 ? 4 : i === 2 ? 2 : 1;
    }
    if (
      fits &&
      score > bestScore &&
      (mapping.category !== undefined || mapping.service !== undefined)
    ) {
      best = mapping;
      bestScore = score;
    }
  }
  return best === null ? null : best.branches;
}

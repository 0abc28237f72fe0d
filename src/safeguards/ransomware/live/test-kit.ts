/** Event fixtures and helpers shared by the live-detection tests and the ingest bench. */
import type { MigrationSet } from '../../../platform/db/index.ts';

export const RANSOMWARE_MIGRATIONS: MigrationSet = {
  module: 'ransomware',
  dir: new URL('../migrations/', import.meta.url),
};

const SYSMON = 'Microsoft-Windows-Sysmon/Operational';

/** A flat Sysmon process-creation event (NXLog / OTRF style). */
export function processEvent(p: {
  host: string;
  at: string;
  image: string;
  commandLine: string;
  originalFileName?: string;
  recordId?: number;
}): Record<string, unknown> {
  return {
    EventID: 1,
    Channel: SYSMON,
    Hostname: p.host,
    '@timestamp': p.at,
    Image: p.image,
    OriginalFileName: p.originalFileName ?? p.image.split('\\').pop()!.toUpperCase(),
    CommandLine: p.commandLine,
    User: 'HOSPITAL\\jdoe',
    ...(p.recordId !== undefined ? { RecordNumber: p.recordId } : {}),
  };
}

/** The vssadmin shadow-copy deletion Ward's pack alerts on (level high). */
export const shadowDelete = (host: string, at: string, recordId?: number) =>
  processEvent({
    host,
    at,
    image: 'C:\\Windows\\System32\\vssadmin.exe',
    originalFileName: 'VSSADMIN.EXE',
    commandLine: 'vssadmin.exe delete shadows /all /quiet',
    ...(recordId !== undefined ? { recordId } : {}),
  });

/** Ordinary process starts no rule matches. */
export const benignProcess = (host: string, at: string, i = 0) =>
  processEvent({
    host,
    at,
    image: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE',
    commandLine: `"WINWORD.EXE" /n "\\\\fs01\\wards\\rota-${i}.docx"`,
  });

/** A successful interactive logon, as evtx_dump renders it. */
export const evtxLogon = (host: string, at: string) => ({
  Event: {
    System: {
      EventID: 4624,
      Channel: 'Security',
      Computer: host,
      TimeCreated: { '#attributes': { SystemTime: at } },
      EventRecordID: 77,
    },
    EventData: { TargetUserName: 'nurse1', LogonType: 2, IpAddress: '-' },
  },
});

/** The same kind of benign event as Winlogbeat ships it. */
export const ecsServiceEvent = (host: string, at: string) => ({
  '@timestamp': at,
  winlog: {
    event_id: '7036',
    channel: 'System',
    computer_name: host,
    provider_name: 'Service Control Manager',
    event_data: { param1: 'Windows Update', param2: 'running' },
  },
});

/** Polls `check` until it returns true (or throws with `what` after `timeoutMs`). */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

import type { Core, CoreDeps } from '../core/index.ts';
import { fixedClock } from '../platform/clock.ts';
import type { FlatEvent } from '../safeguards/ransomware/events/event-types.ts';
import {
  addComment,
  completeContainmentStep,
  createCase,
  createReadiness,
  type Ransomware,
} from '../safeguards/ransomware/index.ts';

const SYSMON = 'Microsoft-Windows-Sysmon/Operational';
const DAY = 86_400_000;

/**
 * The precursors of a ransomware attack on the demo hospital two days ago, as Windows would log
 * them: a password-guessing run that succeeds on the RDP gateway, PsExec to a ward PC, shadow
 * copies and the backup catalog deleted there, recovery disabled, the Security log cleared on
 * the domain controller; and ordinary activity around it.
 */
export function demoAttackEvents(now: Date): FlatEvent[] {
  const t0 = now.getTime() - 2 * DAY;
  const at = (minutes: number) => new Date(t0 + minutes * 60_000).toISOString();
  const events: FlatEvent[] = [];
  let record = 48_000;
  const proc = (minute: number, host: string, image: string, cmd: string): FlatEvent => ({
    Channel: SYSMON,
    Provider_Name: 'Microsoft-Windows-Sysmon',
    EventID: 1,
    Computer: host,
    TimeCreated: at(minute),
    EventRecordID: ++record,
    Image: image,
    OriginalFileName: image.split('\\').pop()!.toUpperCase(),
    CommandLine: cmd,
    ParentImage: 'C:\\Windows\\System32\\cmd.exe',
    User: 'STMARYS\\svc-scan',
  });
  const logon = (minute: number, id: 4624 | 4625): FlatEvent => ({
    Channel: 'Security',
    Provider_Name: 'Microsoft-Windows-Security-Auditing',
    EventID: id,
    Computer: 'RDP-GW01.stmarys.local',
    TimeCreated: at(minute),
    EventRecordID: ++record,
    TargetUserName: 'svc-scan',
    IpAddress: '185.220.101.47',
    LogonType: 10,
  });
  for (let i = 0; i < 25; i++) events.push(logon(i * 0.2, 4625));
  events.push(logon(6, 4624));
  events.push({
    Channel: 'System',
    Provider_Name: 'Service Control Manager',
    EventID: 7045,
    Computer: 'WS-ICU-07.stmarys.local',
    TimeCreated: at(20),
    EventRecordID: ++record,
    ServiceName: 'PSEXESVC',
    ImagePath: '%SystemRoot%\\PSEXESVC.exe',
    ServiceType: 'user mode service',
    StartType: 'demand start',
    AccountName: 'LocalSystem',
  });
  const ws = 'WS-ICU-07.stmarys.local';
  events.push(
    proc(22, ws, 'C:\\Windows\\System32\\vssadmin.exe', 'vssadmin.exe delete shadows /all /quiet'),
    proc(23, ws, 'C:\\Windows\\System32\\wbadmin.exe', 'wbadmin delete catalog -quiet'),
    proc(
      23.5,
      ws,
      'C:\\Windows\\System32\\bcdedit.exe',
      'bcdedit /set {default} recoveryenabled No',
    ),
    proc(
      30,
      'WS-RAD-02.stmarys.local',
      'C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE',
      'WINWORD.EXE /n report.docx',
    ),
  );
  events.push({
    Channel: 'Security',
    Provider_Name: 'Microsoft-Windows-Eventlog',
    EventID: 1102,
    Computer: 'DC01.stmarys.local',
    TimeCreated: at(40),
    EventRecordID: ++record,
    SubjectUserName: 'svc-scan',
    SubjectDomainName: 'STMARYS',
  });
  return events;
}

/**
 * Alerts from the demo attack (through the same detector as live ingest), one case an analyst
 * has started working, and a half-finished readiness assessment with one stale answer.
 */
export async function seedDemoRansomware(
  app: CoreDeps & { core: Core; ransomware: Ransomware },
): Promise<void> {
  const now = app.clock.now();
  await app.ransomware.live.detect({ source: 'demo-winlogbeat', events: demoAttackEvents(now) });
  const alerts = await app.db.query<{ id: string }>(
    "SELECT id FROM rw_alerts WHERE lower(host) = 'ws-icu-07.stmarys.local' ORDER BY first_seen",
  );
  if (alerts.length > 0) {
    const deps = app.ransomware.cases;
    const c = await createCase(
      deps,
      { title: 'Ransomware precursors on WS-ICU-07', alertIds: alerts.map((a) => a.id) },
      'system',
    );
    await addComment(
      deps,
      c.id,
      { text: 'ICU nurse station PC. Clinical lead informed; paper charting ready if we isolate.' },
      'system',
    );
    await completeContainmentStep(deps, c.id, 'isolate_host', {}, 'system');
  }
  const answers: [string, 'yes' | 'partial' | 'no'][] = [
    ['offline-backups', 'partial'],
    ['restore-test-ehr', 'yes'],
    ['restore-test-imaging', 'no'],
    ['downtime-procedures', 'yes'],
    ['out-of-band-communication', 'partial'],
  ];
  for (const [key, answer] of answers) {
    await app.ransomware.readiness.answer(key, { answer }, 'system');
  }
  // Answered long ago: past its maximum age, so it shows as stale and counts as a gap.
  const past = createReadiness({ ...app, clock: fixedClock(new Date(now.getTime() - 400 * DAY)) });
  await past.answer(
    'incident-contacts',
    { answer: 'yes', evidence: 'IR retainer with CERT partner' },
    'system',
  );
  await app.ransomware.readiness.refresh('system');
}

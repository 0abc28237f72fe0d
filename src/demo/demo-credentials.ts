import { createCore, type CoreDeps } from '../core/index.ts';
import { fixedClock } from '../platform/clock.ts';
import {
  importDirectory,
  ntlmHex,
  runCredentialAudit,
  type CredentialChecks,
} from '../safeguards/credentials/index.ts';
import { DEMO_DEPARTMENTS } from './demo-assets.ts';
import { mulberry32, type Random } from './scan-random.ts';

const FIRST = [
  'Amara',
  'Ben',
  'Chloe',
  'Dev',
  'Elena',
  'Farid',
  'Grace',
  'Hugo',
  'Ines',
  'Jonas',
  'Kemi',
  'Liam',
  'Maya',
  'Nikos',
  'Olga',
  'Pavel',
  'Quinn',
  'Rosa',
  'Sami',
  'Tara',
  'Uma',
  'Victor',
  'Wen',
  'Yusuf',
  'Zoe',
];
const LAST = [
  'Adeyemi',
  'Brennan',
  'Costa',
  'Dubois',
  'Evans',
  'Fischer',
  'Garcia',
  'Hansen',
  'Ivanova',
  'Jensen',
  'Khan',
  'Lopez',
  'Murphy',
  'Novak',
  'Okafor',
  'Patel',
  'Rossi',
  'Schmidt',
  'Tanaka',
  'Varga',
  'Wright',
];
// Shared logins every hospital has: station PCs, reception, theatre and scanner consoles.
const SHARED = ['nurses.icu', 'reception', 'theatre3', 'ward5.station', 'radiology.scanner'];

export interface DemoUser {
  upn: string;
  name: string;
  department: string;
  admin: boolean;
  enabled: boolean;
  /** Round (0, 1, 2) from which the user has MFA; 3 = never. */
  mfaFrom: number;
  phishingResistant: boolean;
  lastSignInDaysAgo: number;
}

/** The demo hospital's staff directory: ~220 people and a few shared logins, seeded. */
export function demoDirectoryUsers(seed = 2026): DemoUser[] {
  const random = mulberry32(seed);
  const users: DemoUser[] = [];
  for (let i = 0; i < 220; i++) {
    const first = pick(random, FIRST);
    const last = pick(random, LAST);
    const r = random();
    users.push({
      upn: `${first}.${last}${i}@stmarys-demo.example`.toLowerCase(),
      name: `${first} ${last}`,
      department: pick(random, DEMO_DEPARTMENTS),
      admin: i % 18 === 0,
      enabled: random() > 0.04,
      // Coverage grows over the three rounds, as an MFA roll-out does.
      mfaFrom: r < 0.55 ? 0 : r < 0.75 ? 1 : r < 0.9 ? 2 : 3,
      phishingResistant: random() < 0.15,
      lastSignInDaysAgo:
        random() < 0.06 ? 120 + Math.floor(random() * 200) : Math.floor(random() * 20),
    });
  }
  for (const name of SHARED) {
    users.push({
      upn: `${name}@stmarys-demo.example`,
      name,
      department: 'Nursing',
      admin: false,
      enabled: true,
      mfaFrom: 3,
      phishingResistant: false,
      lastSignInDaysAgo: 1,
    });
  }
  return users;
}

/** An Entra ID export (portal/Graph column names) of the users as they were in `round`. */
export function entraExportCsv(users: readonly DemoUser[], round: number, at: Date): string {
  const header =
    'userPrincipalName,displayName,accountEnabled,isAdmin,isMfaRegistered,methodsRegistered,lastSuccessfulSignInDateTime,department';
  const lines = users.map((u) => {
    const mfa = u.mfaFrom <= round;
    const methods = mfa
      ? u.phishingResistant
        ? 'fido2;microsoftAuthenticatorPush'
        : 'microsoftAuthenticatorPush'
      : '';
    const signIn = new Date(at.getTime() - u.lastSignInDaysAgo * 86_400_000).toISOString();
    return [u.upn, u.name, u.enabled, u.admin, mfa, `"${methods}"`, signIn, u.department].join(',');
  });
  return [header, ...lines].join('\n') + '\n';
}

/**
 * A secretsdump-style NTDS dump of the demo domain whose weak spots an audit finds: empty
 * passwords, LM hashes, a season-and-year password, a password equal to the user name and one
 * password shared by the station accounts. The strong ones are random.
 */
export function demoNtdsDump(users: readonly DemoUser[], seed = 99): string {
  const random = mulberry32(seed);
  const noLm = 'aad3b435b51404eeaad3b435b51404ee';
  const lines = users.map((u, i) => {
    const sam = u.upn.split('@')[0]!;
    let password = Array.from({ length: 20 }, () =>
      String.fromCharCode(33 + Math.floor(random() * 94)),
    ).join('');
    if (i % 41 === 3) password = '';
    else if (i % 37 === 5) password = 'Winter2025!';
    else if (i % 53 === 7) password = sam;
    else if (SHARED.some((s) => u.upn.startsWith(s))) password = 'Ward5Station!';
    const lm = i % 67 === 11 ? 'e52cac67419a9a224a3b108f3fa6cb6d' : noLm;
    return `STMARYS\\${sam}:${1100 + i}:${lm}:${ntlmHex(password).toLowerCase()}:::`;
  });
  return lines.join('\n') + '\n';
}

/**
 * Three directory exports 60 and 30 days ago and today (MFA coverage rises) and one NTDS audit,
 * through the same code paths a user's uploads take.
 */
export async function seedDemoCredentials(
  app: CoreDeps & { credentials: CredentialChecks },
  dates: readonly Date[],
): Promise<void> {
  const users = demoDirectoryUsers();
  for (const [round, at] of dates.entries()) {
    const clock = fixedClock(at);
    const core = createCore({ ...app, clock });
    await importDirectory(
      { db: app.db, core, audit: app.audit, clock },
      {
        fileName: `entra-users-round-${round + 1}.csv`,
        text: entraExportCsv(users, round, at),
        source: 'entra',
        actor: 'system',
      },
    );
  }
  const core = createCore(app);
  await runCredentialAudit(
    { db: app.db, core, checks: app.credentials },
    {
      fileName: 'stmarys-ntds.txt',
      data: Buffer.from(demoNtdsDump(users)),
      format: 'ntds',
      system: 'Active Directory (STMARYS)',
      actor: 'system',
    },
  );
}

function pick<T>(random: Random, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

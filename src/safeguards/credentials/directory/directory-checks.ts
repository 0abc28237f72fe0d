import type { DirectoryCheck, Severity } from '../../../api-types.ts';
import type { DirectoryAccount } from './account-parse.ts';
import type { DirectoryExport } from './directory-parse.ts';
import { describesSharedAccount, isSharedAccountName } from './shared-names.ts';
import { findLeaver, type Terminations } from './terminations.ts';

export const DEFAULT_STALE_DAYS = 90;
const DAY_MS = 86_400_000;

/** One thing wrong with one account, with the facts that show it. */
export interface AccountProblem {
  account: DirectoryAccount;
  check: DirectoryCheck;
  /** Facts from the export behind this problem, one per line (goes into the evidence). */
  facts: string[];
}

/** Enabled users only; counts are null where the export says nothing about MFA. */
export interface CoverageCounts {
  users: number;
  usersWithMfa: number | null;
  privileged: number;
  privilegedWithMfa: number | null;
  phishingResistant: number | null;
}

export interface DirectoryAudit {
  users: number;
  enabledUsers: number;
  /** The checks this export could be judged on; the others lacked data (or a leavers list). */
  evaluated: DirectoryCheck[];
  /** Problems per evaluated check (0 included); checks not evaluated are absent. */
  counts: Partial<Record<DirectoryCheck, number>>;
  problems: AccountProblem[];
  coverage: CoverageCounts;
}

export interface AuditOptions {
  now: Date;
  staleDays?: number;
  terminations?: Terminations;
}

export const CHECK_SEVERITY: Record<DirectoryCheck, Severity> = {
  no_mfa: 'medium',
  privileged_no_mfa: 'high',
  stale_account: 'low',
  leaver_enabled: 'high',
  password_never_expires: 'low',
  shared_account: 'medium',
};

/**
 * Judges every enabled account of an export (disabled ones are counted, not checked). Pure:
 * the same export, leavers list and time give the same problems.
 */
export function auditDirectory(exp: DirectoryExport, opts: AuditOptions): DirectoryAudit {
  const staleDays = opts.staleDays ?? DEFAULT_STALE_DAYS;
  if (!Number.isInteger(staleDays) || staleDays < 1)
    throw new RangeError(`staleDays must be a whole number of days >= 1, got ${staleDays}`);
  const evaluated: DirectoryCheck[] = [
    ...(exp.mfaKnown ? (['no_mfa', 'privileged_no_mfa'] as const) : []),
    ...(exp.signInKnown ? (['stale_account'] as const) : []),
    ...(opts.terminations ? (['leaver_enabled'] as const) : []),
    ...(exp.columns.passwordNeverExpires ? (['password_never_expires'] as const) : []),
    'shared_account',
  ];
  const enabled = exp.accounts.filter((a) => a.enabled);
  const problems = enabled.flatMap((account) =>
    checkAccount(account, { ...opts, staleDays }).filter((p) => evaluated.includes(p.check)),
  );
  const counts: Partial<Record<DirectoryCheck, number>> = {};
  for (const check of evaluated) counts[check] = 0;
  for (const p of problems) counts[p.check] = (counts[p.check] ?? 0) + 1;
  return {
    users: exp.accounts.length,
    enabledUsers: enabled.length,
    evaluated,
    counts,
    problems,
    coverage: countCoverage(enabled, exp.mfaKnown),
  };
}

function checkAccount(
  a: DirectoryAccount,
  opts: AuditOptions & { staleDays: number },
): AccountProblem[] {
  const out: AccountProblem[] = [];
  const add = (check: DirectoryCheck, facts: (string | null)[]) =>
    out.push({ account: a, check, facts: facts.filter((f) => f !== null) });
  const privilege = a.privileged ? `Privileged: ${a.privilegeReasons.join('; ')}` : null;
  const mfaFact = `MFA: none registered${a.mfaMethods.length ? ` (methods: ${a.mfaMethods.join(', ')})` : ''}`;

  if (a.mfa === false) add(a.privileged ? 'privileged_no_mfa' : 'no_mfa', [mfaFact, privilege]);

  const idle = idleDays(a, opts.now);
  // Used once, then idle for staleDays; or never used and created more than staleDays ago.
  if (idle !== null && (a.lastSignIn ? idle >= opts.staleDays : idle > opts.staleDays)) {
    add('stale_account', [
      a.lastSignIn
        ? `Last sign-in: ${day(a.lastSignIn)} (${idle} days before this export was imported)`
        : `Never signed in; created ${day(a.created!)} (${idle} days before this export was imported)`,
      `Threshold: ${opts.staleDays} days`,
    ]);
  }

  const leaver = opts.terminations ? findLeaver(opts.terminations, a) : null;
  // Still enabled on the leaving day itself is normal: flag from the day after.
  if (leaver && opts.now.getTime() >= leaver.leftOn.getTime() + DAY_MS) {
    add('leaver_enabled', [
      `On the leavers list ${opts.terminations!.fileName}${leaver.line ? ` (line ${leaver.line})` : ''}: left ${day(leaver.leftOn)}`,
      a.lastSignIn ? `Last sign-in: ${day(a.lastSignIn)}` : 'No sign-in recorded',
      privilege,
    ]);
  }

  if (a.passwordNeverExpires && (a.privileged || a.mfa === false)) {
    add('password_never_expires', [
      'Password never expires: yes',
      a.passwordLastSet ? `Password last set: ${day(a.passwordLastSet)}` : null,
      privilege,
      a.mfa === false ? mfaFact : null,
    ]);
  }

  if (isSharedAccountName(a.name) || describesSharedAccount(a.description)) {
    add('shared_account', [
      `Account name: ${a.name}`,
      a.displayName ? `Display name: ${a.displayName}` : null,
      a.description ? `Description: ${a.description}` : null,
    ]);
  }
  return out;
}

/** Whole days since the last sign-in, or since creation for an account never used; null if unknown. */
function idleDays(a: DirectoryAccount, now: Date): number | null {
  const since = a.lastSignIn ?? a.created;
  if (!since) return null;
  return Math.floor((now.getTime() - since.getTime()) / DAY_MS);
}

function countCoverage(enabled: DirectoryAccount[], mfaKnown: boolean): CoverageCounts {
  const privileged = enabled.filter((a) => a.privileged);
  return {
    users: enabled.length,
    usersWithMfa: mfaKnown ? enabled.filter((a) => a.mfa === true).length : null,
    privileged: privileged.length,
    privilegedWithMfa: mfaKnown ? privileged.filter((a) => a.mfa === true).length : null,
    phishingResistant: mfaKnown ? enabled.filter((a) => a.phishingResistant).length : null,
  };
}

function day(d: Date): string {
  return d.toISOString().slice(0, 10);
}

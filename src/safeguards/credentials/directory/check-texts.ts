import type { DirectoryCheck, DirectorySource } from '../../../api-types.ts';
import { SOURCE_NAMES } from './column-resolve.ts';
import type { AccountProblem } from './directory-checks.ts';

export interface CheckText {
  title: string;
  description: string;
  solution: string;
}

const MFA_SOLUTION =
  'Have the user register a second factor, preferably a phishing-resistant one (FIDO2 security ' +
  'key, passkey or Windows Hello for Business), otherwise an authenticator app; then enforce ' +
  'MFA for the account (Conditional Access, Okta sign-on policy, or your MFA provider for AD). ' +
  'If the account cannot use MFA (a service account), restrict where it can sign in from and ' +
  'record that as an accepted risk with a review date.';

/**
 * What each check tells the person fixing it. Texts do not name the account (the finding's
 * asset does, and the evidence holds the facts), so every finding of a check shares one text.
 */
export function checkText(problem: AccountProblem, staleDays: number): CheckText {
  const check: DirectoryCheck = problem.check;
  switch (check) {
    case 'no_mfa':
      return {
        title: 'Account without multi-factor authentication',
        description:
          'This enabled account has no second factor registered, so a phished, guessed or ' +
          'reused password is enough to sign in as this user. Stolen credentials are the most ' +
          'common way into hospital networks, and MFA stops most of those attacks.',
        solution: MFA_SOLUTION,
      };
    case 'privileged_no_mfa':
      return {
        title: 'Privileged account without multi-factor authentication',
        description:
          'This enabled account has administrative rights but no second factor registered. ' +
          'Its password alone gives an attacker control of the directory, and with it every ' +
          'system and record that relies on it.',
        solution: `${MFA_SOLUTION} Admin accounts should use phishing-resistant MFA only.`,
      };
    case 'stale_account':
      return {
        title: 'Enabled account with no recent sign-in',
        description:
          `This account is enabled but has not signed in for ${staleDays} days or more (or ` +
          `never signed in and was created more than ${staleDays} days ago). Unused accounts ` +
          'keep their access and password, and nobody notices when someone else starts using them.',
        solution:
          'Confirm with the account owner or their manager whether it is still needed; if not, ' +
          'disable it, and delete it after your retention period. Service accounts that sign ' +
          'in rarely should be documented as such.',
      };
    case 'leaver_enabled':
      return {
        title: 'Account of a leaver is still enabled',
        description:
          'This account belongs to someone on the leavers list whose leaving date has passed, ' +
          'yet it can still sign in. Former staff, or anyone who learns their password, keep ' +
          'access to clinical and personal data.',
        solution:
          'Disable the account now and revoke its sessions and tokens; check its recent sign-ins ' +
          'for use after the leaving date. Make disabling accounts part of the leavers process ' +
          'so that HR and IT act on the same date.',
      };
    case 'password_never_expires':
      return {
        title: 'Password never expires on a privileged or single-factor account',
        description:
          'NIST SP 800-63B-4 does not require periodic password changes, so a password that ' +
          'never expires is not a problem by itself. It is flagged here because the account ' +
          'is privileged or has no MFA: a password that leaked at any time in the past still ' +
          'works, and nothing else stands in the way.',
        solution:
          'Enable MFA on the account, after which a non-expiring password follows NIST guidance. ' +
          'For service and admin accounts that cannot use MFA, use a group managed service ' +
          'account (gMSA) or a privileged access tool that rotates the password.',
      };
    case 'shared_account':
      return {
        title: 'Shared or generic account',
        description:
          'The name of this enabled account suggests that several people use it (a ward, desk, ' +
          'test or built-in account). Nothing it does can be traced to a person, and its ' +
          'password outlives staff turnover; HIPAA requires unique user identification.',
        solution:
          'Give each person their own account; for fast switching on shared workstations use ' +
          'tap-and-go or kiosk sign-in with individual badges. If the account must stay, ' +
          'restrict it to the devices that need it, disable interactive sign-in where possible, ' +
          'and record why.',
      };
  }
}

/** The facts of a problem and where they came from, for the finding's evidence. */
export function problemEvidence(
  problem: AccountProblem,
  source: DirectorySource,
  fileName: string,
): string {
  const a = problem.account;
  const where =
    a.line !== undefined ? `line ${a.line}` : a.record !== undefined ? `record ${a.record}` : '';
  return [
    `${SOURCE_NAMES[source]} export ${fileName}${where ? `, ${where}` : ''}`,
    `Account: ${a.name}${a.displayName ? ` (${a.displayName})` : ''}`,
    ...problem.facts,
  ].join('\n');
}

import type {
  CorpusKind,
  CredentialCategory,
  DirectoryCheck,
  DirectorySource,
  PasswordStrength,
} from '../../../src/api-types.ts';
import { findingsHref } from '../findings-query.ts';
import { formatNumber } from '../format.ts';

/** Plain-language names for the credentials safeguard's API values, shared by its components. */

export const CATEGORY_LABEL: Record<CredentialCategory, string> = {
  empty: 'Empty password',
  lm_hash: 'Legacy LM hash stored',
  breached: 'Password known from breaches',
  username_as_password: 'Password is the username',
  dictionary: 'Common or dictionary password',
  shared_password: 'Same password as other accounts',
  weak_storage: 'Weak password storage (fast or unsalted hash)',
};

/** Worst first, so the summary and the filter list the problems to fix first at the top. */
export const CATEGORIES: readonly CredentialCategory[] = [
  'empty',
  'breached',
  'username_as_password',
  'dictionary',
  'shared_password',
  'lm_hash',
  'weak_storage',
];

export const CHECK_LABEL: Record<DirectoryCheck, string> = {
  no_mfa: 'Other enabled users without MFA',
  privileged_no_mfa: 'Privileged users without MFA',
  stale_account: 'Enabled accounts not used for a long time',
  leaver_enabled: 'Leavers whose account is still enabled',
  password_never_expires: 'Passwords set never to expire',
  shared_account: 'Shared or generic accounts',
};

export const CHECKS: readonly DirectoryCheck[] = [
  'privileged_no_mfa',
  'leaver_enabled',
  'no_mfa',
  'stale_account',
  'shared_account',
  'password_never_expires',
];

export const SOURCE_LABEL: Record<DirectorySource, string> = {
  ad: 'Active Directory',
  entra: 'Microsoft Entra ID',
  okta: 'Okta',
};

export const CORPUS_KIND_LABEL: Record<CorpusKind, string> = {
  sha1: 'SHA-1 (checks typed passwords)',
  ntlm: 'NTLM (checks NT hashes in audits)',
};

export const SCORE_LABEL: Record<PasswordStrength['score'], string> = {
  0: 'Very weak',
  1: 'Weak',
  2: 'Fair',
  3: 'Strong',
  4: 'Very strong',
};

/** Where the open credential findings are listed. */
export const CREDENTIAL_FINDINGS_HREF = findingsHref({
  safeguard: ['credentials'],
  status: ['open', 'in_progress'],
});

/** "62%" of a part; null when there is nothing to divide by (no privileged users at all). */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 100) : null;
}

export function formatPercent(part: number, whole: number): string {
  const p = percent(part, whole);
  return p === null ? '—' : `${p}%`;
}

/** "3 of 4" with thousands separators. */
export function ofTotal(part: number, whole: number): string {
  return `${formatNumber(part)} of ${formatNumber(whole)}`;
}

const UNITS = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

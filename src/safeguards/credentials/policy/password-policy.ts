import { createHash } from 'node:crypto';
import type { PasswordCheckResult, PasswordReason } from '../../../api-types.ts';
import type { BreachedLookup } from '../breached-lookup.ts';
import { ntlmHash } from '../hashing/ntlm.ts';
import { findBlocklistCodes, type PersonalDetails } from './blocklist-rules.ts';
import { contextKeysOf } from './context-words.ts';
import { MEDICAL_TERMS } from './medical-terms.ts';
import {
  breachedReason,
  fixedReason,
  tooLongReason,
  tooShortReason,
  weakReason,
} from './messages.ts';
import { countCharacters } from './normalize.ts';
import { createStrengthEstimator } from './strength.ts';
import { loadWordSets } from './word-lists.ts';

export interface PasswordPolicyOptions {
  /**
   * Minimum length per account class, merged over the NIST SP 800-63B-4 3.1.1.2 defaults
   * (`single_factor` 15, `multi_factor` 8), e.g. `{ service: 20, privileged: 20 }`.
   */
  minLength?: Record<string, number>;
  /** At most this many characters (default 256; NIST asks for at least 64). */
  maxLength?: number;
  /** zxcvbn score (0-4) below which a password is `weak` (default 3). */
  minScore?: number;
  /** The hospital's names and abbreviations: "St Mary's Hospital", "SMH". */
  orgNames?: readonly string[];
  departments?: readonly string[];
  /** A local banned-word list, treated like the hospital's names. */
  extraWords?: readonly string[];
  /** The breached-password corpus as it is now; a getter so a fresh import takes effect. */
  breached?: () => BreachedLookup | undefined;
}

export interface PasswordCheckContext extends PersonalDetails {
  /** One of the configured account classes; default `single_factor`. */
  accountClass?: string | undefined;
}

export interface PasswordPolicy {
  check(password: string, context?: PasswordCheckContext): PasswordCheckResult;
  /** Only the messages: empty when the password is acceptable. */
  reasonsFor(password: string, context?: PasswordCheckContext): string[];
  readonly minLength: Readonly<Record<string, number>>;
  readonly maxLength: number;
}

/** Thrown by `check` for an account class the policy was not configured with. */
export class UnknownAccountClassError extends Error {
  override name = 'UnknownAccountClassError';
}

export const DEFAULT_ACCOUNT_CLASS = 'single_factor';
const DEFAULT_MIN_LENGTH: Readonly<Record<string, number>> = { single_factor: 15, multi_factor: 8 };
const DEFAULT_MAX_LENGTH = 256;
const DEFAULT_MIN_SCORE = 3;
// NIST SP 800-63B-4 3.1.1.2: SHALL be at least 15 without a second factor, at least 8 with
// one; SHOULD permit at least 64.
const NIST_SINGLE_FACTOR_MIN = 15;
const NIST_ABSOLUTE_MIN = 8;
const NIST_MAX_AT_LEAST = 64;
const CONTROL = /[\p{Cc}\p{Cs}]/u;

/**
 * The NIST SP 800-63B-4 password policy: length by account class, no composition rules, a
 * blocklist (breached corpus, common passwords, dictionary and context words) and a zxcvbn
 * strength floor. Throws when the options break the NIST floors. The word lists and zxcvbn
 * are built on the first check (about 250 ms) and reused.
 */
export function createPasswordPolicy(options: PasswordPolicyOptions = {}): PasswordPolicy {
  const minLength = { ...DEFAULT_MIN_LENGTH, ...options.minLength };
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  const minScore = options.minScore ?? DEFAULT_MIN_SCORE;
  validateOptions(minLength, maxLength, minScore);
  const contextKeys = contextKeysOf([
    ...(options.orgNames ?? []),
    ...(options.departments ?? []),
    ...(options.extraWords ?? []),
  ]);
  const contextSet = new Set(contextKeys);
  const medicalKeys = contextKeysOf(MEDICAL_TERMS).filter((k) => !contextSet.has(k));
  const estimator = createStrengthEstimator([...contextKeys, ...medicalKeys]);

  function check(password: string, context: PasswordCheckContext = {}): PasswordCheckResult {
    const accountClass = context.accountClass ?? DEFAULT_ACCOUNT_CLASS;
    // Own properties only: "constructor" or "__proto__" from a request is not a class.
    const minimum = Object.hasOwn(minLength, accountClass) ? minLength[accountClass] : undefined;
    if (minimum === undefined) {
      throw new UnknownAccountClassError(
        `Unknown account class "${accountClass}"; known classes: ${Object.keys(minLength).join(', ')}.`,
      );
    }
    const normalized = password.normalize('NFKC');
    const length = countCharacters(normalized);
    const reasons: PasswordReason[] = [];
    if (length < minimum) reasons.push(tooShortReason(minimum, length));
    if (length > maxLength) reasons.push(tooLongReason(maxLength, length));
    if (CONTROL.test(normalized)) reasons.push(fixedReason('control_characters'));
    const breachedCount = countBreaches(password, options.breached?.());
    if (breachedCount !== null && breachedCount > 0) reasons.push(breachedReason(breachedCount));
    const userInputs = personalInputs(context);
    const { strength, onlyPatterns } = estimator.estimate(password, userInputs);
    const lists = { contextKeys, medicalKeys, words: loadWordSets() };
    for (const code of findBlocklistCodes(password, context, lists, onlyPatterns)) {
      reasons.push(fixedReason(code));
    }
    // The estimate is the last resort: when a rule has already named the problem, "weak" would
    // only repeat it.
    if (strength.score < minScore && reasons.length === 0) {
      reasons.push(weakReason(strength.crackTime));
    }
    return { ok: reasons.length === 0, reasons, strength, breachedCount, minLength: minimum };
  }

  return {
    check,
    reasonsFor: (password, context) => check(password, context).reasons.map((r) => r.message),
    minLength,
    maxLength,
  };
}

// zxcvbn matches each input as a whole word, so the name goes in whole and in parts.
function personalInputs(context: PasswordCheckContext): string[] {
  const { username, displayName } = context;
  const parts = displayName ? displayName.split(/[\s,.\-_'\u2019()]+/u) : [];
  return [username, displayName, ...parts].filter((s): s is string => !!s && s.length >= 3);
}

/**
 * Times the exact password was seen: by SHA-1 (UTF-8, as Pwned Passwords hashes it) and by NT
 * hash where an NTLM corpus is imported; null when no corpus of either kind is available.
 */
function countBreaches(password: string, lookup: BreachedLookup | undefined): number | null {
  if (!lookup) return null;
  const bySha1 = lookup.sha1Count(createHash('sha1').update(password, 'utf8').digest());
  if (bySha1 !== undefined && bySha1 > 0) return bySha1;
  const byNtlm = lookup.ntlmCount(ntlmHash(password));
  if (bySha1 === undefined && byNtlm === undefined) return null;
  return Math.max(bySha1 ?? 0, byNtlm ?? 0);
}

function validateOptions(
  minLength: Readonly<Record<string, number>>,
  maxLength: number,
  minScore: number,
): void {
  const fail = (what: string) => {
    throw new Error(`Password policy: ${what}`);
  };
  if (!Number.isInteger(maxLength) || maxLength < NIST_MAX_AT_LEAST) {
    fail(`maxLength must be an integer of at least ${NIST_MAX_AT_LEAST} (got ${maxLength}).`);
  }
  for (const [accountClass, minimum] of Object.entries(minLength)) {
    const floor =
      accountClass === DEFAULT_ACCOUNT_CLASS ? NIST_SINGLE_FACTOR_MIN : NIST_ABSOLUTE_MIN;
    if (!Number.isInteger(minimum) || minimum < floor || minimum > maxLength) {
      fail(
        `minLength.${accountClass} must be an integer from ${floor} to maxLength ${maxLength} (got ${minimum}).`,
      );
    }
  }
  if (!Number.isInteger(minScore) || minScore < 0 || minScore > 4) {
    fail(`minScore must be an integer from 0 to 4 (got ${minScore}).`);
  }
}

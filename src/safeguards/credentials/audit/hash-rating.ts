// Rating a password storage scheme against the OWASP Password Storage Cheat Sheet (minimums as
// summarised in design/reference/suppliers-credentials-awareness.md 2.4). Used by
// `ward creds hash-check` and, per account, for the audit's weak_storage findings.
import { numberParam, type HashParams } from './hash-check-params.ts';
import { describeStoredHash } from './stored-hash.ts';
import type { HashAlgorithm } from './types.ts';

export type HashVerdict = 'strong' | 'acceptable' | 'weak' | 'broken';

export type HashSchemeInput = { algo: string; params: HashParams } | { hash: string };

export interface HashSchemeRating {
  algo: string;
  params: HashParams;
  verdict: HashVerdict;
  /** Sentences; the first one says what is wrong (or right) and is what audit findings quote. */
  reasons: string[];
  recommendation: string;
}

export const ARGON2ID_TARGET = 'argon2id (m=19456, t=2, p=1)';
const MIGRATE = `migrate to ${ARGON2ID_TARGET}, rehashing each password at its next login`;

// OWASP: argon2id memory (KiB) / iterations pairs, all with p=1.
const ARGON2_PAIRS: ReadonlyArray<readonly [number, number]> = [
  [47104, 1],
  [19456, 2],
  [12288, 3],
  [9216, 4],
  [7168, 5],
];
// OWASP: scrypt N / p pairs, all with r=8.
const SCRYPT_PAIRS: ReadonlyArray<readonly [number, number]> = [
  [2 ** 17, 1],
  [2 ** 16, 2],
  [2 ** 15, 3],
  [2 ** 14, 5],
  [2 ** 13, 10],
];
const PBKDF2_MINIMUM: Record<string, number> = {
  'pbkdf2-sha1': 1_300_000,
  'pbkdf2-sha256': 600_000,
  'pbkdf2-sha512': 210_000,
};
// OWASP lists no SHA-crypt figure. Each round is about one SHA-256/512 computation, as each
// PBKDF2-HMAC iteration is two, so Ward asks for the PBKDF2 minimum of the same hash.
const SHA_CRYPT_MINIMUM: Record<string, number> = {
  sha256crypt: 600_000,
  sha512crypt: 210_000,
};

const FAST: Partial<Record<HashAlgorithm, string>> = {
  md5: 'unsalted MD5: a fast hash crackable at billions of guesses per second',
  sha1: 'unsalted SHA-1: a fast hash crackable at billions of guesses per second',
  sha256: 'unsalted SHA-256: a fast hash crackable at billions of guesses per second',
  sha512: 'unsalted SHA-512: a fast hash crackable at hundreds of millions of guesses per second',
  'sha1-base64': 'unsalted SHA-1 ({SHA}): a fast hash crackable at billions of guesses per second',
  'md5-or-ntlm':
    'unsalted MD5 or NTLM (32 hex digits): a fast hash crackable at billions of guesses per second',
  ntlm: 'NTLM (unsalted MD4): a fast hash crackable at billions of guesses per second',
  lm: 'LM hash: upper-cased, cut into two unsalted 7-character DES halves, cracked in minutes',
  ssha: 'salted SHA ({SSHA}): salted but fast, crackable at billions of guesses per second',
  md5crypt: 'md5crypt ($1$): 1,000 MD5 rounds, crackable at millions of guesses per second',
  apr1: 'Apache apr1 (md5crypt): 1,000 MD5 rounds, crackable at millions of guesses per second',
  descrypt:
    'traditional DES crypt: only the first 8 characters count and there are 4,096 salts; crackable at billions of guesses per second',
  plaintext: 'stored in plaintext: whoever reads this table has every password',
};

const ALIASES: Record<string, HashAlgorithm> = {
  argon2: 'argon2id',
  pbkdf2: 'pbkdf2-sha1',
  'pbkdf2-hmac-sha1': 'pbkdf2-sha1',
  'pbkdf2-hmac-sha256': 'pbkdf2-sha256',
  'pbkdf2-hmac-sha512': 'pbkdf2-sha512',
  'sha-512-crypt': 'sha512crypt',
  'sha-256-crypt': 'sha256crypt',
  'md5-crypt': 'md5crypt',
  'des-crypt': 'descrypt',
  crypt: 'descrypt',
  'ldap-sha': 'sha1-base64',
  'ldap-ssha': 'ssha',
  '2b': 'bcrypt',
  '2y': 'bcrypt',
  nt: 'ntlm',
  md4: 'ntlm',
  plain: 'plaintext',
  cleartext: 'plaintext',
};

const RATEABLE: readonly HashAlgorithm[] = [
  'argon2id',
  'argon2i',
  'argon2d',
  'scrypt',
  'yescrypt',
  'bcrypt',
  'pbkdf2-sha1',
  'pbkdf2-sha256',
  'pbkdf2-sha512',
  'sha512crypt',
  'sha256crypt',
  ...(Object.keys(FAST) as HashAlgorithm[]),
];

/** Rates a scheme given by name and parameters, or read from one stored hash. */
export function rateHashScheme(input: HashSchemeInput): HashSchemeRating {
  if ('hash' in input) {
    const stored = describeStoredHash(input.hash, { format: 'csv' });
    if (stored.algo === 'empty') throw new Error('the hash is empty: nothing to rate');
    if (stored.algo === 'unknown' || stored.algo === 'locked') {
      throw new Error(
        'could not recognise the scheme of this hash; give the algorithm and its parameters instead',
      );
    }
    return rateScheme(stored.algo, stored.params);
  }
  const name = input.algo.trim().toLowerCase().replace(/_/g, '-');
  const algo = ALIASES[name] ?? (name as HashAlgorithm);
  if (!RATEABLE.includes(algo)) {
    throw new Error(
      `unknown hash algorithm "${input.algo}": expected one of ${RATEABLE.join(', ')}`,
    );
  }
  return rateScheme(algo, input.params);
}

/** Rates an already recognised scheme (the audit's path). */
export function rateScheme(algo: HashAlgorithm, params: HashParams): HashSchemeRating {
  const fast = FAST[algo];
  if (fast) return { algo, params, verdict: 'broken', reasons: [fast], recommendation: MIGRATE };
  const rate = (verdict: HashVerdict, reasons: string[], recommendation: string) => ({
    algo,
    params,
    verdict,
    reasons,
    recommendation,
  });
  switch (algo) {
    case 'argon2id':
    case 'argon2i':
    case 'argon2d':
      return rateArgon2(algo, params, rate);
    case 'scrypt':
      return rateScrypt(params, rate);
    case 'bcrypt': {
      const cost = numberParam(algo, params, ['cost', 'rounds', 'log_rounds']);
      const limit =
        'bcrypt reads at most 72 bytes of a password: longer ones are cut (pre-hashing to avoid that invites hash shucking)';
      const reasons = [limit];
      if (params['prehash']) reasons.push(`the password is pre-hashed with ${params['prehash']}`);
      if (cost < 10) {
        return rate(
          'weak',
          [`bcrypt cost ${cost} is below the OWASP minimum of 10`, ...reasons],
          `raise the cost to 10 or more (or ${MIGRATE})`,
        );
      }
      return rate(
        'acceptable',
        [`bcrypt cost ${cost} meets the OWASP minimum of 10`, ...reasons],
        `keep; for new systems prefer ${ARGON2ID_TARGET}`,
      );
    }
    case 'pbkdf2-sha1':
    case 'pbkdf2-sha256':
    case 'pbkdf2-sha512': {
      const iterations = numberParam(algo, params, ['iterations', 'i', 'rounds']);
      const minimum = PBKDF2_MINIMUM[algo]!;
      const label = `PBKDF2-HMAC-${algo.slice(7).toUpperCase()}`;
      if (iterations < minimum) {
        return rate(
          'weak',
          [
            `${label} with ${fmt(iterations)} iterations is below the OWASP minimum of ${fmt(minimum)}`,
          ],
          `raise to ${fmt(minimum)} iterations or ${MIGRATE}`,
        );
      }
      return rate(
        'acceptable',
        [
          `${label} with ${fmt(iterations)} iterations meets the OWASP minimum of ${fmt(minimum)}`,
          'PBKDF2 is not memory-hard: OWASP keeps it for systems that need FIPS-140 validation',
        ],
        `keep where FIPS-140 is required; otherwise prefer ${ARGON2ID_TARGET}`,
      );
    }
    case 'sha512crypt':
    case 'sha256crypt': {
      const rounds = numberParam(algo, params, ['rounds', 'iterations']);
      const minimum = SHA_CRYPT_MINIMUM[algo]!;
      const label = algo === 'sha512crypt' ? 'sha512crypt ($6$)' : 'sha256crypt ($5$)';
      const note = `OWASP does not list SHA-crypt; Ward asks for the PBKDF2 minimum of the same hash (${fmt(minimum)})`;
      if (rounds < minimum) {
        return rate(
          'weak',
          [`${label} with ${fmt(rounds)} rounds is fast to attack on GPUs`, note],
          `raise rounds= to ${fmt(minimum)} or more, or switch to yescrypt or ${ARGON2ID_TARGET}`,
        );
      }
      return rate(
        'acceptable',
        [`${label} with ${fmt(rounds)} rounds`, note],
        `keep; prefer yescrypt or ${ARGON2ID_TARGET} for new passwords`,
      );
    }
    case 'yescrypt':
      return rate(
        'acceptable',
        [
          'yescrypt: memory-hard, the default of current Linux distributions (Ward does not read its cost parameters)',
        ],
        'keep the distribution default or stronger',
      );
    default:
      throw new Error(`cannot rate "${algo}"`);
  }
}

type Rate = (verdict: HashVerdict, reasons: string[], recommendation: string) => HashSchemeRating;

function rateArgon2(algo: HashAlgorithm, params: HashParams, rate: Rate): HashSchemeRating {
  const m = numberParam(algo, params, ['m', 'memory']);
  const t = numberParam(algo, params, ['t', 'iterations', 'time']);
  const p = numberParam(algo, params, ['p', 'parallelism']);
  const setting = `${algo} m=${m} KiB, t=${t}, p=${p}`;
  const meets = ARGON2_PAIRS.some(([minM, minT]) => m >= minM && t >= minT) && p >= 1;
  const pairs = ARGON2_PAIRS.map(([minM, minT]) => `${minM}/${minT}`).join(', ');
  if (!meets) {
    return rate(
      'weak',
      [`${setting} is below every OWASP minimum (m KiB / t: ${pairs}, p=1)`],
      `raise to m=19456 KiB, t=2, p=1 (or an equivalent pair) and rehash at next login${algo === 'argon2id' ? '' : ', using argon2id'}`,
    );
  }
  if (algo !== 'argon2id') {
    return rate(
      'acceptable',
      [
        `${setting} meets the OWASP memory and time minimum`,
        `OWASP recommends argon2id, which combines ${algo}'s defences with the other variant's`,
      ],
      'switch the variant to argon2id at the next rehash',
    );
  }
  return rate(
    'strong',
    [`${setting} meets the OWASP minimum (m=19456 KiB, t=2, p=1 or an equivalent pair)`],
    'no change needed; raise m as the hardware allows',
  );
}

function rateScrypt(params: HashParams, rate: Rate): HashSchemeRating {
  const N = numberParam('scrypt', params, ['N', 'n', 'cost']);
  const r = numberParam('scrypt', params, ['r', 'blocksize']);
  const p = numberParam('scrypt', params, ['p', 'parallelism']);
  const setting = `scrypt N=2^${Math.log2(N).toFixed(Number.isInteger(Math.log2(N)) ? 0 : 1)}, r=${r}, p=${p}`;
  const meets = r >= 8 && SCRYPT_PAIRS.some(([minN, minP]) => N >= minN && p >= minP);
  if (!meets) {
    return rate(
      'weak',
      [
        `${setting} is below every OWASP minimum (N=2^17 p=1, 2^16/2, 2^15/3, 2^14/5, 2^13/10, all with r=8)`,
      ],
      `raise to N=2^17, r=8, p=1 (or an equivalent pair) or ${MIGRATE}`,
    );
  }
  return rate(
    'strong',
    [`${setting} meets the OWASP minimum (N=2^17, r=8, p=1 or an equivalent pair)`],
    'no change needed',
  );
}

const fmt = (n: number) => n.toLocaleString('en-US');

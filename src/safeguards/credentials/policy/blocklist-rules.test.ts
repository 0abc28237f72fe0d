import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { BreachedLookup } from '../breached-lookup.ts';
import { createPasswordPolicy, type PasswordCheckContext } from './index.ts';

let corpus: BreachedLookup | undefined;
const policy = createPasswordPolicy({
  orgNames: ["St Mary's Hospital", 'SMH'],
  departments: ['Cardiology', 'Accident & Emergency'],
  extraWords: ['Riverside Campus'],
  breached: () => corpus,
});
const jane: PasswordCheckContext = { username: 'jdoe', displayName: 'Jane Doe-Smithson' };
const mfa: PasswordCheckContext = { ...jane, accountClass: 'multi_factor' };

const codesFor = (password: string, context: PasswordCheckContext = jane) =>
  policy.check(password, context).reasons.map((r) => r.code);
const messageFor = (password: string, context: PasswordCheckContext = jane) =>
  policy.check(password, context).reasons.map((r) => r.message);

// Keyed by upper-case hex, as the Pwned Passwords files are; null = no corpus of that kind.
function corpusOf(
  sha1: Record<string, number> | null,
  ntlm: Record<string, number> | null,
): BreachedLookup {
  const count = (table: Record<string, number> | null, digest: Uint8Array) =>
    table ? (table[Buffer.from(digest).toString('hex').toUpperCase()] ?? 0) : undefined;
  return {
    sha1Count: (digest) => count(sha1, digest),
    ntlmCount: (digest) => count(ntlm, digest),
  };
}

describe('blocklist: breached corpus', () => {
  it('rejects a password found by SHA-1 and reports the count', () => {
    corpus = corpusOf({ '5BAA61E4C9B93F3F0682250B6CF8331B7EE68FD8': 52_256_179 }, null);
    const result = policy.check('password', mfa);
    expect(result.breachedCount).toBe(52_256_179);
    expect(result.reasons[0]).toEqual({
      code: 'breached',
      message:
        'This password has been seen 52,256,179 times in data breaches, so attackers try it early; choose one you have never used anywhere else.',
    });
    expect(result.reasons.map((r) => r.code)).toEqual(['breached', 'common_password']);
    // A passphrase that passes every other rule is still refused once it is in the corpus.
    const phrase = 'purple elephant dancing slowly';
    const digest = createHash('sha1').update(phrase).digest('hex').toUpperCase();
    corpus = corpusOf({ [digest]: 1 }, null);
    expect(messageFor(phrase)).toEqual([expect.stringMatching(/seen once in data breaches/)]);
    expect(policy.check('correct horse battery staple', jane)).toMatchObject({
      ok: true,
      breachedCount: 0,
    });
  });

  it('uses the NT hash when only an NTLM corpus is imported', () => {
    corpus = corpusOf(null, { '8846F7EAEE8FB117AD06BDD830B7586C': 3_000_000 });
    const result = policy.check('password', mfa);
    expect(result.breachedCount).toBe(3_000_000);
    expect(result.reasons[0]?.message).toMatch(/seen 3,000,000 times/);
  });

  it('reports breachedCount null without a corpus', () => {
    corpus = corpusOf(null, null);
    expect(policy.check('password', mfa).breachedCount).toBeNull();
    corpus = undefined;
    expect(policy.check('password', mfa).breachedCount).toBeNull();
  });
});

describe('blocklist: words and context', () => {
  it('rejects common passwords after undoing look-alikes and padding', () => {
    expect(codesFor('P@55w0rd!123', mfa)).toEqual(['common_password']);
    expect(codesFor('Password!!2024!!')).toEqual(['common_password']);
    expect(codesFor('welcome2024welcome')).toEqual(['common_password']);
    expect(codesFor('Welcome to the Jungle!')).toEqual(['common_password']);
    expect(messageFor('passwordpassword')).toEqual([
      expect.stringMatching(/most commonly used passwords.*use a few unrelated words instead/),
    ]);
  });

  it('rejects a single dictionary word or name, repeated or padded, but not names inside phrases', () => {
    expect(codesFor('Hippopotamus2024!')).toEqual(['dictionary_word']);
    expect(codesFor('telescopetelescope')).toEqual(['dictionary_word']);
    expect(codesFor('Alexandrina2024!!!')).toEqual(['dictionary_word']);
    expect(messageFor('Telescope#2024!!')).toEqual([
      expect.stringMatching(/single dictionary word or name/),
    ]);
    expect(codesFor('alexandrina paints blue kites')).toEqual([]);
  });

  it("rejects the hospital's names and departments when they make up most of the password", () => {
    expect(codesFor('StMarys2024!!!!!')).toEqual(['context_word']);
    expect(codesFor('SMH-2024-SMH-2024')).toEqual(['context_word']);
    expect(codesFor('Cardiology123456!')).toEqual(['context_word']);
    expect(codesFor('riverside campus 2024')).toEqual(['context_word']);
    expect(messageFor('St Marys Hospital 1')).toEqual([
      expect.stringMatching(/name of the hospital or one of its departments/),
    ]);
    expect(codesFor('mary sells sea shells by the shore')).toEqual([]);
  });

  it('rejects medical terms that make up most of the password, not a passing mention', () => {
    expect(codesFor('Nurse2024!!!!!!!!')).toEqual(['medical_term']);
    expect(codesFor('smh icu ward nurse')).toEqual(['medical_term']);
    expect(messageFor('Radiology#2024!!!')).toEqual([
      expect.stringMatching(/medical or hospital term/),
    ]);
    expect(codesFor('the ward sister sings loudly at dawn')).toEqual([]);
  });

  it('rejects the username and the name, ignoring case, spaces and look-alikes', () => {
    expect(messageFor('my name is JDOE and that is it')).toEqual([
      'Do not include your username in your password.',
    ]);
    expect(codesFor('jdoe and jane went up the hill')).toEqual(['username', 'personal_name']);
    expect(codesFor('purple jd0e elephants dancing')).toEqual(['username']);
    expect(codesFor('orange kites for CORP\\jdoe', { username: 'CORP\\jdoe' })).toEqual([
      'username',
    ]);
    expect(codesFor('smithson forever and ever')).toEqual(['personal_name']);
    expect(codesFor('Jane Doe-Smithson rocks!!')).toEqual(['personal_name']);
    // A name part equal to the username is one problem, reported once.
    expect(codesFor('alice alice alice', { username: 'alice', displayName: 'alice' })).toEqual([
      'username',
    ]);
  });

  it('rejects seasons, months and years in single- and multi-factor accounts', () => {
    expect(codesFor('Summer2024!')).toEqual(['too_short', 'season_or_year']);
    expect(codesFor('Summer2024!', mfa)).toEqual(['season_or_year']);
    expect(codesFor('winter24', mfa)).toEqual(['season_or_year']);
    expect(codesFor('Summ3r-2024-Summ3r')).toEqual(['season_or_year']);
    expect(codesFor('2025-January-2025')).toEqual(['season_or_year']);
    expect(messageFor('October!!!!!!!!!!')).toEqual([
      expect.stringMatching(/^Seasons, months and years/),
    ]);
    expect(codesFor('we met one summer long ago in 1999')).toEqual([]);
  });

  it('rejects keyboard patterns, repeats and sequences', () => {
    expect(codesFor('aaaaaaaaaaaaaaa')).toEqual(['pattern']);
    expect(codesFor('123456789012345')).toEqual(['pattern']);
    expect(codesFor('qwertyuiopasdfg')).toEqual(['pattern']);
    expect(codesFor('Qwerty Uiop Asdfgh')).toEqual(['pattern']);
    expect(codesFor('1q2w3e4r5t6y7u8i')).toEqual(['pattern']);
    expect(codesFor('ponmlkjihgfedcba')).toEqual(['pattern']);
    expect(messageFor('xk9mxk9mxk9mxk9m')).toEqual([
      expect.stringMatching(/keyboard pattern, repeat or sequence/),
    ]);
  });

  it('falls back to the strength estimate, giving the crack time', () => {
    const result = policy.check('Xk9#mQ2z', mfa);
    expect(result.strength.score).toBeLessThan(3);
    expect(result.reasons).toEqual([
      {
        code: 'weak',
        message: `This password is too easy to guess (an attacker with a stolen copy of the password database could find it in ${result.strength.crackTime}); add another unrelated word or two.`,
      },
    ]);
    expect(result.strength.crackTime).toMatch(/\d+ (seconds?|minutes?|hours?|days?)/);
  });
});

describe('blocklist: reporting', () => {
  it('gives each reason once', () => {
    for (const password of [
      'jdoe',
      'Jdoe Jdoe Jdoe 2024',
      'St Marys Cardiology Nurse',
      'Summer2024 Summer2024',
      'password1',
      'P@55w0rd!123',
    ]) {
      const found = codesFor(password);
      expect(new Set(found).size, password).toBe(found.length);
      expect(found.length, password).toBeGreaterThan(0);
    }
  });

  it('never echoes the password or the part that matched', () => {
    const result = policy.check('StMarys-Zebra-2024', jane);
    expect(result.ok).toBe(false);
    const text = JSON.stringify(result).toLowerCase();
    expect(text).not.toContain('zebra');
    expect(text).not.toContain('stmarys');
  });

  it('offers reasonsFor with just the messages', () => {
    expect(policy.reasonsFor('purple elephant dancing slowly', jane)).toEqual([]);
    expect(policy.reasonsFor('Summer2024!', mfa)).toEqual([
      'Seasons, months and years (such as "Summer2024") are among the first guesses attackers make; use a few unrelated words instead.',
    ]);
  });
});

import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { PasswordCheckResult } from '../../../api-types.ts';
import { generatePassword } from '../../../platform/auth/generate-password.ts';
import {
  createPasswordPolicy,
  UnknownAccountClassError,
  type PasswordCheckContext,
} from './index.ts';

const policy = createPasswordPolicy({
  minLength: { service: 20, privileged: 20 },
  orgNames: ["St Mary's Hospital", 'SMH'],
  departments: ['Cardiology', 'Accident & Emergency'],
  extraWords: ['Riverside Campus'],
});
const jane: PasswordCheckContext = { username: 'jdoe', displayName: 'Jane Doe-Smithson' };
const mfa: PasswordCheckContext = { ...jane, accountClass: 'multi_factor' };

const codes = (result: PasswordCheckResult) => result.reasons.map((r) => r.code);
const codesFor = (password: string, context: PasswordCheckContext = jane) =>
  codes(policy.check(password, context));

describe('password policy: acceptable passwords', () => {
  it.each([
    'correct horse battery staple',
    'purple elephant dancing slowly',
    'purple elephants dance at noon',
    'the ward sister sings loudly at dawn',
    'ünïcödé pässwörd ∑ 雪',
    'hL4$vQ9!zR2@mN7#pK5&',
  ])('accepts %j', (password) => {
    const result = policy.check(password, jane);
    expect(result.reasons).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.strength.score).toBeGreaterThanOrEqual(3);
    expect(result.minLength).toBe(15);
    expect(result.breachedCount).toBeNull();
  });

  it('accepts random 20-character strings', () => {
    for (let i = 0; i < 5; i++) {
      expect(codesFor(randomBytes(15).toString('base64url'))).toEqual([]);
    }
  });
});

describe('password policy: length', () => {
  it('asks for 15 characters without a second factor, 8 with one, and the configured minimum', () => {
    const summer = policy.check('Summer2024!', jane);
    expect(summer.reasons[0]).toEqual({
      code: 'too_short',
      message:
        'Use at least 15 characters (this one has 11); a few ordinary words with spaces are easy to remember.',
    });
    expect(policy.check('Tq7#vL2m9x', mfa).ok).toBe(true);
    expect(codesFor('Tq7#vL2m9x')).toEqual(['too_short']);
    expect(policy.check('quiet orange kites', jane).ok).toBe(true);
    const service = policy.check('quiet orange kites', { accountClass: 'service' });
    expect(service.minLength).toBe(20);
    expect(service.reasons.map((r) => r.message)).toEqual([
      expect.stringMatching(/^Use at least 20 characters \(this one has 18\)/),
    ]);
  });

  it('counts code points after NFKC normalisation', () => {
    // A decomposed é is two code points typed, one after NFKC.
    expect(policy.check('cafe\u0301 au lait', jane).reasons[0]?.message).toMatch(
      /this one has 12\)/,
    );
    // The "fi" ligature is one code point typed and two after NFKC: 14 becomes 15.
    expect(codesFor('\ufb01ve purple owl')).toEqual([]);
    // 15 emoji are 30 UTF-16 units but 15 characters.
    expect(codesFor('🐘🦒🦓🐅🐆🦌🦬🐃🐂🐄🐎🐖🐏🐑🦙')).toEqual([]);
  });

  it('allows up to 256 characters', () => {
    const long = [0, 1, 2, 3, 4]
      .map((i) => createHash('sha256').update(String(i)).digest('hex'))
      .join('');
    expect(codesFor(long.slice(0, 256))).toEqual([]);
    expect(policy.check(long.slice(0, 257), jane).reasons).toEqual([
      { code: 'too_long', message: 'Use at most 256 characters (this one has 257).' },
    ]);
  });

  it('refuses control characters but allows spaces and symbols', () => {
    expect(policy.check('tab\tseparated words here', jane).reasons).toEqual([
      {
        code: 'control_characters',
        message:
          'Use printable characters only: tabs, line breaks and other control characters are not allowed.',
      },
    ]);
    expect(codesFor('line\nbreak between the words')).toEqual(['control_characters']);
    expect(codesFor('~ purple { elephants } dance @ noon ~')).toEqual([]);
  });
});

describe('password policy: account classes and options', () => {
  it('names the known classes when given an unknown one', () => {
    expect(() => policy.check('correct horse battery staple', { accountClass: 'admin' })).toThrow(
      new UnknownAccountClassError(
        'Unknown account class "admin"; known classes: single_factor, multi_factor, service, privileged.',
      ),
    );
  });

  it('does not take inherited object properties for account classes', () => {
    for (const accountClass of ['constructor', '__proto__', 'toString']) {
      expect(() => policy.check('correct horse battery staple', { accountClass })).toThrow(
        UnknownAccountClassError,
      );
    }
  });

  it('refuses options below the NIST floors', () => {
    expect(() => createPasswordPolicy({ maxLength: 32 })).toThrow(/maxLength .* at least 64/);
    expect(() => createPasswordPolicy({ minLength: { single_factor: 12 } })).toThrow(
      /minLength.single_factor .* from 15/,
    );
    expect(() => createPasswordPolicy({ minLength: { kiosk: 6 } })).toThrow(/minLength.kiosk/);
    expect(() => createPasswordPolicy({ minScore: 5 })).toThrow(/minScore/);
  });

  it('applies a higher minimum score when configured', () => {
    const strict = createPasswordPolicy({ minScore: 4 });
    expect(codes(strict.check('Tq7#vL2m9x', { accountClass: 'multi_factor' }))).toEqual(['weak']);
  });
});

// The checker this policy replaces for Ward's own accounts (src/platform/auth/password-policy.ts):
// whatever it refused must stay refused, what it accepted and generated must still pass.
describe('password policy: replaces the platform checker', () => {
  it('refuses what the platform checker refused', () => {
    for (const password of [
      'short pass 12',
      'tab\tseparated words here',
      'my name is JDOE and that is it',
      'smithson forever and ever',
      'Jane Doe-Smithson rocks!!',
      'passwordpassword',
      'Password!!2024!!',
      'summer2024summer',
      'Qwerty Uiop Asdfgh',
      'aaaaaaaaaaaaaaaaaaaa',
      'abababababababab',
      '1234567890123456',
      'ponmlkjihgfedcba',
      'jdoe',
      '1qaz2wsx3edc4rfv',
      'iloveyou12345678',
      'welcometothejungle',
      'hospitalpassword',
      'password2024password',
    ]) {
      expect(policy.check(password, jane).ok, password).toBe(false);
    }
    expect(policy.check('alice alice alice', { username: 'alice' }).ok).toBe(false);
  });

  it('accepts its generated passwords', () => {
    for (let i = 0; i < 10; i++) {
      const password = generatePassword({ username: 'jdoe', displayName: 'Jane Doe-Smithson' });
      expect(policy.reasonsFor(password, jane), password).toEqual([]);
    }
  });
});

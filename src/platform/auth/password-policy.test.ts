import { describe, expect, it } from 'vitest';
import { generatePassword } from './generate-password.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { checkPasswordPolicy } from './password-policy.ts';

const ctx = { username: 'jdoe', displayName: 'Jane Doe-Smithson' };

describe('checkPasswordPolicy', () => {
  it('accepts a long passphrase with spaces and no composition rules', () => {
    expect(checkPasswordPolicy('purple elephants dance at noon', ctx)).toEqual([]);
    expect(checkPasswordPolicy('ünïcödé pässwörd ∑ 雪', ctx)).toEqual([]);
  });

  it('requires at least 15 characters, counting code points and saying how many there are', () => {
    const reasons = checkPasswordPolicy('short pass 12', ctx);
    expect(reasons).toEqual([expect.stringMatching(/at least 15 characters \(this one has 13\)/)]);
    // 15 emoji are 30 UTF-16 units but 15 characters: long enough.
    expect(checkPasswordPolicy('🐘🦒🦓🐅🐆🦌🦬🐃🐂🐄🐎🐖🐏🐑🦙', ctx)).toEqual([]);
  });

  it('allows up to 256 characters', () => {
    expect(
      checkPasswordPolicy('x'.repeat(100) + 'y'.repeat(100) + 'z'.repeat(56) + 'w', ctx),
    ).toEqual([expect.stringMatching(/at most 256 characters \(this one has 257\)/)]);
  });

  it('rejects control characters', () => {
    expect(checkPasswordPolicy('tab\tseparated words here', ctx)).toEqual([
      expect.stringMatching(/control characters/),
    ]);
  });

  it('rejects the username and the display name, ignoring case and spaces', () => {
    expect(checkPasswordPolicy('my name is JDOE and that is it', ctx)).toEqual([
      expect.stringMatching(/username/),
    ]);
    expect(checkPasswordPolicy('smithson forever and ever', ctx)).toEqual([
      expect.stringMatching(/your name/),
    ]);
    expect(checkPasswordPolicy('Jane Doe-Smithson rocks!!', ctx)).toEqual([
      expect.stringMatching(/your name/),
    ]);
  });

  it('rejects common passwords and common roots padded to length', () => {
    expect(checkPasswordPolicy('passwordpassword', ctx)).toEqual([
      expect.stringMatching(/most commonly used/),
    ]);
    expect(checkPasswordPolicy('Password!!2024!!', ctx)).toEqual([
      expect.stringMatching(/most commonly used/),
    ]);
    expect(checkPasswordPolicy('summer2024summer', ctx)).toEqual([
      expect.stringMatching(/most commonly used/),
    ]);
    expect(checkPasswordPolicy('Qwerty Uiop Asdfgh', ctx)).toEqual([
      expect.stringMatching(/most commonly used/),
    ]);
  });

  it('rejects repeated and sequential patterns', () => {
    expect(checkPasswordPolicy('aaaaaaaaaaaaaaaaaaaa', ctx)).toEqual([
      expect.stringMatching(/repeated or sequential/),
    ]);
    expect(checkPasswordPolicy('abababababababab', ctx)).toEqual([
      expect.stringMatching(/repeated or sequential/),
    ]);
    expect(checkPasswordPolicy('1234567890123456', ctx)).toEqual([
      expect.stringMatching(/most commonly used|repeated or sequential/),
    ]);
    expect(checkPasswordPolicy('ponmlkjihgfedcba', ctx)).toEqual([
      expect.stringMatching(/repeated or sequential/),
    ]);
  });

  it('lists every reason that applies, once each', () => {
    expect(checkPasswordPolicy('jdoe', ctx)).toHaveLength(2);
    expect(
      checkPasswordPolicy('alice alice alice', { username: 'alice', displayName: 'alice' }),
    ).toEqual([expect.stringMatching(/username/)]);
  });

  it('generates passwords that pass', () => {
    const a = generatePassword(ctx);
    expect(checkPasswordPolicy(a, ctx)).toEqual([]);
    expect(a).not.toBe(generatePassword(ctx));
  });
});

describe('password hashing', () => {
  it('uses argon2id with the OWASP parameters and verifies', async () => {
    const hash = await hashPassword('purple elephants dance at noon');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'purple elephants dance at noon')).toBe(true);
    expect(await verifyPassword(hash, 'purple elephants dance at noon!')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });

  it('normalises Unicode so composed and decomposed input match', async () => {
    const composed = 'caf\u00e9 au lait every morning';
    const decomposed = 'cafe\u0301 au lait every morning';
    expect(await verifyPassword(await hashPassword(composed), decomposed)).toBe(true);
  });
});

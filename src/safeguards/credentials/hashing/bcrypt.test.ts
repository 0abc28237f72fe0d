import { describe, expect, it } from 'vitest';
import { bcryptBase64Decode, bcryptHash, verifyBcrypt } from './bcrypt.ts';
import { piFractionWords } from './pi-hex.ts';

describe('piFractionWords', () => {
  it("gives Blowfish's constants (first P word, first and last S-box words)", () => {
    const words = piFractionWords(18 + 1024);
    expect(words[0]!.toString(16)).toBe('243f6a88');
    expect(words[17]!.toString(16)).toBe('8979fb1b');
    expect(words[18]!.toString(16)).toBe('d1310ba6');
    expect(words[1041]!.toString(16)).toBe('3ac372e6');
  });
});

describe('verifyBcrypt', () => {
  // Vectors from the OpenBSD and jBCrypt test suites.
  const vectors: Array<[string, string]> = [
    ['', '$2a$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s.'],
    ['U*U', '$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW'],
    ['a', '$2a$06$m0CrhHm10qJ3lXRY.5zDGO3rS2KdeeWLuGmsfGlMfOxih58VYVfxe'],
    ['abc', '$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i'],
    ['abcdefghijklmnopqrstuvwxyz', '$2a$06$.rCVZVOThsIa97pEDOxvGuRRgzG64bvtJ0938xuqzv18d3ZpQhstC'],
    [
      '~!@#$%^&*()      ~!@#$%^&*()PNBFRD',
      '$2a$06$fPIsBO8qRqkjj273rfaOI.HtSV9jLDpTbZn782DC6/t7qT67P6FfO',
    ],
  ];
  it.each(vectors)('accepts %j against its published hash', (password, stored) => {
    expect(verifyBcrypt(password, stored)).toBe(true);
    expect(verifyBcrypt(`${password}x`, stored)).toBe(false);
  });

  it('reproduces a $2b$ hash (libxcrypt output)', () => {
    const salt = bcryptBase64Decode('abcdefghijklmnopqrstuu');
    expect(bcryptHash('password', salt, 4)).toBe(
      '$2b$04$abcdefghijklmnopqrstuughE8Ev8uGFaUgY2cNEySvxngrb/Jzdm',
    );
  });

  it('reads only the first 72 bytes', () => {
    const salt = new Uint8Array(16).fill(3);
    const long = 'x'.repeat(72);
    expect(verifyBcrypt(`${long}anything`, bcryptHash(long, salt, 4))).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { bcryptShaped, hex, md5crypt, sha512crypt } from './dump-factories.ts';
import { parseHashCheckParams } from './hash-check-params.ts';
import { rateHashScheme } from './hash-rating.ts';

const verdict = (algo: string, params: string) =>
  rateHashScheme({ algo, params: parseHashCheckParams(params) }).verdict;

describe('rateHashScheme at the OWASP boundaries', () => {
  it('argon2id: m=19456 t=2 p=1 and the equivalent pairs are strong, one step below is weak', () => {
    expect(verdict('argon2id', 'm=19456,t=2,p=1')).toBe('strong');
    expect(verdict('argon2id', 'm=19455,t=2,p=1')).toBe('weak');
    expect(verdict('argon2id', 'm=19456,t=1,p=1')).toBe('weak');
    expect(verdict('argon2id', 'm=47104,t=1,p=1')).toBe('strong');
    expect(verdict('argon2id', 'm=12288,t=3,p=1')).toBe('strong');
    expect(verdict('argon2id', 'm=9216,t=4,p=1')).toBe('strong');
    expect(verdict('argon2id', 'm=7168,t=5,p=1')).toBe('strong');
    expect(verdict('argon2id', 'm=7168,t=4,p=1')).toBe('weak');
    expect(verdict('argon2i', 'm=19456,t=2,p=1')).toBe('acceptable');
  });

  it('scrypt: N=2^17 r=8 p=1 and the equivalent pairs', () => {
    expect(verdict('scrypt', 'N=2^17,r=8,p=1')).toBe('strong');
    expect(verdict('scrypt', 'N=2^16,r=8,p=1')).toBe('weak');
    expect(verdict('scrypt', 'N=2^16,r=8,p=2')).toBe('strong');
    expect(verdict('scrypt', 'ln=15,r=8,p=3')).toBe('strong');
    expect(verdict('scrypt', 'N=16384,r=8,p=5')).toBe('strong');
    expect(verdict('scrypt', 'N=2^13,r=8,p=10')).toBe('strong');
    expect(verdict('scrypt', 'N=2^13,r=8,p=9')).toBe('weak');
    expect(verdict('scrypt', 'N=2^17,r=4,p=1')).toBe('weak');
  });

  it('bcrypt: cost 10 is the floor, and the 72-byte limit is always mentioned', () => {
    const ok = rateHashScheme({ algo: 'bcrypt', params: { cost: 10 } });
    expect(ok.verdict).toBe('acceptable');
    expect(ok.reasons.join(' ')).toMatch(/72 bytes/);
    expect(verdict('bcrypt', 'cost=9')).toBe('weak');
  });

  it('PBKDF2: 1,300,000 (SHA-1), 600,000 (SHA-256), 210,000 (SHA-512)', () => {
    expect(verdict('pbkdf2-sha1', 'iterations=1300000')).toBe('acceptable');
    expect(verdict('pbkdf2-sha1', 'iterations=1299999')).toBe('weak');
    expect(verdict('pbkdf2-sha256', 'iterations=600000')).toBe('acceptable');
    expect(verdict('pbkdf2_sha256', 'iterations=599999')).toBe('weak');
    expect(verdict('PBKDF2-HMAC-SHA512', 'i=210000')).toBe('acceptable');
    expect(verdict('pbkdf2-sha512', 'i=209999')).toBe('weak');
  });

  it('fast and unsalted schemes are broken; sha512crypt at its default 5,000 rounds is weak', () => {
    for (const algo of [
      'md5',
      'sha1',
      'sha256',
      'sha512',
      'ntlm',
      'lm',
      'descrypt',
      'md5crypt',
      'plaintext',
    ]) {
      expect(verdict(algo, '')).toBe('broken');
    }
    expect(verdict('sha512crypt', 'rounds=5000')).toBe('weak');
    expect(verdict('sha512crypt', 'rounds=656000')).toBe('acceptable');
  });

  it('reads the scheme from a stored hash', () => {
    expect(rateHashScheme({ hash: hex('md5', 'x') }).verdict).toBe('broken');
    expect(rateHashScheme({ hash: md5crypt('x') }).verdict).toBe('broken');
    expect(rateHashScheme({ hash: sha512crypt('x') })).toMatchObject({
      algo: 'sha512crypt',
      params: { rounds: 5000 },
      verdict: 'weak',
    });
    expect(rateHashScheme({ hash: bcryptShaped(12) })).toMatchObject({
      algo: 'bcrypt',
      verdict: 'acceptable',
    });
    expect(rateHashScheme({ hash: bcryptShaped(12) }).recommendation).toMatch(/argon2id/);
  });

  it('says what is missing or unknown', () => {
    expect(() => rateHashScheme({ algo: 'argon2id', params: { m: 19456 } })).toThrow(
      /argon2id needs the parameter t/,
    );
    expect(() => rateHashScheme({ algo: 'rot13', params: {} })).toThrow(
      /unknown hash algorithm "rot13"/,
    );
    expect(() => rateHashScheme({ hash: '$9$what$ever' })).toThrow(/could not recognise/);
  });
});

describe('parseHashCheckParams', () => {
  it('reads numbers, powers of two and ln', () => {
    expect(parseHashCheckParams('m=19456,t=2,p=1')).toEqual({ m: 19456, t: 2, p: 1 });
    expect(parseHashCheckParams('N=2^17, r=8, p=1')).toEqual({ N: 131072, r: 8, p: 1 });
    expect(parseHashCheckParams('ln=17,r=8,p=1')).toEqual({ N: 131072, r: 8, p: 1 });
    expect(parseHashCheckParams('')).toEqual({});
  });

  it('names the item that is wrong', () => {
    expect(() => parseHashCheckParams('m=19456,t2')).toThrow(/item 2 "t2" is not key=value/);
    expect(() => parseHashCheckParams('m=1,m=2')).toThrow(/m is given twice/);
    expect(() => parseHashCheckParams('ln=x')).toThrow(/ln="x" is not a whole number/);
  });
});

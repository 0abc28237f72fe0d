import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { desEncrypt } from './des.ts';
import { lmHash, lmHex, NO_LM_HASH } from './lm.ts';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('desEncrypt', () => {
  it('gives the textbook FIPS 46 example (key 133457799BBCDFF1)', () => {
    const out = desEncrypt(
      Buffer.from('133457799bbcdff1', 'hex'),
      Buffer.from('0123456789abcdef', 'hex'),
    );
    expect(hex(out)).toBe('85e813540f0ab405');
  });

  it('matches OpenSSL on random blocks (two-key 3DES with K1 = K2 is single DES)', () => {
    let seed = 1;
    const next = () => (seed = (seed * 1103515245 + 12345) >>> 0) & 0xff;
    for (let i = 0; i < 100; i++) {
      const key = Buffer.from(Array.from({ length: 8 }, next));
      const block = Buffer.from(Array.from({ length: 8 }, next));
      const cipher = createCipheriv('des-ede-ecb', Buffer.concat([key, key]), null);
      cipher.setAutoPadding(false);
      expect(hex(desEncrypt(key, block))).toBe(cipher.update(block).toString('hex'));
    }
  });
});

describe('lmHash', () => {
  it('gives the LM hashes Windows stores', () => {
    expect(lmHex('password')).toBe('e52cac67419a9a224a3b108f3fa6cb6d');
    // What secretsdump prints for "no LM hash" is the LM hash of the empty password.
    expect(lmHex('')).toBe(NO_LM_HASH);
  });

  it('ignores case and has no hash past 14 characters', () => {
    expect(lmHex('PassWord')).toBe(lmHex('password'));
    expect(lmHash('fifteen-chars!!')).toBeUndefined();
    expect(lmHash('fourteen-chars')).toBeDefined();
  });
});

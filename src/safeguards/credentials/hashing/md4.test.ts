import { describe, expect, it } from 'vitest';
import { md4, md4Utf16le } from './md4.ts';
import { ntlmHex } from './ntlm.ts';

const hex = (s: string) => Buffer.from(md4(Buffer.from(s, 'latin1'))).toString('hex');

describe('md4', () => {
  it('matches the RFC 1320 appendix A.5 test suite', () => {
    expect(hex('')).toBe('31d6cfe0d16ae931b73c59d7e0c089c0');
    expect(hex('a')).toBe('bde52cb31de33e46245e05fbdbd6fb24');
    expect(hex('abc')).toBe('a448017aaf21d8525fc10ae87aa6729d');
    expect(hex('message digest')).toBe('d9130a8164549fe818874806e1c7014b');
    expect(hex('abcdefghijklmnopqrstuvwxyz')).toBe('d79e1c308aa5bbcdeea8ed63df412da9');
    expect(hex('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')).toBe(
      '043f8582f241db351ce627e153e7f0e4',
    );
    expect(hex('1234567890'.repeat(8))).toBe('e33b4ddc9c38f2199c3e7b164fcc0536');
  });
});

describe('ntlmHex', () => {
  it('gives the NT hashes Windows stores', () => {
    expect(ntlmHex('password')).toBe('8846F7EAEE8FB117AD06BDD830B7586C');
    // The empty password's NT hash is what secretsdump prints for accounts without one.
    expect(ntlmHex('')).toBe('31D6CFE0D16AE931B73C59D7E0C089C0');
  });
});

describe('md4Utf16le', () => {
  it('equals MD4 over the UTF-16LE bytes, across the one-block limit and beyond ASCII', () => {
    const out = new Uint8Array(16);
    for (const text of [
      '',
      'a',
      'ab',
      'x'.repeat(26),
      'y'.repeat(27),
      'z'.repeat(28),
      'é漢字€',
      'w'.repeat(70),
    ]) {
      md4Utf16le(text, out);
      expect(Buffer.from(out).toString('hex')).toBe(
        Buffer.from(md4(Buffer.from(text, 'utf16le'))).toString('hex'),
      );
    }
  });
});

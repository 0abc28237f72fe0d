import { describe, expect, it } from 'vitest';
import {
  apr1,
  argon2,
  bcrypt,
  bcryptShaped,
  descrypt,
  djangoPbkdf2,
  hex,
  ldapSha,
  ldapSsha,
  md5crypt,
  passlibScrypt,
  phcPbkdf2,
  sha256crypt,
  sha512crypt,
  werkzeugPbkdf2,
} from './dump-factories.ts';
import { describeStoredHash, detectHashAlgorithm } from './stored-hash.ts';

const csv = { format: 'csv' } as const;

describe('detectHashAlgorithm', () => {
  it('recognises crypt(3) and PHC strings with their parameters', async () => {
    const cases: Array<[string, string, Record<string, number | string>]> = [
      [bcryptShaped(12), 'bcrypt', { cost: 12 }],
      [bcrypt('x', 4), 'bcrypt', { cost: 4 }],
      [
        await argon2('x', { memoryCost: 19456, timeCost: 2 }),
        'argon2id',
        { m: 19456, t: 2, p: 1, v: 19 },
      ],
      [await argon2('x', { algorithm: 1 }), 'argon2i', { m: 1024, t: 1, p: 1, v: 19 }],
      [await argon2('x', { algorithm: 0 }), 'argon2d', { m: 1024, t: 1, p: 1, v: 19 }],
      [passlibScrypt('x', 10), 'scrypt', { N: 1024, r: 8, p: 1 }],
      [
        '$7$CU..../....SodiumChloride$siKSmmZgY8HQ/vgp0LEyi18bSR0Rm2AyTRfe12wvPXB',
        'scrypt',
        { N: 16384, r: 32, p: 1 },
      ],
      [djangoPbkdf2('x', 600000), 'pbkdf2-sha256', { iterations: 600000 }],
      [phcPbkdf2('x', 1000), 'pbkdf2-sha512', { iterations: 1000 }],
      [werkzeugPbkdf2('x', 1000), 'pbkdf2-sha256', { iterations: 1000 }],
      [sha512crypt('x', 'salt', 20000), 'sha512crypt', { rounds: 20000 }],
      [sha512crypt('x'), 'sha512crypt', { rounds: 5000 }],
      [sha256crypt('x'), 'sha256crypt', { rounds: 5000 }],
      [md5crypt('x'), 'md5crypt', {}],
      [apr1('x'), 'apr1', {}],
      [descrypt('x'), 'descrypt', {}],
      [ldapSha('x'), 'sha1-base64', {}],
      [ldapSsha('x', 'salt'), 'ssha', { digest: 'sha1' }],
      ['$y$j9T$saltsaltsalt$WJhblAc/BKcuw1LHqgcyvlsjC8J4ha9Wl82.5/aQSy8', 'yescrypt', {}],
    ];
    for (const [stored, algo, params] of cases) {
      const described = describeStoredHash(stored, { format: 'htpasswd' });
      expect({ algo: described.algo, params: described.params }).toEqual({ algo, params });
    }
  });

  it('reads bare hex digests by length; 32 hex digits are MD5 or NTLM outside an NTDS dump', () => {
    expect(detectHashAlgorithm(hex('md5', 'x'), csv)).toBe('md5-or-ntlm');
    expect(detectHashAlgorithm(hex('md5', 'x'), { format: 'ntds' })).toBe('ntlm');
    expect(detectHashAlgorithm(hex('sha1', 'x'), csv)).toBe('sha1');
    expect(detectHashAlgorithm(hex('sha256', 'x'), csv)).toBe('sha256');
    expect(detectHashAlgorithm(hex('sha512', 'x').toUpperCase(), csv)).toBe('sha512');
  });

  it('tells plaintext, empty, locked and unknown values apart', () => {
    expect(detectHashAlgorithm('Summer2024!', csv)).toBe('plaintext');
    expect(detectHashAlgorithm('{CLEARTEXT}hunter2', csv)).toBe('plaintext');
    expect(detectHashAlgorithm('', csv)).toBe('empty');
    expect(detectHashAlgorithm('!', { format: 'shadow' })).toBe('locked');
    expect(detectHashAlgorithm('*', { format: 'shadow' })).toBe('locked');
    expect(detectHashAlgorithm('$9$something$else', csv)).toBe('unknown');
    expect(detectHashAlgorithm('c29tZSBsb25nIGJhc2U2NCBibG9iIG9mIGJ5dGVzISE=', csv)).toBe(
      'unknown',
    );
  });

  it('unwraps Django prefixes', async () => {
    const inner = await argon2('x');
    expect(detectHashAlgorithm(`argon2${inner}`, csv)).toBe('argon2id');
    const wrapped = describeStoredHash(`bcrypt_sha256$${bcryptShaped(12)}`, csv);
    expect(wrapped).toMatchObject({ algo: 'bcrypt', params: { cost: 12, prehash: 'sha256' } });
  });
});

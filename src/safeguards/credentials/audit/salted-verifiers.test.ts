import { describe, expect, it } from 'vitest';
import {
  apr1,
  argon2,
  bcrypt,
  descrypt,
  djangoPbkdf2,
  ldapSsha,
  md5crypt,
  passlibScrypt,
  phcPbkdf2,
  sha256crypt,
  sha512crypt,
  werkzeugPbkdf2,
} from './dump-factories.ts';
import { saltedVerifier } from './salted-verifiers.ts';
import { describeStoredHash } from './stored-hash.ts';

const verifierFor = (stored: string) => {
  const verifier = saltedVerifier(describeStoredHash(stored, { format: 'csv' }));
  if (!verifier) throw new Error('no verifier');
  return verifier;
};

describe('saltedVerifier', () => {
  it('checks every computable salted scheme: right password yes, wrong password no', async () => {
    const stored = [
      md5crypt('Secret1'),
      apr1('Secret1'),
      sha256crypt('Secret1'),
      sha512crypt('Secret1'),
      descrypt('Secret1'),
      ldapSsha('Secret1', 'NaCl'),
      bcrypt('Secret1'),
      await argon2('Secret1'),
      await argon2('Secret1', { algorithm: 1 }),
      passlibScrypt('Secret1', 10),
      djangoPbkdf2('Secret1', 1000),
      phcPbkdf2('Secret1', 1000),
      werkzeugPbkdf2('Secret1', 1000),
    ];
    for (const text of stored) {
      const verifier = verifierFor(text);
      expect(await verifier.verify('Secret1'), text.slice(0, 12)).toBe(true);
      expect(await verifier.verify('Secret2'), text.slice(0, 12)).toBe(false);
    }
  });

  it('checks "$7$" scrypt (libxcrypt output for "password")', async () => {
    const verifier = verifierFor(
      '$7$CU..../....SodiumChloride$siKSmmZgY8HQ/vgp0LEyi18bSR0Rm2AyTRfe12wvPXB',
    );
    expect(await verifier.verify('password')).toBe(true);
  });

  it('classes slow settings as slow and cannot check yescrypt', async () => {
    expect(verifierFor(bcrypt('x', 4)).cost).toBe('fast');
    expect(verifierFor('$2b$10$' + 'N'.repeat(53)).cost).toBe('slow');
    expect(verifierFor(await argon2('x')).cost).toBe('slow');
    expect(verifierFor('pbkdf2_sha256$600000$salt$AAAA').cost).toBe('slow');
    const yescrypt = describeStoredHash(
      '$y$j9T$saltsaltsalt$WJhblAc/BKcuw1LHqgcyvlsjC8J4ha9Wl82.5/aQSy8',
      {
        format: 'shadow',
      },
    );
    expect(saltedVerifier(yescrypt)).toBeUndefined();
  });
});

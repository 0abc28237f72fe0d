import { describe, expect, it } from 'vitest';
import { desCrypt, verifyDesCrypt } from './des-crypt.ts';
import { md5Crypt, verifyMd5Crypt } from './md5-crypt.ts';
import { shaCrypt, verifyShaCrypt } from './sha-crypt.ts';

describe('shaCrypt', () => {
  // Test vectors from Drepper, "Unix crypt using SHA-256 and SHA-512" (SHA-crypt.txt).
  it('matches the specification vectors', () => {
    expect(shaCrypt('Hello world!', '$5$saltstring')).toBe(
      '$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5',
    );
    expect(shaCrypt('This is just a test', '$5$rounds=5000$toolongsaltstring')).toBe(
      '$5$rounds=5000$toolongsaltstrin$Un/5jzAHMgOGZ5.mWJpuVolil07guHPvOW8mGRcvxa5',
    );
    expect(shaCrypt('Hello world!', '$6$saltstring')).toBe(
      '$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1',
    );
    expect(shaCrypt('Hello world!', '$6$rounds=10000$saltstringsaltstring')).toBe(
      '$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v.',
    );
  });

  it('verifies the right password only', () => {
    const stored = shaCrypt('s3cret', '$6$abcdefgh');
    expect(verifyShaCrypt('s3cret', stored)).toBe(true);
    expect(verifyShaCrypt('s3cret!', stored)).toBe(false);
    expect(verifyShaCrypt('', shaCrypt('', '$5$xy'))).toBe(true);
  });
});

describe('md5Crypt', () => {
  // Reference outputs of glibc crypt(3) and `openssl passwd -apr1`.
  it('matches glibc and OpenSSL', () => {
    expect(md5Crypt('password', 'saltstri')).toBe('$1$saltstri$qQY4WxjABChYG1ccLpfkz/');
    expect(md5Crypt('', 'abc')).toBe('$1$abc$Or2rbeUYTvt12aiVzMuS/.');
    expect(md5Crypt('password', 'saltstri', '$apr1$')).toBe(
      '$apr1$saltstri$KbmdckUzuN1qd7Gpo8DEL.',
    );
  });

  it('uses at most 8 salt characters and verifies', () => {
    expect(md5Crypt('password', 'saltstringlong')).toBe(md5Crypt('password', 'saltstri'));
    expect(verifyMd5Crypt('password', '$apr1$saltstri$KbmdckUzuN1qd7Gpo8DEL.')).toBe(true);
    expect(verifyMd5Crypt('Password', '$apr1$saltstri$KbmdckUzuN1qd7Gpo8DEL.')).toBe(false);
  });
});

describe('desCrypt', () => {
  // Reference outputs of glibc crypt(3).
  it('matches glibc', () => {
    expect(desCrypt('password', 'ab')).toBe('abJnggxhB/yWI');
    expect(desCrypt('password', 'x.')).toBe('x.hKW7fGvsEPI');
    expect(desCrypt('foobar', 'x.')).toBe('x.FLY/ynmVx7Q');
    expect(desCrypt('', 'x.')).toBe('x.ETy8tWexL4E');
  });

  it('ignores everything past the eighth character', () => {
    expect(verifyDesCrypt('password-and-more', desCrypt('password', 'ab'))).toBe(true);
    expect(verifyDesCrypt('passwor', desCrypt('password', 'ab'))).toBe(false);
  });
});

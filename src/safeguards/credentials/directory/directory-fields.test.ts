import { describe, expect, it } from 'vitest';
import { parseColumnMapping } from './directory-fields.ts';

describe('parseColumnMapping', () => {
  it('reads field=column pairs, fields in any case, columns as written', () => {
    expect(
      parseColumnMapping('account=sAMAccountName,MFA=Has MFA; lastsignin = Last Logon'),
    ).toEqual({
      account: 'sAMAccountName',
      mfa: 'Has MFA',
      lastSignIn: 'Last Logon',
    });
    expect(parseColumnMapping('')).toEqual({});
  });

  it('refuses unknown fields, listing the known ones, and pairs without a column', () => {
    expect(() => parseColumnMapping('acount=sam')).toThrow(
      /^--map: unknown field "acount"; fields are account, upn, email, /,
    );
    expect(() => parseColumnMapping('account')).toThrow(
      '--map: expected field=column, got "account"',
    );
    expect(() => parseColumnMapping('mfa=')).toThrow('--map: expected field=column, got "mfa="');
  });
});

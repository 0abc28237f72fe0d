import { describe, expect, it } from 'vitest';
import { describesSharedAccount, isSharedAccountName } from './shared-names.ts';

describe('isSharedAccountName', () => {
  it('flags ward, desk, test and built-in names, with numbers and separators', () => {
    for (const name of [
      'admin',
      'Administrator',
      'nurse1',
      'nurses',
      'reception',
      'frontdesk',
      'front.desk',
      'ward3',
      'WARD-3',
      'theatre2',
      'lab',
      'pharmacy@stmarys.example.org',
      'STMARYS\\scanner01',
      'kiosk',
      'test_user2',
      'temp',
      'guest',
      'training7',
      'shared',
      'NurseStation4',
    ]) {
      expect(isSharedAccountName(name), name).toBe(true);
    }
  });

  it('leaves personal accounts alone, including names that contain generic words', () => {
    for (const name of [
      'jsmith',
      'adm-jsmith',
      'lab.jones',
      'edward',
      'Edward.Ward@stmarys.example.org',
      'j.ward',
      'tempest',
      'testa.m',
      'labrador',
      'guestrin',
      '12345',
    ]) {
      expect(isSharedAccountName(name), name).toBe(false);
    }
  });
});

describe('describesSharedAccount', () => {
  it('reads AD descriptions that say the account is shared', () => {
    expect(describesSharedAccount('Shared login for Ward 3 nurses station')).toBe(true);
    expect(describesSharedAccount('Generic account - pharmacy robot')).toBe(true);
    expect(describesSharedAccount('Staff nurse, cardiology')).toBe(false);
    expect(describesSharedAccount(null)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { suggestTargets } from './containment-targets.ts';
import { filterSelection } from './site-filter-selection.ts';

describe('suggestTargets', () => {
  it('lists distinct hosts and real accounts, skipping built-in and machine accounts', () => {
    const targets = suggestTargets([
      {
        host: 'WS-1',
        sample: { Computer: 'WS-1', SubjectUserName: 'SYSTEM', User: 'NT AUTHORITY\\SYSTEM' },
      },
      { host: 'ws-1', sample: { TargetUserName: 'alice' } },
      { host: null, sample: { Computer: 'WS-2', TargetUserName: 'WS-2$', SubjectUserName: 'bob' } },
    ]);
    expect(targets.isolate_host).toBe('WS-1, WS-2');
    expect(targets.disable_account).toBe('alice, bob');
    expect(targets.reset_credentials).toBe('alice, bob');
    expect(targets.block_hash).toBeNull();
  });

  it('takes the SHA256 out of a Sysmon Hashes field', () => {
    const sha = 'ab'.repeat(32);
    expect(
      suggestTargets([{ host: 'h', sample: { Hashes: `MD5=${'0'.repeat(32)},SHA256=${sha}` } }])
        .block_hash,
    ).toBe(sha.toUpperCase());
  });
});

describe('filterSelection', () => {
  it('keeps only the stable identifying fields present in the sample', () => {
    expect(
      filterSelection({
        Computer: 'WS-1',
        Image: 'C:\\a.exe',
        ProcessId: 4,
        CommandLine: '',
        IpAddress: '10.0.0.1',
        EventID: 1,
      }),
    ).toEqual({ Computer: 'WS-1', Image: 'C:\\a.exe', IpAddress: '10.0.0.1' });
    expect(filterSelection({ EventID: 4688 })).toEqual({});
  });
});

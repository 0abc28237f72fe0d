import { describe, expect, it } from 'vitest';
import { csvText, md5crypt, ntdsLine, sha512crypt, shadowLine } from './dump-factories.ts';
import { decodeDumpText, detectCredentialFormat, splitLines } from './format-detect.ts';
import { parseCsvDump } from './parse-csv.ts';
import { parseHtpasswd } from './parse-htpasswd.ts';
import { parseNtds } from './parse-ntds.ts';
import { parseShadow } from './parse-shadow.ts';

describe('detectCredentialFormat', () => {
  it('recognises each format from its content', () => {
    const ntds = [
      '[*] Dumping Domain Credentials (domain\\uid:rid:lmhash:nthash)',
      ntdsLine({ user: 'a', password: 'x' }),
      ntdsLine({ user: 'b', password: 'y', status: 'Enabled' }),
    ].join('\n');
    expect(detectCredentialFormat(ntds, 'dump.txt')).toBe('ntds');
    const shadow = [shadowLine('root', sha512crypt('x')), shadowLine('bin', '*')].join('\n');
    expect(detectCredentialFormat(shadow, 'shadow')).toBe('shadow');
    expect(detectCredentialFormat(`alice:${md5crypt('x')}\nbob:plain\n`, 'users')).toBe('htpasswd');
    expect(
      detectCredentialFormat(csvText(['id', 'email', 'password_hash'], [['1', 'a@b', 'h']]), 'x'),
    ).toBe('csv');
    expect(detectCredentialFormat(csvText(['login', 'pwd'], [['a', 'h']], ';'), 'export')).toBe(
      'csv',
    );
  });

  it('says what the lines looked like without quoting them', () => {
    const secret = 'TopSecretValue';
    const text = `one two three\n${secret} four\nfive`;
    let message = '';
    try {
      detectCredentialFormat(text, 'mystery.txt');
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/^mystery\.txt: could not tell the format from the first 3 lines/);
    expect(message).toMatch(/0% look like ntds/);
    expect(message).not.toContain(secret);
  });
});

describe('decodeDumpText', () => {
  it('reads UTF-8 with a BOM and UTF-16LE with a BOM', () => {
    expect(decodeDumpText(Buffer.from('\uFEFFa:b\n', 'utf8'))).toBe('a:b\n');
    const utf16 = Buffer.concat([Buffer.of(0xff, 0xfe), Buffer.from('a:b\n', 'utf16le')]);
    expect(decodeDumpText(utf16)).toBe('a:b\n');
  });
});

describe('parseNtds', () => {
  it('reads accounts, LM hashes and status; skips history, machines and Kerberos keys', () => {
    const lines = [
      ntdsLine({ user: 'alice', password: 'a', lm: true, status: 'Enabled' }),
      ntdsLine({ user: 'bob', password: 'b', status: 'Disabled', domain: '' }),
      ntdsLine({ user: 'bob_history0', password: 'old' }),
      ntdsLine({ user: 'WS01$', password: 'machine' }),
      'CORP\\alice:aes256-cts-hmac-sha1-96:00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff',
      'CORP\\alice:CLEARTEXT:NotShownAnywhere',
      'garbage',
      'CORP\\x:12:zz:yy:::',
    ];
    const dump = parseNtds(lines);
    expect(dump.accounts.map((a) => [a.account, a.username, a.line])).toEqual([
      ['CORP\\alice', 'alice', 1],
      ['bob', 'bob', 2],
    ]);
    expect(dump.accounts[0]).toMatchObject({ reversible: true });
    expect(dump.accounts[0]!.lmHash).toMatch(/^[0-9a-f]{32}$/);
    expect(dump.accounts[1]).toMatchObject({ status: 'disabled' });
    expect(dump.accounts[1]!.lmHash).toBeUndefined();
    expect(dump.skippedLines).toEqual([
      {
        line: 7,
        reason: expect.stringMatching(
          /expected user:rid:lmhash:nthash::: .*found 1 colon-separated field/,
        ),
      },
      { line: 8, reason: 'field 3 (LM hash) is not 32 hex digits' },
    ]);
    expect(dump.notes.join(' ')).toMatch(
      /1 password history line.*1 machine account.*1 Kerberos key line/,
    );
  });
});

describe('parseShadow', () => {
  it('reads hashes, locked accounts and empty fields', () => {
    const lines = [
      shadowLine('root', sha512crypt('x')),
      shadowLine('bin', '*'),
      shadowLine('old', `!${md5crypt('y')}`),
      shadowLine('nopw', ''),
      'broken:line:with:too:many:fields:1:2:3:4:5',
      'bad:hash:notanumber:0:99999:7:::',
    ];
    const dump = parseShadow(lines);
    expect(dump.accounts.map((a) => [a.account, a.status ?? '', a.hash.slice(0, 3)])).toEqual([
      ['root', '', '$6$'],
      ['bin', '', '*'],
      ['old', 'locked', '$1$'],
      ['nopw', '', ''],
    ]);
    expect(dump.skippedLines).toEqual([
      { line: 5, reason: expect.stringMatching(/2 to 9 colon-separated fields\), found 11/) },
      { line: 6, reason: 'field 3 is not a number of days' },
    ]);
  });
});

describe('parseHtpasswd', () => {
  it('splits at the first colon and reports lines without one', () => {
    const dump = parseHtpasswd(['# comment', 'alice:{SHA}abc', 'nocolon', ':nohuser', 'bob:pa:ss']);
    expect(dump.accounts.map((a) => [a.account, a.line])).toEqual([
      ['alice', 2],
      ['bob', 5],
    ]);
    expect(dump.accounts[1]!.hash).toBe('pa:ss');
    expect(dump.skippedLines.map((s) => s.line)).toEqual([3, 4]);
  });
});

describe('parseCsvDump', () => {
  it('finds the columns by name and reports short rows with their line', () => {
    const text = csvText(
      ['id', 'Email', 'display name', 'password_hash'],
      [
        ['1', 'alice@example.org', 'Alice, A.', 'h1'],
        ['2', 'bob@example.org'],
        ['3', '', 'Nobody', 'h3'],
      ],
    );
    const dump = parseCsvDump(text, 'users.csv');
    expect(dump.accounts).toEqual([
      { line: 2, account: 'alice@example.org', username: 'alice', hash: 'h1' },
    ]);
    expect(dump.skippedLines).toEqual([
      { line: 3, reason: 'expected at least 4 columns (to reach "password_hash"), found 2' },
      { line: 4, reason: 'column "Email" (account) is empty' },
    ]);
  });

  it('takes configured column names, case-insensitively, and a semicolon delimiter', () => {
    const text = csvText(['uid', 'LoginName', 'Secret'], [['1', 'carol', 'h']], ';');
    const dump = parseCsvDump(text, 'x.csv', { userColumn: 'loginname', hashColumn: 'SECRET' });
    expect(dump.accounts).toEqual([{ line: 2, account: 'carol', username: 'carol', hash: 'h' }]);
  });

  it('names the missing column and the header it found', () => {
    const text = csvText(['id', 'email', 'name'], [['1', 'a@b', 'A']]);
    expect(() => parseCsvDump(text, 'users.csv')).toThrow(
      'users.csv line 1: no column for the password hash (looked for hash, password, password_hash, passwd; header: id, email, name); name the column explicitly',
    );
    expect(() => parseCsvDump(text, 'users.csv', { hashColumn: 'pw' })).toThrow(
      'users.csv line 1: no column named "pw" for the password hash (header: id, email, name)',
    );
  });
});

describe('splitLines', () => {
  it('handles CRLF and a missing final newline', () => {
    expect(splitLines('a\r\nb\n')).toEqual(['a', 'b']);
    expect(splitLines('a\nb')).toEqual(['a', 'b']);
  });
});

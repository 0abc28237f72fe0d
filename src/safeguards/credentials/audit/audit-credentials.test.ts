import { hash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CredentialAuditFinding } from '../../../api-types.ts';
import type { BreachedLookup } from '../breached-lookup.ts';
import { ntlmHex } from '../hashing/ntlm.ts';
import { auditCredentials } from './audit-credentials.ts';
import {
  apr1,
  argon2,
  bcrypt,
  csvText,
  descrypt,
  djangoPbkdf2,
  hex,
  ldapSha,
  ldapSsha,
  md5crypt,
  ntdsLine,
  sha512crypt,
  shadowLine,
} from './dump-factories.ts';
import type { CredentialAuditReport } from './types.ts';

const NOW = new Date('2025-06-01T00:00:00Z');
const words = {
  dictionary: ['password', 'welcome', 'winter', 'dragon', 'monkey', 'sunshine'],
  context: ['StMarys'],
};

/** A corpus over a few planted passwords (both kinds). */
function corpus(planted: Record<string, number>): BreachedLookup {
  const sha1 = new Map(Object.entries(planted).map(([p, n]) => [hash('sha1', p, 'hex'), n]));
  const ntlm = new Map(Object.entries(planted).map(([p, n]) => [ntlmHex(p).toLowerCase(), n]));
  const key = (d: Uint8Array) => Buffer.from(d).toString('hex');
  return { sha1Count: (d) => sha1.get(key(d)) ?? 0, ntlmCount: (d) => ntlm.get(key(d)) ?? 0 };
}

const categoriesOf = (report: CredentialAuditReport) => {
  const out: Record<string, string[]> = {};
  for (const f of report.findings) (out[f.account] ??= []).push(f.category);
  return out;
};
const detailOf = (report: CredentialAuditReport, account: string, category: string) =>
  report.findings.find(
    (f: CredentialAuditFinding) => f.account === account && f.category === category,
  )?.detail;

/** Neither a password (unless it is also an account name) nor a stored hash may appear. */
function expectNoSecrets(report: CredentialAuditReport, passwords: string[], hashes: string[]) {
  const json = JSON.stringify(report);
  const names = report.findings.map((f) => f.account.toLowerCase());
  for (const p of passwords) {
    if (p.length < 4 || names.some((n) => n.includes(p.toLowerCase()))) continue;
    expect(json, `password ${p}`).not.toContain(p);
  }
  for (const h of hashes) expect(json, 'a stored hash').not.toContain(h);
  expect(json).not.toMatch(/[0-9a-f]{16}/i);
}

describe('auditCredentials: ntds', () => {
  it('finds each category per account, groups shared passwords and skips what is not audited', async () => {
    const users = [
      { user: 'empty1', password: '' },
      { user: 'legacy', password: 'Qx7#mEv9kL', lm: true },
      { user: 'leaked', password: 'Tr0ub4dor&3' },
      { user: 'jsmith', password: 'Jsmith2025' },
      { user: 'nurse1', password: 'Winter2024!' },
      { user: 'nurse2', password: 'P@ssw0rd' },
      { user: 'ward7a', password: 'StMarys2025', status: 'Disabled' as const },
      { user: 'team1', password: 'k8#Rr-unique-team' },
      { user: 'team2', password: 'k8#Rr-unique-team' },
      { user: 'team3', password: 'k8#Rr-unique-team' },
      { user: 'pair1', password: 'zQ9!pair-phrase' },
      { user: 'pair2', password: 'zQ9!pair-phrase' },
      { user: 'strong', password: 'vK2$wq9!Lm-unique' },
    ];
    const lines = [
      '[*] Dumping Domain Credentials (domain\\uid:rid:lmhash:nthash)',
      ...users.map((u, i) => ntdsLine({ ...u, rid: 1100 + i })),
      ntdsLine({ user: 'jsmith_history0', password: 'Old1' }),
      ntdsLine({ user: 'SRV01$', password: 'machine-secret' }),
      'CORP\\strong:CLEARTEXT:vK2$wq9!Lm-unique',
      'this line is damaged',
    ];
    const progress: Array<[number, number]> = [];
    const report = await auditCredentials(
      { text: lines.join('\n'), fileName: 'dc01.ntds' },
      {
        words,
        breached: corpus({ 'Tr0ub4dor&3': 3861493, 'Winter2024!': 12 }),
        now: NOW,
        onProgress: (done, total) => progress.push([done, total]),
      },
    );
    expect(report).toMatchObject({
      format: 'ntds',
      fileName: 'dc01.ntds',
      accounts: 13,
      algorithms: { ntlm: 13 },
    });
    expect(categoriesOf(report)).toEqual({
      'CORP\\empty1': ['empty'],
      'CORP\\legacy': ['lm_hash'],
      'CORP\\leaked': ['breached'],
      'CORP\\jsmith': ['username_as_password'],
      'CORP\\nurse1': ['breached', 'dictionary'],
      'CORP\\nurse2': ['dictionary'],
      'CORP\\ward7a': ['dictionary'],
      'CORP\\team1': ['shared_password'],
      'CORP\\team2': ['shared_password'],
      'CORP\\team3': ['shared_password'],
      'CORP\\pair1': ['shared_password'],
      'CORP\\pair2': ['shared_password'],
      'CORP\\strong': ['weak_storage'],
    });
    expect(detailOf(report, 'CORP\\leaked', 'breached')).toBe(
      'seen 3,861,493 times in the breached-password corpus',
    );
    expect(detailOf(report, 'CORP\\team2', 'shared_password')).toBe(
      'shares one password with 2 other accounts (group 1)',
    );
    expect(detailOf(report, 'CORP\\pair1', 'shared_password')).toBe(
      'shares one password with 1 other account (group 2)',
    );
    expect(detailOf(report, 'CORP\\ward7a', 'dictionary')).toBe(
      'the password is built on an organisation word (context list) with a year appended (account disabled)',
    );
    expect(detailOf(report, 'CORP\\strong', 'weak_storage')).toMatch(/reversible encryption/);
    expect(report.summary).toEqual({
      empty: 1,
      lm_hash: 1,
      breached: 2,
      username_as_password: 1,
      dictionary: 3,
      shared_password: 5,
      weak_storage: 1,
    });
    expect(report.skippedLines).toEqual([
      { line: lines.length, reason: expect.stringContaining('expected user:rid:lmhash:nthash:::') },
    ]);
    expect(report.notes.join('\n')).toMatch(/1 password history line[\s\S]*1 machine account/);
    expect(progress.at(-1)).toEqual([progress.at(-1)![1], progress.at(-1)![1]]);
    expectNoSecrets(
      report,
      users.map((u) => u.password),
      users.map((u) => ntlmHex(u.password).toLowerCase()),
    );
  });

  it('says when no corpus was given', async () => {
    const report = await auditCredentials(
      { text: ntdsLine({ user: 'a', password: 'x1' }), fileName: 'd.txt' },
      { words, now: NOW },
    );
    expect(report.notes).toContain('no breached-password corpus: breached checks skipped');
  });
});

describe('auditCredentials: shadow', () => {
  it('audits salted hashes by verifying candidates, including locked accounts', async () => {
    const yescrypt = '$y$j9T$saltsaltsalt$WJhblAc/BKcuw1LHqgcyvlsjC8J4ha9Wl82.5/aQSy8';
    const hashes = {
      root: sha512crypt('root', 'abcdefgh'),
      old: `!${md5crypt('StMarys2025', 'saltsalt')}`,
      blank: md5crypt('', 'qwertyui'),
      web1: bcrypt('dragon', 4, 1),
      web2: bcrypt('dragon', 4, 2),
      modern: yescrypt,
    };
    const text = [
      ...Object.entries(hashes).map(([user, h]) => shadowLine(user, h)),
      shadowLine('daemon', '*'),
      shadowLine('nopass', ''),
    ].join('\n');
    const report = await auditCredentials({ text, fileName: 'shadow' }, { words, now: NOW });
    expect(report.format).toBe('shadow');
    expect(categoriesOf(report)).toEqual({
      root: ['username_as_password', 'weak_storage'],
      old: ['dictionary', 'weak_storage'],
      blank: ['empty', 'weak_storage'],
      web1: ['dictionary', 'shared_password', 'weak_storage'],
      web2: ['dictionary', 'shared_password', 'weak_storage'],
      nopass: ['empty'],
    });
    expect(detailOf(report, 'old', 'dictionary')).toMatch(/\(account locked\)$/);
    expect(detailOf(report, 'root', 'weak_storage')).toMatch(
      /^sha512crypt \(\$6\$\) with 5,000 rounds/,
    );
    expect(detailOf(report, 'web1', 'weak_storage')).toMatch(
      /^bcrypt cost 4 is below the OWASP minimum of 10/,
    );
    expect(report.algorithms).toEqual({
      sha512crypt: 1,
      md5crypt: 2,
      bcrypt: 2,
      yescrypt: 1,
      locked: 1,
      empty: 1,
    });
    const notes = report.notes.join('\n');
    expect(notes).toMatch(
      /yescrypt: 1 account not tried with any candidate \(Ward cannot compute yescrypt\)/,
    );
    expect(notes).toMatch(/1 account locked with no password hash/);
    expectNoSecrets(report, ['StMarys2025', 'dragon'], Object.values(hashes));
  });

  it('reports a spent time budget instead of silently checking less', async () => {
    const text = shadowLine('root', sha512crypt('root'));
    const report = await auditCredentials(
      { text, fileName: 'shadow' },
      { words, now: NOW, saltedBudgetMs: 0 },
    );
    expect(categoriesOf(report)).toEqual({ root: ['weak_storage'] });
    expect(report.notes.join('\n')).toMatch(
      /budget for salted hashes ran out: 1 account not tried with "" and the user name/,
    );
  });
});

describe('auditCredentials: htpasswd', () => {
  it('reads every htpasswd scheme and never shows a plaintext value', async () => {
    const hashes = {
      admin: bcrypt('admin', 4),
      ops: apr1('welcome'),
      legacy1: ldapSha('Sunshine!'),
      legacy2: ldapSha('Sunshine!'),
      salted: ldapSsha('monkey', 'pepper'),
      old: descrypt('Qw9zLp2x', 'zz'),
      plain: 'Dragon2024',
    };
    const text = Object.entries(hashes)
      .map(([user, h]) => `${user}:${h}`)
      .join('\n');
    const report = await auditCredentials(
      { text, fileName: '.htpasswd' },
      { words, now: NOW, breached: corpus({ 'Sunshine!': 5 }) },
    );
    expect(report.format).toBe('htpasswd');
    expect(categoriesOf(report)).toEqual({
      admin: ['username_as_password', 'weak_storage'],
      ops: ['dictionary', 'weak_storage'],
      legacy1: ['breached', 'dictionary', 'shared_password', 'weak_storage'],
      legacy2: ['breached', 'dictionary', 'shared_password', 'weak_storage'],
      salted: ['dictionary', 'weak_storage'],
      old: ['weak_storage'],
      plain: ['dictionary', 'weak_storage'],
    });
    expect(detailOf(report, 'plain', 'weak_storage')).toMatch(/^stored in plaintext/);
    expect(report.algorithms).toEqual({
      bcrypt: 1,
      apr1: 1,
      'sha1-base64': 2,
      ssha: 1,
      descrypt: 1,
      plaintext: 1,
    });
    expectNoSecrets(
      report,
      ['welcome', 'Sunshine!', 'monkey', 'Qw9zLp2x', 'Dragon2024'],
      Object.values(hashes),
    );
  });
});

describe('auditCredentials: csv', () => {
  it('audits application tables; 32 hex digits are tried as MD5 and as NTLM', async () => {
    const strong = await argon2('alice', { memoryCost: 19456, timeCost: 2 });
    const rows = [
      ['1', 'alice@example.org', strong],
      ['2', 'bob@example.org', hex('md5', 'Dragon1')],
      ['3', 'carol@example.org', ntlmHex('Monkey123').toLowerCase()],
      ['4', 'dave@example.org', hex('sha256', 'v9!Lq-unique')],
      ['5', 'erin@example.org', djangoPbkdf2('erin', 1000)],
      ['6', 'sso@example.org', ''],
    ];
    const text = csvText(['id', 'email', 'password_hash'], rows);
    const report = await auditCredentials({ text, fileName: 'users.csv' }, { words, now: NOW });
    expect(report.format).toBe('csv');
    expect(categoriesOf(report)).toEqual({
      'alice@example.org': ['username_as_password'],
      'bob@example.org': ['dictionary', 'weak_storage'],
      'carol@example.org': ['dictionary', 'weak_storage'],
      'dave@example.org': ['weak_storage'],
      'erin@example.org': ['username_as_password', 'weak_storage'],
    });
    expect(detailOf(report, 'bob@example.org', 'weak_storage')).toBe(
      'unsalted MD5 or NTLM (32 hex digits): a fast hash crackable at billions of guesses per second; migrate to argon2id (m=19456, t=2, p=1), rehashing each password at its next login',
    );
    expect(detailOf(report, 'erin@example.org', 'weak_storage')).toMatch(
      /^PBKDF2-HMAC-SHA256 with 1,000 iterations is below the OWASP minimum of 600,000/,
    );
    expect(report.algorithms).toEqual({
      argon2id: 1,
      'md5-or-ntlm': 2,
      sha256: 1,
      'pbkdf2-sha256': 1,
      empty: 1,
    });
    expect(report.notes.join('\n')).toMatch(/1 account with no stored hash/);
    expect(report.notes.join('\n')).toMatch(
      /argon2id: 1 account tried with "" and the user name only/,
    );
    expectNoSecrets(
      report,
      ['Dragon1', 'Monkey123', 'v9!Lq-unique'],
      rows.map((r) => r[2]!).filter(Boolean),
    );
  });

  it('stops with a clear error when the hash column is missing', async () => {
    const text = csvText(['id', 'email', 'name'], [['1', 'a@b', 'A']]);
    await expect(
      auditCredentials({ text, fileName: 'users.csv', format: 'csv' }, { words, now: NOW }),
    ).rejects.toThrow(
      /users\.csv line 1: no column for the password hash .*header: id, email, name/,
    );
  });
});

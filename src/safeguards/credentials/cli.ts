import { readFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import type { CredentialFileFormat, DirectorySource } from '../../api-types.ts';
import { promptHidden, readFirstLine } from '../../platform/auth/index.ts';
import { auditCredentials, parseHashCheckParams, rateHashScheme } from './audit/index.ts';
import { registerCorpusCommands } from './cli-corpus.ts';
import { importDirectory, parseColumnMapping, type DirectoryDeps } from './directory/index.ts';
import { corpusDirOf, createCredentialChecks, type CredentialsOptions } from './index.ts';

/** What `creds directory import` needs from the app; structural so this file never imports app.ts. */
type WithDirectory = <T>(fn: (app: DirectoryDeps) => Promise<T>) => Promise<T>;

const AUDIT_FORMATS = ['auto', 'ntds', 'shadow', 'htpasswd', 'csv'] as const;
const SOURCES = ['auto', 'ad', 'entra', 'okta'] as const;

/**
 * `ward creds ...`. Everything except the directory import works without the database, so an
 * incident responder can audit a dump on a laptop, and the corpus can be imported while the
 * embedded server holds the database.
 */
export function registerCredentialsCommands(
  program: Command,
  deps: { options: () => CredentialsOptions; withApp: WithDirectory },
): void {
  const creds = program
    .command('creds')
    .description(
      'credentials: password policy, breached passwords, stored-hash and directory audits',
    );
  registerCorpusCommands(creds, () => corpusDirOf(deps.options()));

  creds
    .command('check')
    .description(
      'check a password against the policy; it is read from a hidden prompt or the first line of standard input',
    )
    .option('--username <name>', 'the account it is for (refused inside the password)')
    .option('--class <class>', 'account class (single_factor, multi_factor, ...)', 'single_factor')
    .option('--json', 'print JSON')
    .action(async (opts: { username?: string; class: string; json?: boolean }) => {
      const password = process.stdin.isTTY
        ? await promptHidden('Password: ')
        : await readFirstLine();
      const checks = createCredentialChecks(deps.options());
      try {
        const result = checks.policy.check(password, {
          username: opts.username,
          accountClass: opts.class,
        });
        if (opts.json) console.log(JSON.stringify(result));
        else {
          console.log(result.ok ? 'acceptable' : 'refused');
          for (const r of result.reasons) console.log(`  - ${r.message}`);
          console.log(`strength ${result.strength.score}/4, ${result.strength.crackTime} to guess`);
        }
        if (!result.ok) process.exitCode = 1;
      } finally {
        checks.corpus.close();
      }
    });

  creds
    .command('audit')
    .description(
      'audit stored credentials (secretsdump/NTDS, /etc/shadow, htpasswd, CSV user,hash); prints accounts and categories, never passwords or hashes',
    )
    .argument('<file>')
    .option('--format <format>', AUDIT_FORMATS.join('|'), choice(AUDIT_FORMATS), 'auto')
    .option('--user-column <name>', 'CSV: the account column')
    .option('--hash-column <name>', 'CSV: the hash column')
    .option('--json', 'one JSON object per finding: account, category, detail')
    .action(
      async (
        file: string,
        opts: {
          format: CredentialFileFormat | 'auto';
          userColumn?: string;
          hashColumn?: string;
          json?: boolean;
        },
      ) => {
        const checks = createCredentialChecks(deps.options());
        try {
          const report = await auditCredentials(
            {
              text: readFileSync(file),
              fileName: file,
              format: opts.format,
              csv: { userColumn: opts.userColumn, hashColumn: opts.hashColumn },
            },
            { breached: checks.corpus.lookup, words: checks.words() },
          );
          for (const s of report.skippedLines)
            console.error(`${file}: line ${s.line}: skipped, ${s.reason}`);
          if (report.accounts === 0 && report.skippedLines.length > 0) {
            throw new Error(`${file}: no account could be read; is --format right?`);
          }
          if (opts.json) {
            for (const f of report.findings) console.log(JSON.stringify(f));
          } else {
            printAuditSummary(report);
          }
        } finally {
          checks.corpus.close();
        }
      },
    );

  creds
    .command('hash-check')
    .description("rate a password storage scheme against OWASP's minimums")
    .option(
      '--algo <algorithm>',
      'argon2id, scrypt, bcrypt, pbkdf2-sha256, pbkdf2-sha1, pbkdf2-sha512, ...',
    )
    .option('--params <list>', 'parameters, e.g. m=19456,t=2,p=1 or cost=12 or iterations=600000')
    .option('--hash <hash>', 'or: one stored hash (PHC/crypt string) to read the scheme from')
    .option('--json', 'print JSON')
    .action((opts: { algo?: string; params?: string; hash?: string; json?: boolean }) => {
      if (!opts.hash && !opts.algo) throw new Error('give --algo (with --params) or --hash');
      const rating = opts.hash
        ? rateHashScheme({ hash: opts.hash })
        : rateHashScheme({ algo: opts.algo!, params: parseHashCheckParams(opts.params ?? '') });
      if (opts.json) console.log(JSON.stringify(rating));
      else {
        console.log(`${rating.algo}: ${rating.verdict}`);
        for (const r of rating.reasons) console.log(`  - ${r}`);
        console.log(`recommendation: ${rating.recommendation}`);
      }
      if (rating.verdict === 'weak' || rating.verdict === 'broken') process.exitCode = 1;
    });

  const directory = creds
    .command('directory')
    .description('identity directory audits: MFA coverage, stale, leaver and shared accounts');
  directory
    .command('import')
    .description('import a user export from Active Directory, Entra ID or Okta (CSV or JSON)')
    .argument('<file>')
    .option('--source <source>', SOURCES.join('|'), choice(SOURCES), 'auto')
    .option('--map <mapping>', 'column mapping, e.g. account=sAMAccountName,mfa=MFA')
    .option('--terminations <file>', 'CSV of leavers (account, email or employee id; leaving date)')
    .option('--json', 'print JSON')
    .action(
      async (
        file: string,
        opts: {
          source: DirectorySource | 'auto';
          map?: string;
          terminations?: string;
          json?: boolean;
        },
      ) => {
        const result = await deps.withApp((app) =>
          importDirectory(app, {
            fileName: file,
            text: readFileSync(file),
            source: opts.source,
            mapping: opts.map ? parseColumnMapping(opts.map) : undefined,
            terminations: opts.terminations
              ? { fileName: opts.terminations, text: readFileSync(opts.terminations) }
              : undefined,
            staleDays: deps.options().staleDays,
            actor: 'cli',
          }),
        );
        if (opts.json) return console.log(JSON.stringify(result));
        const c = result.coverage;
        console.log(
          `${file} (${result.source}): ${result.users} users, ${result.enabledUsers} enabled; ${result.findingsOpened} findings opened, ${result.findingsFixed} fixed`,
        );
        console.log(
          result.mfaKnown
            ? `MFA: ${c.usersWithMfa}/${c.users} users, ${c.privilegedWithMfa}/${c.privileged} privileged`
            : 'MFA: unknown (the export has no MFA column; map one with --map mfa=<column>)',
        );
      },
    );
}

function printAuditSummary(report: Awaited<ReturnType<typeof auditCredentials>>): void {
  console.log(
    `${report.fileName} (${report.format}): ${report.accounts} account${report.accounts === 1 ? '' : 's'}`,
  );
  for (const [algo, n] of Object.entries(report.algorithms)) console.log(`  ${algo}: ${n}`);
  for (const [category, n] of Object.entries(report.summary))
    console.log(`${category.padEnd(22)} ${n}`);
  for (const note of report.notes) console.log(`note: ${note}`);
}

function choice<T extends string>(values: readonly T[]) {
  return (value: string): T => {
    if (!values.includes(value as T)) {
      throw new InvalidArgumentError(`must be one of ${values.join(', ')}`);
    }
    return value as T;
  };
}

import { userInfo } from 'node:os';
import { InvalidArgumentError, type Command } from 'commander';
import { ALL_ROLES, type Role } from '../http/access.ts';
import type { Auth } from './auth.ts';
import { generatePassword } from './generate-password.ts';
import { promptHidden, readFirstLine } from './password-prompt.ts';

type WithAuth = <T>(fn: (app: { auth: Auth }) => Promise<T>) => Promise<T>;

/** `ward users create | list | reset-password | reset-totp`. */
export function registerUserCommands(program: Command, withApp: WithAuth): void {
  const users = program.command('users').description('manage Ward user accounts');

  users
    .command('create')
    .description(
      'create a user; the password comes from WARD_NEW_PASSWORD, a prompt, standard input, or --generate',
    )
    .requiredOption('--username <name>', 'sign-in name')
    .requiredOption('--role <role>', `one of ${ALL_ROLES.join(', ')}`, parseRole)
    .option('--display-name <name>', 'name shown in the UI')
    .option('--generate', 'generate a strong password and print it once')
    .action(
      async (opts: { username: string; role: Role; displayName?: string; generate?: boolean }) => {
        const context = { username: opts.username, displayName: opts.displayName };
        const password = opts.generate ? generatePassword(context) : await readNewPassword();
        const user = await withApp(({ auth }) =>
          auth.createUser(
            {
              username: opts.username,
              password,
              role: opts.role,
              displayName: opts.displayName,
              mustChangePassword: opts.generate ?? false,
            },
            cliActor(),
          ),
        );
        console.log(`created user ${user.username} (${user.role})`);
        if (opts.generate) printOnce(password, 'they must change it at first sign-in');
      },
    );

  users
    .command('list')
    .description('list users')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const list = await withApp(({ auth }) => auth.listUsers());
      if (opts.json) return console.log(JSON.stringify(list, null, 2));
      if (list.length === 0)
        return console.log(
          'no users yet: create the first admin with `ward users create --role admin`',
        );
      for (const u of list) {
        const flags = [u.disabled ? 'disabled' : '', u.totpEnabled ? '2fa' : '']
          .filter(Boolean)
          .join(',');
        console.log(
          `${u.username.padEnd(24)} ${u.role.padEnd(8)} ${(u.lastLoginAt ?? 'never signed in').padEnd(26)} ${flags}`,
        );
      }
    });

  users
    .command('reset-password')
    .description(
      'set a new password (ends their sessions, clears a lockout, asks for a change at next sign-in)',
    )
    .argument('<username>')
    .option('--generate', 'generate a strong password and print it once')
    .action(async (username: string, opts: { generate?: boolean }) => {
      const password = opts.generate ? generatePassword({ username }) : await readNewPassword();
      await withApp(({ auth }) => auth.resetPassword(username, password, cliActor()));
      console.log(`password reset for ${username}`);
      if (opts.generate) printOnce(password, 'they must change it at next sign-in');
    });

  users
    .command('reset-totp')
    .description("turn off a user's authenticator-app second factor (lost or replaced phone)")
    .argument('<username>')
    .action(async (username: string) => {
      await withApp(({ auth }) => auth.resetTotp(username, cliActor()));
      console.log(
        `two-factor authentication is off for ${username}; they can enrol a new device after signing in`,
      );
    });
}

/**
 * WARD_NEW_PASSWORD (scripts, tests), else a hidden prompt on a terminal, else the first line of
 * standard input. A password is one-shot input, not configuration: it must not sit in the
 * Config that `ward config` prints, hence the direct environment read.
 */
async function readNewPassword(): Promise<string> {
  // eslint-disable-next-line no-restricted-syntax -- one-shot secret input, deliberately not part of Config
  const fromEnv = process.env['WARD_NEW_PASSWORD'];
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) return readFirstLine();
  const first = await promptHidden('New password (at least 15 characters): ');
  const again = await promptHidden('Repeat it: ');
  if (first !== again) throw new Error('the two passwords differ; nothing was changed');
  return first;
}

function printOnce(password: string, note: string): void {
  console.log(`password (shown once, ${note}):\n\n  ${password}\n`);
}

/** Who ran the command, as the audit log records it. */
function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

function parseRole(value: string): Role {
  if (!ALL_ROLES.includes(value as Role))
    throw new InvalidArgumentError(`must be one of ${ALL_ROLES.join(', ')}`);
  return value as Role;
}

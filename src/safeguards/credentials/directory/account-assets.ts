import type { Core } from '../../../core/index.ts';
import type { DirectoryAccount } from './account-parse.ts';

export type AssetCore = Pick<Core, 'findOrCreateAssets'>;

/**
 * The account asset of each account (by lower-case name), created when there is none. The core
 * matches names exactly, case aside, in one query for the whole export: a hospital directory
 * has thousands of accounts, and one lookup or one transaction each took seconds.
 */
export async function resolveAccountAssets(
  core: AssetCore,
  accounts: readonly DirectoryAccount[],
  actor: string,
): Promise<Map<string, string>> {
  const wanted = new Map(accounts.map((a) => [a.name.toLowerCase(), a]));
  const found = await core.findOrCreateAssets(
    [...wanted.values()].map((account) => ({
      type: 'account' as const,
      name: account.name,
      email: account.email,
      department: clip(account.department),
      owner: clip(account.displayName),
    })),
    actor,
  );
  return new Map([...wanted.keys()].map((key, i) => [key, found[i]!.id]));
}

/** The core keeps these fields to 200 characters; a long directory value is cut, not refused. */
function clip(value: string | null): string | null {
  return value === null ? null : value.slice(0, 200);
}

import type { Core } from '../../../core/index.ts';
import type { DirectoryAccount } from './account-parse.ts';

export type AssetCore = Pick<Core, 'listAssets' | 'createAsset'>;

const PAGE = 500;
// Up to this many names are looked up one by one (a text search each); beyond it, reading every
// account asset once is cheaper than thousands of searches.
const LOOKUP_ONE_BY_ONE = 20;

/**
 * The account asset of each account (by lower-case name), created when there is none. Names
 * are compared exactly (case aside): the core's text search also matches parts of names.
 */
export async function resolveAccountAssets(
  core: AssetCore,
  accounts: readonly DirectoryAccount[],
  actor: string,
): Promise<Map<string, string>> {
  const wanted = new Map(accounts.map((a) => [a.name.toLowerCase(), a]));
  const found =
    wanted.size <= LOOKUP_ONE_BY_ONE
      ? await findByName(core, [...wanted.keys()])
      : await loadAllAccountAssets(core);
  const ids = new Map<string, string>();
  for (const [key, account] of wanted) {
    let id = found.get(key);
    if (!id) {
      const asset = await core.createAsset(
        {
          type: 'account',
          name: account.name,
          email: account.email,
          department: clip(account.department),
          owner: clip(account.displayName),
        },
        actor,
      );
      id = asset.id;
    }
    ids.set(key, id);
  }
  return ids;
}

async function findByName(core: AssetCore, names: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const name of names) {
    for (let offset = 0; ; offset += PAGE) {
      const page = await core.listAssets({ type: 'account', q: name, limit: PAGE, offset });
      const match = page.items.find((a) => a.name.toLowerCase() === name);
      if (match) found.set(name, match.id);
      if (match || offset + PAGE >= page.total) break;
    }
  }
  return found;
}

async function loadAllAccountAssets(core: AssetCore): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let offset = 0; ; offset += PAGE) {
    const page = await core.listAssets({ type: 'account', limit: PAGE, offset });
    for (const a of page.items) {
      const key = a.name.toLowerCase();
      if (!found.has(key)) found.set(key, a.id);
    }
    if (offset + PAGE >= page.total) break;
  }
  return found;
}

/** The core keeps these fields to 200 characters; a long directory value is cut, not refused. */
function clip(value: string | null): string | null {
  return value === null ? null : value.slice(0, 200);
}

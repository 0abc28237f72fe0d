import type { Asset, AssetType } from '../../api-types.ts';
import type { Core } from '../../core/index.ts';

/**
 * The asset a credential finding belongs to: an existing one of that type and exact name
 * (case-insensitive), or a new one. The core's name search is a substring match, so the exact
 * comparison happens here.
 */
export async function findOrCreateAsset(
  core: Pick<Core, 'listAssets' | 'createAsset'>,
  input: { type: AssetType; name: string; email?: string | null; actor: string },
): Promise<Asset> {
  const wanted = input.name.toLowerCase();
  const page = await core.listAssets({ type: input.type, q: input.name, limit: 500 });
  const found = page.items.find((a) => a.name.toLowerCase() === wanted);
  if (found) return found;
  return core.createAsset(
    { type: input.type, name: input.name, email: input.email ?? null },
    input.actor,
  );
}

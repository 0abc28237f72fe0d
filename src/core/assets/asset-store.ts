import type { Asset, AssetInput, AssetType, Criticality, Page } from '../../api-types.ts';
import {
  type Queryable,
  type SqlParam,
  escapeLike,
  isUuid,
  toNumber,
} from '../../platform/db/index.ts';
import type { CoreContext } from '../context.ts';
import { invalidInput, notFound } from '../errors.ts';
import { HttpError } from '../../platform/http/index.ts';
import { ASSET_COLUMNS, toAsset, type AssetRow } from './asset-rows.ts';
import { validateAssetInput, type ValidAsset } from './asset-validation.ts';

export interface AssetQuery {
  type?: AssetType;
  /** Part of the name, or an exact IP, MAC, host name or FQDN. */
  q?: string;
  department?: string;
  criticality?: Criticality;
  limit?: number;
  offset?: number;
}

/** Assets by name, filtered, one page at a time. */
export async function listAssets(db: Queryable, query: AssetQuery): Promise<Page<Asset>> {
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
  const offset = Math.max(query.offset ?? 0, 0);
  const clauses: string[] = [];
  const params: SqlParam[] = [];
  const bind = (v: SqlParam) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (query.type) clauses.push(`a.type = ${bind(query.type)}`);
  if (query.criticality) clauses.push(`a.criticality = ${bind(query.criticality)}`);
  if (query.department) clauses.push(`lower(a.department) = lower(${bind(query.department)})`);
  const q = query.q?.trim();
  if (q) {
    const lower = q.toLowerCase();
    clauses.push(
      `(lower(a.name) LIKE ${bind(`%${escapeLike(lower)}%`)} OR ${bind(q)} = ANY(a.ips) OR ${bind(q.toUpperCase())} = ANY(a.macs)
        OR ${bind(lower)} = ANY(a.hostnames) OR lower(a.fqdn) = ${bind(lower)})`,
    );
  }
  const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
  const [count] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM assets a ${where}`,
    params,
  );
  const rows = await db.query<AssetRow>(
    `SELECT ${ASSET_COLUMNS} FROM assets a ${where} ORDER BY lower(a.name), a.id LIMIT ${limit} OFFSET ${offset}`,
    params,
  );
  return { items: rows.map(toAsset), total: toNumber(count?.n), limit, offset };
}

export async function getAsset(db: Queryable, id: string): Promise<Asset | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.query<AssetRow>(`SELECT ${ASSET_COLUMNS} FROM assets a WHERE a.id = $1`, [
    id,
  ]);
  return row ? toAsset(row) : null;
}

/** Registers an asset by hand (or from the demo seeder). Audited. */
export async function createAsset(
  ctx: Pick<CoreContext, 'db' | 'audit' | 'clock'>,
  input: AssetInput,
  actor: string,
): Promise<Asset> {
  const v = validateAssetInput(input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO assets (type, name, ips, macs, hostnames, fqdn, email, owner, department, location, criticality, tags, os,
         first_seen, last_seen, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $14, $14) RETURNING id`,
      [...assetValues(v), now],
    );
    await ctx.audit.append(
      { actor, action: 'asset.create', target: row!.id, detail: { type: v.type, name: v.name } },
      tx,
    );
    return (await getAsset(tx, row!.id))!;
  });
}

/**
 * The asset of each input: an existing one of the same type and name (case aside; the oldest
 * id when several match), or a new one made from the input. Existing assets are not changed.
 * Every input is validated first, so a bad one (`assets.3.email: ...`) stores nothing. One
 * transaction and one audit entry for the batch, for importers that meet thousands of
 * accounts or devices at once. Results are in input order; inputs naming the same asset get
 * the same id, created once.
 */
export async function findOrCreateAssets(
  ctx: Pick<CoreContext, 'db' | 'audit' | 'clock'>,
  inputs: readonly AssetInput[],
  actor: string,
): Promise<Array<{ id: string; created: boolean }>> {
  const valid = inputs.map((input, i) => {
    try {
      return validateAssetInput(input);
    } catch (err) {
      const d = err instanceof HttpError && Array.isArray(err.details) ? err.details[0] : null;
      if (typeof d === 'object' && d !== null && 'where' in d && 'message' in d)
        throw invalidInput(`assets.${i}.${String(d.where)}`, String(d.message));
      throw err;
    }
  });
  if (valid.length === 0) return [];
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const ids = await matchByName(tx, valid, valid.keys());
    const missing = valid.flatMap((_, i) => (ids.has(i) ? [] : [i]));
    if (missing.length === 0) return valid.map((_, i) => ({ id: ids.get(i)!, created: false }));
    // lower() in SQL on both sides, so that the database decides what "case aside" means
    // for the lookup and for the duplicates within the batch alike.
    const added = await tx.query<{ id: string; type: string }>(
      `INSERT INTO assets (type, name, ips, macs, hostnames, fqdn, email, owner, department, location, criticality, tags, os,
         first_seen, last_seen, created_at, updated_at)
       SELECT DISTINCT ON (type, lower(name)) type, name, coalesce(ips, '{}'), coalesce(macs, '{}'),
         coalesce(hostnames, '{}'), fqdn, email, owner, department, location, criticality, coalesce(tags, '{}'), os,
         $2::timestamptz, $2::timestamptz, $2::timestamptz, $2::timestamptz
       FROM json_to_recordset($1::json) AS t(type text, name text, ips text[], macs text[],
         hostnames text[], fqdn text, email text, owner text, department text, location text,
         criticality text, tags text[], os text, ord bigint)
       ORDER BY type, lower(name), ord
       RETURNING id, type`,
      [JSON.stringify(missing.map((i) => ({ ...valid[i], ord: i }))), now],
    );
    const created = new Set(added.map((r) => r.id));
    for (const [i, id] of await matchByName(tx, valid, missing)) ids.set(i, id);
    await ctx.audit.append(
      {
        actor,
        action: 'assets.create',
        target: null,
        detail: { created: added.length, types: [...new Set(added.map((r) => r.type))] },
      },
      tx,
    );
    // Only the first input naming a new asset counts as creating it.
    return valid.map((_, i) => {
      const id = ids.get(i)!;
      return { id, created: created.delete(id) };
    });
  });
}

/** The oldest asset of the same type and name (case aside) for each of the given inputs. */
async function matchByName(
  tx: Queryable,
  valid: readonly ValidAsset[],
  which: Iterable<number>,
): Promise<Map<number, string>> {
  const idx = [...which];
  const rows = await tx.query<{ ord: number; id: string }>(
    `SELECT DISTINCT ON (i.ord) i.ord::int AS ord, a.id
     FROM unnest($1::int[], $2::text[], $3::text[]) AS i(ord, type, name)
     JOIN assets a ON a.type = i.type AND lower(a.name) = lower(i.name)
     ORDER BY i.ord, a.created_at, a.id`,
    [idx, idx.map((i) => valid[i]!.type), idx.map((i) => valid[i]!.name)],
  );
  return new Map(rows.map((r) => [Number(r.ord), r.id]));
}

/** Changes some fields of an asset; the merged result is validated as a whole. Audited. */
export async function updateAsset(
  ctx: Pick<CoreContext, 'db' | 'audit' | 'clock'>,
  id: string,
  patch: Partial<AssetInput>,
  actor: string,
): Promise<Asset> {
  const current = await getAsset(ctx.db, id);
  if (!current) throw notFound(`asset ${id}`);
  const v = validateAssetInput({ ...current, ...stripUndefined(patch) });
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const rows = await tx.query(
      `UPDATE assets SET type = $1, name = $2, ips = $3, macs = $4, hostnames = $5, fqdn = $6, email = $7, owner = $8,
         department = $9, location = $10, criticality = $11, tags = $12, os = $13, updated_at = $14
       WHERE id = $15 RETURNING id`,
      [...assetValues(v), now, id],
    );
    if (rows.length === 0) throw notFound(`asset ${id}`);
    await ctx.audit.append(
      {
        actor,
        action: 'asset.update',
        target: id,
        detail: { fields: Object.keys(stripUndefined(patch)) },
      },
      tx,
    );
    return (await getAsset(tx, id))!;
  });
}

export async function countAssets(db: Queryable): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM assets');
  return toNumber(row?.n);
}

function assetValues(v: ValidAsset): SqlParam[] {
  return [
    v.type,
    v.name,
    v.ips,
    v.macs,
    v.hostnames,
    v.fqdn,
    v.email,
    v.owner,
    v.department,
    v.location,
    v.criticality,
    v.tags,
    v.os,
  ];
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

import { z } from 'zod';
import {
  ASSET_TYPES,
  CRITICALITIES,
  type Asset,
  type AssetType,
  type Criticality,
  type Page,
} from '../../api-types.ts';
import {
  READ,
  WRITE,
  notFound,
  type HttpServer,
  actorOf,
  idParams,
  pageQuery,
} from '../../platform/http/index.ts';
import { createAsset, getAsset, listAssets, updateAsset } from '../assets/asset-store.ts';
import type { CoreContext } from '../context.ts';

const assetType = z.enum(ASSET_TYPES as [AssetType, ...AssetType[]]);
const criticality = z.enum(CRITICALITIES as [Criticality, ...Criticality[]]);
const optionalText = z.string().max(200).nullable().optional();

// Shapes only; identifiers (IP, MAC, host name) are checked and normalised by the domain, which
// names the offending element (`ips.1`).
const assetFields = {
  type: assetType,
  name: z.string().trim().min(1).max(200),
  ips: z.array(z.string().max(64)).max(100).optional(),
  macs: z.array(z.string().max(64)).max(100).optional(),
  hostnames: z.array(z.string().max(253)).max(100).optional(),
  fqdn: z.string().max(253).nullable().optional(),
  email: z.string().max(254).nullable().optional(),
  owner: optionalText,
  department: optionalText,
  location: optionalText,
  criticality: criticality.optional(),
  tags: z.array(z.string().max(50)).max(50).optional(),
  os: optionalText,
};
const createBody = z.strictObject(assetFields);
const updateBody = z.strictObject(assetFields).partial();

const listQuery = z.object({
  type: assetType.optional(),
  q: z.string().max(200).optional(),
  department: z.string().max(200).optional(),
  criticality: criticality.optional(),
  ...pageQuery,
});

/** The asset registry. */
export function registerAssetRoutes(http: HttpServer, ctx: CoreContext): void {
  http.get(
    '/api/assets',
    { config: { access: READ }, schema: { querystring: listQuery } },
    async (request): Promise<Page<Asset>> => listAssets(ctx.db, request.query),
  );

  http.post(
    '/api/assets',
    { config: { access: WRITE }, schema: { body: createBody } },
    async (request, reply) => {
      const asset: Asset = await createAsset(ctx, request.body, actorOf(request));
      return reply.status(201).send(asset);
    },
  );

  http.get(
    '/api/assets/:id',
    { config: { access: READ }, schema: { params: idParams } },
    async (request): Promise<Asset> => {
      const asset = await getAsset(ctx.db, request.params.id);
      if (!asset) throw notFound(`asset ${request.params.id}`);
      return asset;
    },
  );

  http.patch(
    '/api/assets/:id',
    { config: { access: WRITE }, schema: { params: idParams, body: updateBody } },
    async (request): Promise<Asset> =>
      updateAsset(ctx, request.params.id, request.body, actorOf(request)),
  );
}

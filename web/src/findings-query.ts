import {
  FINDING_STATUSES,
  SAFEGUARDS,
  SEVERITIES,
  type FindingQuery,
  type FindingStatus,
  type Safeguard,
  type Severity,
} from '../../src/api-types.ts';
import { toQuery } from './api.ts';

export type SortKey = NonNullable<FindingQuery['sort']>;
export const SORT_KEYS: readonly SortKey[] = [
  'severity',
  'due',
  'last_seen',
  'first_seen',
  'title',
  'cvss',
];
export const PAGE_SIZES = [25, 50, 100] as const;
const DEFAULT_LIMIT = 50;

/** The order a column sorts in when first clicked: worst or newest first, names and deadlines A→Z. */
export const DEFAULT_ORDER: Record<SortKey, 'asc' | 'desc'> = {
  severity: 'desc',
  cvss: 'desc',
  last_seen: 'desc',
  first_seen: 'desc',
  title: 'asc',
  due: 'asc',
};

function listOf<T extends string>(raw: string | null, allowed: readonly T[]): T[] {
  if (!raw) return [];
  return raw.split(',').filter((v): v is T => (allowed as readonly string[]).includes(v));
}

/** The findings list as the address bar describes it, every field filled in. */
export interface FindingsView {
  severity: Severity[];
  status: FindingStatus[];
  safeguard: Safeguard[];
  q: string;
  overdue: boolean;
  sort: SortKey;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
  assetId?: string;
}

/**
 * The findings list's state lives in the address bar, so a filtered view can be bookmarked or
 * sent to a colleague. Unknown or malformed values are dropped rather than sent to the server.
 */
export function parseFindingsQuery(search: URLSearchParams): FindingsView {
  const sort = SORT_KEYS.find((k) => k === search.get('sort')) ?? 'severity';
  const orderRaw = search.get('order');
  const order = orderRaw === 'asc' || orderRaw === 'desc' ? orderRaw : DEFAULT_ORDER[sort];
  const limitRaw = Number(search.get('limit'));
  const limit = (PAGE_SIZES as readonly number[]).includes(limitRaw) ? limitRaw : DEFAULT_LIMIT;
  const offsetRaw = Number(search.get('offset'));
  const offset = Number.isInteger(offsetRaw) && offsetRaw > 0 ? offsetRaw : 0;
  const assetId = search.get('assetId') ?? undefined;
  return {
    severity: listOf(search.get('severity'), SEVERITIES),
    status: listOf(search.get('status'), FINDING_STATUSES),
    safeguard: listOf(search.get('safeguard'), SAFEGUARDS),
    q: search.get('q') ?? '',
    overdue: search.get('overdue') === 'true',
    sort,
    order,
    limit,
    offset,
    ...(assetId ? { assetId } : {}),
  };
}

/** The address for a query; defaults are left out so links stay short. */
export function findingsHref(query: FindingQuery): string {
  return `/findings${toQuery({
    severity: query.severity,
    status: query.status,
    safeguard: query.safeguard,
    assetId: query.assetId,
    q: query.q?.trim(),
    overdue: query.overdue ? 'true' : undefined,
    sort: query.sort === 'severity' ? undefined : query.sort,
    order: query.sort && query.order === DEFAULT_ORDER[query.sort] ? undefined : query.order,
    limit: query.limit === DEFAULT_LIMIT ? undefined : query.limit,
    offset: query.offset ? query.offset : undefined,
  })}`;
}

// Where the list was when a finding was opened, for the detail page's way back.
let lastListHref = '/findings';
export const rememberListHref = (href: string) => {
  lastListHref = href;
};
export const listHref = () => lastListHref;

import type { FindingQuery, FindingSummary, Page, Severity } from '../../api-types.ts';
import {
  type Queryable,
  type SqlParam,
  escapeLike,
  sqlWordList,
  toNumber,
} from '../../platform/db/index.ts';
import {
  ACTIVE_STATUSES,
  FINDING_SOURCES,
  SUMMARY_COLUMNS,
  toFindingSummary,
  type SummaryRow,
} from './finding-rows.ts';

export const MAX_PAGE = 500;
export const DEFAULT_PAGE = 50;

type SortKey = NonNullable<FindingQuery['sort']>;

// "desc" means most important first for severity and cvss, newest first for dates; every order
// ends in id so pages never overlap. Each pair is one index read forwards and backwards (see
// the migration), so every page is an index range scan rather than a sort of all findings.
const ORDERS: Record<SortKey, { asc: string; desc: string; default: 'asc' | 'desc' }> = {
  severity: {
    desc: 'f.severity_rank ASC, f.due_at ASC NULLS LAST, f.id ASC',
    asc: 'f.severity_rank DESC, f.due_at DESC NULLS FIRST, f.id DESC',
    default: 'desc',
  },
  // No deadline (info) counts as the latest.
  due: {
    asc: 'f.due_at ASC NULLS LAST, f.severity_rank ASC, f.id ASC',
    desc: 'f.due_at DESC NULLS FIRST, f.severity_rank DESC, f.id DESC',
    default: 'asc',
  },
  last_seen: {
    asc: 's.last_seen ASC, s.finding_id ASC',
    desc: 's.last_seen DESC, s.finding_id DESC',
    default: 'desc',
  },
  first_seen: {
    asc: 'f.first_seen ASC, f.id ASC',
    desc: 'f.first_seen DESC, f.id DESC',
    default: 'desc',
  },
  title: {
    asc: 'lower(f.title) ASC, f.id ASC',
    desc: 'lower(f.title) DESC, f.id DESC',
    default: 'asc',
  },
  // Findings without a score fall back to their severity.
  cvss: {
    asc: 'f.cvss_score ASC NULLS FIRST, f.severity_rank DESC, f.id DESC',
    desc: 'f.cvss_score DESC NULLS LAST, f.severity_rank ASC, f.id ASC',
    default: 'desc',
  },
};

const RANKS: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

function severityRanks(severities: readonly Severity[]): string {
  return severities
    .map((s) => {
      const rank = RANKS[s];
      if (rank === undefined) throw new Error(`unknown severity ${JSON.stringify(s)}`);
      return rank;
    })
    .join(', ');
}

/**
 * One page of findings and the total that match. Built for 100,000 findings on PGlite: the
 * default order is served by an index, the total counts findings alone (no join), and a text
 * search first looks in the small tables of titles and assets, then fetches findings by index.
 */
export async function listFindings(
  db: Queryable,
  query: FindingQuery,
  now: Date,
): Promise<Page<FindingSummary>> {
  const limit = Math.min(Math.max(query.limit ?? DEFAULT_PAGE, 1), MAX_PAGE);
  const offset = Math.max(query.offset ?? 0, 0);
  const text = query.q?.trim();
  const search = text ? await resolveSearch(db, text) : undefined;
  const { where, params } = findingFilter(query, now, search);
  const sort = ORDERS[query.sort ?? 'severity'];
  const orderBy = sort[query.order ?? sort.default];
  // First the page's ids from findings alone (an index scan, often index-only, however deep the
  // offset), then the rows with their asset and sighting for just those ids.
  const sightings =
    query.sort === 'last_seen' ? 'JOIN finding_sightings s ON s.finding_id = f.id' : '';
  const page = await db.query<{ id: string }>(
    `SELECT f.id FROM findings f ${sightings} ${where} ORDER BY ${orderBy} LIMIT ${limit} OFFSET ${offset}`,
    params,
  );
  const ids = page.map((r) => r.id);
  const found = ids.length
    ? await db.query<SummaryRow>(
        `SELECT ${SUMMARY_COLUMNS} FROM ${FINDING_SOURCES} WHERE f.id = ANY($1::uuid[])`,
        [ids],
      )
    : [];
  const byId = new Map(found.map((r) => [r.id, r]));
  const rows = ids.flatMap((id) => byId.get(id) ?? []);
  // A short first page is the whole result; skip the count.
  const total =
    offset === 0 && rows.length < limit
      ? rows.length
      : toNumber(
          (
            await db.query<{ n: number }>(
              `SELECT count(*)::int AS n FROM findings f ${where}`,
              params,
            )
          )[0]?.n,
        );
  return { items: rows.map((r) => toFindingSummary(r, now)), total, limit, offset };
}

/** What a search text matches outside the findings table: title texts, assets, a CVE id. */
export interface ResolvedSearch {
  textIds: number[];
  assetIds: string[];
  cve: string | null;
}

/**
 * Part of a title ("cipher" finds "SSL Medium Strength Cipher Suites Supported"), an exact CVE
 * id, or part of an asset's name, or its exact IP or host name. Titles and assets are small
 * tables, so they are searched by substring here; the findings are then fetched through their
 * text_id, asset_id and cves indexes. (Asking for them as subqueries instead leads the planner
 * to filter every finding.)
 */
export async function resolveSearch(db: Queryable, text: string): Promise<ResolvedSearch> {
  const lower = text.toLowerCase();
  const pattern = `%${escapeLike(lower)}%`;
  const texts = await db.query<{ id: number }>(
    'SELECT id FROM finding_texts WHERE lower(title) LIKE $1',
    [pattern],
  );
  const assets = await db.query<{ id: string }>(
    `SELECT id FROM assets WHERE lower(name) LIKE $1 OR $2 = ANY(ips) OR $3 = ANY(hostnames) OR lower(fqdn) = $3`,
    [pattern, text, lower],
  );
  return {
    textIds: texts.map((t) => Number(t.id)),
    assetIds: assets.map((a) => a.id),
    cve: /^cve-\d{4}-\d{4,}$/i.test(text) ? text.toUpperCase() : null,
  };
}

/** WHERE clause and parameters for a FindingQuery, over `findings f`. */
export function findingFilter(
  query: FindingQuery,
  now: Date,
  search?: ResolvedSearch,
): { where: string; params: SqlParam[] } {
  const clauses: string[] = [];
  const params: SqlParam[] = [];
  const bind = (value: SqlParam) => {
    params.push(value);
    return `$${params.length}`;
  };
  // Enumerations were validated by the caller's schema; sqlWordList refuses anything else.
  // Severity filters on the rank so that the (severity_rank, due_at) indexes serve them.
  if (query.severity?.length) clauses.push(`f.severity_rank IN (${severityRanks(query.severity)})`);
  if (query.status?.length) clauses.push(`f.status IN (${sqlWordList(query.status)})`);
  if (query.safeguard?.length) clauses.push(`f.safeguard IN (${sqlWordList(query.safeguard)})`);
  if (query.assetId) clauses.push(`f.asset_id = ${bind(query.assetId)}::uuid`);
  if (query.overdue !== undefined) {
    const overdue = `(f.status IN (${sqlWordList(ACTIVE_STATUSES)}) AND f.due_at < ${bind(now)})`;
    clauses.push(query.overdue ? overdue : `NOT coalesce(${overdue}, false)`);
  }
  if (search) {
    const alternatives = [
      `f.text_id = ANY(${bind(search.textIds)}::int[])`,
      `f.asset_id = ANY(${bind(search.assetIds)}::uuid[])`,
    ];
    if (search.cve) alternatives.push(`f.cves @> ARRAY[${bind(search.cve)}]::text[]`);
    clauses.push(`(${alternatives.join(' OR ')})`);
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

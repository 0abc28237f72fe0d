// Matching an SBOM component against OSV `affected[]` entries (OSV schema 1.6, "Evaluation").
import { parsePurl, type Purl } from './purl.ts';
import { compareVersions } from './version.ts';

export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}
export interface OsvAffected {
  package: { ecosystem: string; name: string; purl?: string };
  ranges?: Array<{ type: 'SEMVER' | 'ECOSYSTEM' | 'GIT' | string; events: OsvEvent[] }>;
  versions?: string[];
}
export interface SbomComponent {
  purl?: string | null;
  cpe?: string | null;
  name: string;
  version?: string | null;
}
export interface OsvMatch {
  id: string;
  package: string;
  version: string;
  why: string;
}

// purl type -> OSV ecosystem (OSV schema, "Defined ecosystems").
const ECOSYSTEMS: Record<string, string> = {
  npm: 'npm',
  pypi: 'pypi',
  maven: 'maven',
  golang: 'go',
  cargo: 'crates.io',
  gem: 'rubygems',
  nuget: 'nuget',
  composer: 'packagist',
  hex: 'hex',
  pub: 'pub',
  deb: 'debian',
  apk: 'alpine',
  rpm: 'red hat',
  swift: 'swifturl',
  conan: 'conancenter',
};

/** The name OSV uses for a purl in its ecosystem (Maven `group:artifact`, npm `@scope/name`). */
function osvName(p: Purl): string {
  if (!p.namespace) return p.name;
  if (p.type === 'maven') return `${p.namespace}:${p.name}`;
  return `${p.namespace}/${p.name}`;
}

function samePackage(component: SbomComponent, affected: OsvAffected): string | null {
  const mine = component.purl ? parsePurl(component.purl) : null;
  const theirs = affected.package.purl ? parsePurl(affected.package.purl) : null;
  if (mine && theirs) {
    const same =
      mine.type === theirs.type && mine.namespace === theirs.namespace && mine.name === theirs.name;
    return same ? `purl ${affected.package.purl}` : null;
  }
  const ecosystem = affected.package.ecosystem.toLowerCase().split(':')[0] ?? '';
  if (mine) {
    const same =
      ECOSYSTEMS[mine.type] === ecosystem &&
      osvName(mine).toLowerCase() === affected.package.name.toLowerCase();
    return same ? `${affected.package.ecosystem} package ${affected.package.name}` : null;
  }
  // No purl: the name alone, which is weaker evidence, and the explanation says so.
  return component.name.toLowerCase() === affected.package.name.toLowerCase()
    ? `name ${affected.package.name} (no purl on the component)`
    : null;
}

/** Explains why `version` falls in the range's events, or null when it does not. */
function inEvents(version: string, type: string, events: readonly OsvEvent[]): string | null {
  // OSV: introduced "0" means "from the beginning"; evaluate events in version order.
  const value = (e: OsvEvent) => e.introduced ?? e.fixed ?? e.last_affected ?? e.limit ?? '0';
  const sorted = [...events].sort((a, b) => {
    const [x, y] = [value(a), value(b)];
    if (x === '0' || y === '0') return x === y ? 0 : x === '0' ? -1 : 1;
    return compareVersions(x, y);
  });
  let from: string | null = null;
  for (const e of sorted) {
    if (e.introduced !== undefined) {
      if (e.introduced === '0' || compareVersions(version, e.introduced) >= 0) from = e.introduced;
    } else if (from !== null) {
      if (e.fixed !== undefined && compareVersions(version, e.fixed) >= 0) from = null;
      else if (e.last_affected !== undefined && compareVersions(version, e.last_affected) > 0)
        from = null;
      else if (e.limit !== undefined && compareVersions(version, e.limit) >= 0) from = null;
      else {
        const bound =
          e.fixed !== undefined
            ? `< fixed ${e.fixed}`
            : e.last_affected !== undefined
              ? `<= last_affected ${e.last_affected}`
              : `< limit ${e.limit}`;
        return `${version} is >= introduced ${from} and ${bound} (${type})`;
      }
    }
  }
  return from !== null ? `${version} is >= introduced ${from} with no fix (${type})` : null;
}

/**
 * Matches one component against one OSV vulnerability's `affected[]`; GIT ranges are skipped
 * (an SBOM version is not a commit).
 */
export function matchOsvAffected(
  component: SbomComponent,
  affected: readonly OsvAffected[],
  id = '',
): OsvMatch | null {
  const version = component.version ?? (component.purl ? parsePurl(component.purl)?.version : null);
  if (!version) return null;
  for (const entry of affected) {
    const pkg = samePackage(component, entry);
    if (!pkg) continue;
    if (entry.versions?.includes(version)) {
      return {
        id,
        package: entry.package.name,
        version,
        why: `${pkg}: ${version} is listed in versions`,
      };
    }
    for (const range of entry.ranges ?? []) {
      if (range.type !== 'SEMVER' && range.type !== 'ECOSYSTEM') continue;
      const why = inEvents(version, range.type, range.events);
      if (why) return { id, package: entry.package.name, version, why: `${pkg}: ${why}` };
    }
  }
  return null;
}

/** Matches a component against OSV records; one match per vulnerability id. */
export function matchOsv(
  component: SbomComponent,
  vulns: Iterable<{ id: string; affected: readonly OsvAffected[] }>,
): OsvMatch[] {
  const out: OsvMatch[] = [];
  for (const v of vulns) {
    const m = matchOsvAffected(component, v.affected, v.id);
    if (m) out.push(m);
  }
  return out;
}

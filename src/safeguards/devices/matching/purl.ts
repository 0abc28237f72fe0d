// Package URL (purl spec): pkg:type/namespace/name@version?qualifiers#subpath.

export interface Purl {
  type: string;
  namespace: string | null;
  name: string;
  version: string | null;
  qualifiers: Record<string, string>;
  subpath: string | null;
}

// The purl spec lower-cases names for these types (case-insensitive registries); PyPI also
// treats `_` and `-` alike (PEP 503).
const LOWER_NAME = new Set(['bitbucket', 'deb', 'github', 'golang', 'hex', 'npm', 'pypi', 'apk']);

const decode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** Parses a purl; returns null when the text is not one. */
export function parsePurl(text: string): Purl | null {
  let rest = text.trim();
  if (!/^pkg:/i.test(rest)) return null;
  rest = rest.slice(4).replace(/^\/+/, '');
  let subpath: string | null = null;
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    subpath =
      rest
        .slice(hash + 1)
        .split('/')
        .filter((s) => s && s !== '.' && s !== '..')
        .map(decode)
        .join('/') || null;
    rest = rest.slice(0, hash);
  }
  const qualifiers: Record<string, string> = {};
  const question = rest.indexOf('?');
  if (question >= 0) {
    for (const pair of rest.slice(question + 1).split('&')) {
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const value = decode(pair.slice(eq + 1));
      if (value) qualifiers[pair.slice(0, eq).toLowerCase()] = value;
    }
    rest = rest.slice(0, question);
  }
  let version: string | null = null;
  const at = rest.lastIndexOf('@');
  if (at > rest.lastIndexOf('/')) {
    version = decode(rest.slice(at + 1)) || null;
    rest = rest.slice(0, at);
  }
  const segments = rest.split('/').filter(Boolean);
  const type = segments.shift()?.toLowerCase();
  let name = segments.pop();
  if (!type || !name || !/^[a-z][a-z0-9.+-]*$/.test(type)) return null;
  name = decode(name);
  let namespace = segments.length ? segments.map(decode).join('/') : null;
  if (LOWER_NAME.has(type)) {
    name = name.toLowerCase();
    namespace = namespace?.toLowerCase() ?? null;
  }
  if (type === 'pypi') name = name.replace(/_/g, '-');
  return { type, namespace, name, version, qualifiers, subpath };
}

/** Formats a purl in its canonical form (qualifiers sorted by key). */
export function formatPurl(purl: Purl): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/%3A/gi, ':');
  const ns = purl.namespace ? `${purl.namespace.split('/').map(enc).join('/')}/` : '';
  const version = purl.version ? `@${enc(purl.version)}` : '';
  const keys = Object.keys(purl.qualifiers).sort();
  const qualifiers = keys.length
    ? `?${keys.map((k) => `${k}=${enc(purl.qualifiers[k] as string)}`).join('&')}`
    : '';
  const subpath = purl.subpath ? `#${purl.subpath}` : '';
  return `pkg:${purl.type}/${ns}${enc(purl.name)}${version}${qualifiers}${subpath}`;
}

// CPE 2.3 names: parsing the formatted string binding and the 2.2 URI binding (NISTIR 7695),
// and attribute comparison (NISTIR 7696 "Name Matching").
//
// Values are kept in one canonical, lower-cased, *escaped* form so that a literal `\*` never
// collides with the wildcard `*`, and a literal `\-` never collides with NA `-`:
//   '*' = ANY, '-' = NA, otherwise the formatted-string value with `\` before every special
//   character except `.`, `-` and `_` (NISTIR 7695 6.2.2.2 unquotes exactly those three).
// Comparison is case-insensitive (NISTIR 7695 5.3.2), hence lower-casing at parse time.

export const CPE_ATTRIBUTES = [
  'part',
  'vendor',
  'product',
  'version',
  'update',
  'edition',
  'language',
  'swEdition',
  'targetSw',
  'targetHw',
  'other',
] as const;

export type CpeAttribute = (typeof CPE_ATTRIBUTES)[number];
export type Cpe = Record<CpeAttribute, string>;

export const ANY = '*';
export const NA = '-';

/** NISTIR 7696 Table 6-2 relations. */
export type CpeRelation = 'EQUAL' | 'SUPERSET' | 'SUBSET' | 'DISJOINT' | 'UNDEFINED';

const PLAIN = /[a-z0-9._-]/;

/** Canonical escaped form of one attribute value given a raw formatted-string value. */
function canonicalFs(raw: string): string {
  if (raw === '' || raw === ANY) return ANY;
  if (raw === NA) return NA;
  const lower = raw.toLowerCase();
  let out = '';
  for (let i = 0; i < lower.length; i++) {
    let ch = lower[i] as string;
    if (ch === '\\' && i + 1 < lower.length) {
      ch = lower[++i] as string;
      // A lone escaped hyphen must stay escaped, or it would read as NA.
      out += PLAIN.test(ch) && !(ch === '-' && lower.length === 2) ? ch : `\\${ch}`;
    } else if (ch === '*' || ch === '?' || PLAIN.test(ch)) {
      out += ch;
    } else {
      // Unquoted punctuation is invalid in the binding but occurs in hand-written CPEs.
      out += `\\${ch}`;
    }
  }
  return out;
}

/** Splits on `:` not preceded by an escaping backslash. */
function splitFs(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '\\' && i + 1 < text.length) {
      current += ch + (text[++i] as string);
    } else if (ch === ':') {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

function fromValues(values: string[]): Cpe | null {
  const cpe = {} as Cpe;
  CPE_ATTRIBUTES.forEach((name, i) => (cpe[name] = values[i] ?? ANY));
  return /^[aoh*]$/.test(cpe.part) ? cpe : null;
}

/** URI binding (CPE 2.2): percent-encoding, `%01` = `?`, `%02` = `*`, packed edition. */
function parseUri(text: string): Cpe | null {
  const body = text.slice('cpe:/'.length);
  const fields = body.split(':');
  if (fields.length > 7) return null;
  const decode = (v: string | undefined): string => {
    if (v === undefined || v === '') return ANY;
    if (v === '-') return NA;
    let raw = '';
    for (let i = 0; i < v.length; i++) {
      const ch = v[i] as string;
      if (ch === '%' && i + 2 < v.length) {
        const code = v.slice(i + 1, i + 3).toLowerCase();
        i += 2;
        if (code === '01') raw += '?';
        else if (code === '02') raw += '*';
        else raw += `\\${String.fromCharCode(parseInt(code, 16))}`;
      } else raw += PLAIN.test(ch.toLowerCase()) ? ch : `\\${ch}`;
    }
    return canonicalFs(raw);
  };
  const [part, vendor, product, version, update, edition, language] = fields;
  const extended = [ANY, ANY, ANY, ANY];
  let ed = decode(edition);
  if (edition?.startsWith('~')) {
    // NISTIR 7695 6.1.3.5: a packed edition is ~edition~sw_edition~target_sw~target_hw~other.
    const packed = edition.slice(1).split('~');
    ed = decode(packed[0]);
    for (let i = 0; i < 4; i++) extended[i] = decode(packed[i + 1]);
  }
  return fromValues([
    decode(part),
    decode(vendor),
    decode(product),
    decode(version),
    decode(update),
    ed,
    decode(language),
    ...extended,
  ]);
}

/**
 * Parses a CPE 2.3 formatted string (`cpe:2.3:a:vendor:product:1.0\:beta:*:...`, trailing
 * components may be omitted and default to ANY) or a CPE 2.2 URI (`cpe:/a:vendor:product:1.0`).
 * Returns null when the text is not a CPE.
 */
export function parseCpe(text: string): Cpe | null {
  const trimmed = text.trim();
  if (/^cpe:\//i.test(trimmed)) return parseUri(trimmed);
  if (!/^cpe:2\.3:/i.test(trimmed)) return null;
  const parts = splitFs(trimmed).slice(2);
  if (parts.length < 3 || parts.length > 11) return null;
  return fromValues(parts.map(canonicalFs));
}

/**
 * Formats a CPE as a 2.3 formatted string. `short` drops trailing ANY components, which is how
 * Ward shows CPEs in explanations (`cpe:2.3:h:acme:pump_9000:-`).
 */
export function formatCpe(cpe: Cpe, opts: { short?: boolean } = {}): string {
  const values = CPE_ATTRIBUTES.map((name) => cpe[name]);
  if (opts.short) while (values.length > 4 && values[values.length - 1] === ANY) values.pop();
  return `cpe:2.3:${values.join(':')}`;
}

/** True if the value contains an unquoted `*` or `?` (NISTIR 7695 5.3.2). */
export function hasWildcard(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === '\\') i++;
    else if (ch === '*' || ch === '?') return true;
  }
  return false;
}

const wildcardCache = new Map<string, RegExp>();
function wildcardRegExp(source: string): RegExp {
  let re = wildcardCache.get(source);
  if (re) return re;
  let pattern = '^';
  for (let i = 0; i < source.length; i++) {
    const ch = source[i] as string;
    if (ch === '\\') {
      const quoted = source[++i] ?? '';
      pattern += /[a-z0-9]/.test(quoted) ? quoted : `\\${quoted}`;
    } else if (ch === '*') pattern += '.*';
    else if (ch === '?') pattern += '.';
    else pattern += ch.replace(/[.^$+(){}[\]|]/g, '\\$&');
  }
  re = new RegExp(`${pattern}$`, 's');
  if (wildcardCache.size < 10_000) wildcardCache.set(source, re);
  return re;
}

/**
 * NISTIR 7696 6.2 compare(source, target). Wildcards are meaningful in the source only; a
 * target with wildcards makes the relation UNDEFINED.
 */
export function compareAttribute(source: string, target: string): CpeRelation {
  if (source === ANY) return target === ANY ? 'EQUAL' : 'SUPERSET';
  if (source === NA) return target === NA ? 'EQUAL' : target === ANY ? 'SUBSET' : 'DISJOINT';
  if (target === ANY) return 'SUBSET';
  if (target === NA) return 'DISJOINT';
  if (hasWildcard(target)) return 'UNDEFINED';
  if (source === target) return 'EQUAL';
  if (hasWildcard(source) && wildcardRegExp(source).test(target)) return 'SUPERSET';
  return 'DISJOINT';
}

/**
 * True when the criteria (source) may name the target. Any DISJOINT or UNDEFINED attribute
 * rejects. Vendor and product must be EQUAL or SUPERSET: a target with ANY vendor or product is
 * not evidence of anything (Dependency-Track #3178). Other attributes accept SUBSET, i.e. a
 * device CPE that leaves `update` unknown still matches `update=sp1` criteria.
 */
export function cpeAttributesMatch(source: Cpe, target: Cpe, skip?: CpeAttribute): boolean {
  for (const name of CPE_ATTRIBUTES) {
    if (name === skip) continue;
    const rel = compareAttribute(source[name], target[name]);
    if (rel === 'DISJOINT' || rel === 'UNDEFINED') return false;
    if (rel === 'SUBSET' && (name === 'vendor' || name === 'product')) return false;
  }
  return true;
}

/** Removes formatted-string escapes, giving the value a person would read (`1.0:beta`). */
export function unescapeValue(value: string): string {
  return value.replace(/\\(.)/g, '$1');
}

// Manufacturer names as they drift across ICSMA advisories, CMDBs and device self-reports
// ("Philips" vs "Phillips" vs "Koninklijke Philips N.V."; "GE Healthcare" vs
// "General Electric (GE)"). Each group's first name is the canonical one.

export const DEFAULT_VENDOR_ALIASES: Record<string, string[]> = {
  'GE HealthCare': [
    'GE Healthcare',
    'General Electric',
    'GE Medical Systems',
    'GE',
    'GEHC',
    'Datex-Ohmeda',
  ],
  Philips: [
    'Koninklijke Philips N.V.',
    'Philips Healthcare',
    'Philips Medical Systems',
    'Phillips',
    'Royal Philips',
  ],
  Baxter: ['Baxter International', 'Baxter Healthcare'],
  'B. Braun': ['B. Braun Melsungen AG', 'B. Braun Medical', 'Braun'],
  BD: ['Becton, Dickinson and Company', 'Becton Dickinson', 'CareFusion'],
  Medtronic: ['Medtronic plc', 'Covidien'],
  'Siemens Healthineers': ['Siemens', 'Siemens Healthcare', 'Siemens Medical Solutions'],
  'Fresenius Kabi': ['Fresenius', 'Fresenius Medical Care'],
  Hillrom: ['Hill-Rom', 'Hill Rom', 'Welch Allyn'],
  Carestream: ['Carestream Health'],
  Dräger: ['Draeger', 'Drager', 'Drägerwerk', 'Draegerwerk AG'],
  'Smiths Medical': ['ICU Medical', 'Smiths Group'],
  Roche: ['Roche Diagnostics', 'F. Hoffmann-La Roche'],
  Abbott: ['Abbott Laboratories', 'St. Jude Medical'],
  Natus: ['Natus Medical', 'Natus Medical Incorporated'],
  Contec: ['Contec Health', 'Contec Medical Systems'],
  Santesoft: ['Sante'],
  'Boston Scientific': ['Boston Scientific Corporation'],
  Stryker: ['Stryker Corporation', 'Physio-Control'],
  Spacelabs: ['Spacelabs Healthcare', 'Spacelabs Medical'],
  Zoll: ['ZOLL Medical'],
  Vyaire: ['Vyaire Medical'],
  Fujifilm: ['Fujifilm Healthcare', 'FUJIFILM Medical Systems'],
  'Johnson & Johnson': ['Animas', 'Johnson and Johnson'],
};

// Legal-form and filler words that never distinguish one manufacturer from another.
const LEGAL = new Set([
  'inc',
  'incorporated',
  'llc',
  'ltd',
  'limited',
  'co',
  'corp',
  'corporation',
  'company',
  'gmbh',
  'ag',
  'nv',
  'sa',
  'plc',
  'oy',
  'kg',
  'the',
  'and',
  'of',
]);
// Words too generic to identify a manufacturer alone ("Natus Medical" = "Natus").
const GENERIC = new Set([
  'medical',
  'healthcare',
  'health',
  'systems',
  'system',
  'technologies',
  'technology',
  'international',
  'diagnostics',
  'laboratories',
  'solutions',
  'group',
  'devices',
  'life',
  'developments',
  'informatics',
  'software',
]);

/** Lower case, no diacritics (`Dräger` -> `drager`), no punctuation or legal forms. */
export function normaliseVendor(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((w) => w && !LEGAL.has(w))
    .join(' ');
}

/** The distinctive part of a vendor name: normalised, generic words removed. */
export function vendorCore(name: string): string {
  return normaliseVendor(name)
    .split(' ')
    .filter((w) => !GENERIC.has(w))
    .join(' ');
}

export interface VendorTable {
  canonical(name: string): string | null;
}

/** Builds a lookup from any alias (normalised) to its canonical name. */
export function buildVendorTable(extra: Record<string, string[]> = {}): VendorTable {
  const map = new Map<string, string>();
  const add = (groups: Record<string, string[]>) => {
    for (const [canonical, aliases] of Object.entries(groups)) {
      for (const alias of [canonical, ...aliases]) {
        map.set(normaliseVendor(alias), canonical);
        const core = vendorCore(alias);
        if (core && !map.has(core)) map.set(core, canonical);
      }
    }
  };
  add(DEFAULT_VENDOR_ALIASES);
  add(extra); // site aliases override Ward's defaults
  return {
    canonical: (name) => map.get(normaliseVendor(name)) ?? map.get(vendorCore(name)) ?? null,
  };
}

/**
 * Vendor names an advisory's vendor field stands for: the whole, a parenthesised acronym
 * ("Becton, Dickinson and Company (BD)"), and each party of a joint advisory
 * ("Silex Technology and GE Healthcare", "Hillrom and ELI, Baxter International Inc.").
 */
export function vendorCandidates(vendor: string): string[] {
  const out = new Set<string>([vendor.replace(/\s*\([^)]*\)/g, '').trim()]);
  for (const m of vendor.matchAll(/\(([^)]+)\)/g)) out.add((m[1] as string).trim());
  const parts = vendor.replace(/\([^)]*\)/g, '').split(/,|\band\b|&/);
  if (parts.length > 1) for (const p of parts) if (p.trim()) out.add(p.trim());
  return [...out].filter(Boolean);
}

/**
 * Explains how a device's manufacturer matches an advisory vendor, or null.
 * @example matchVendor('GE Healthcare', 'General Electric (GE)', table) // "vendor matched via alias: ..."
 */
export function matchVendor(
  manufacturer: string,
  advisoryVendor: string,
  table: VendorTable,
): string | null {
  const mine = table.canonical(manufacturer);
  const myCore = vendorCore(manufacturer);
  for (const candidate of vendorCandidates(advisoryVendor)) {
    const theirs = table.canonical(candidate);
    if (normaliseVendor(candidate) === normaliseVendor(manufacturer))
      return `vendor "${advisoryVendor}" matched`;
    if (mine && theirs && mine === theirs) {
      return `vendor matched via alias ${mine}: "${manufacturer}" = "${candidate}"`;
    }
    const core = vendorCore(candidate);
    if (core && myCore && core === myCore)
      return `vendor "${candidate}" matched "${manufacturer}" ignoring generic words`;
  }
  return null;
}

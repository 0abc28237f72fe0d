// The password candidates the audit tries, modelled on how people dress up a word to pass a
// complexity rule (Lithnet Password Protection's normalisation, read backwards): capitals,
// look-alike symbols (a→@ o→0 e→3 i→1 s→$), a few digits or a year, a trailing "!".
//
// Every (word, form, suffix) triple has a numeric id, so the candidate table can store ids and
// rebuild the text of a hit instead of holding millions of strings.

/** Look-alike substitutions, in mask bit order. */
export const LEET: ReadonlyArray<readonly [string, string]> = [
  ['a', '@'],
  ['o', '0'],
  ['e', '3'],
  ['i', '1'],
  ['s', '$'],
];

const FIRST_YEAR = 2015;

/** Suffixes, indexable: "", 1, 12, 123, 1234, the years 2015..year+1, then each again + "!". */
export function variantSuffixes(year: number): string[] {
  const plain = ['', '1', '12', '123', '1234'];
  for (let y = FIRST_YEAR; y <= year + 1; y++) plain.push(String(y));
  return [...plain, ...plain.map((s) => `${s}!`)];
}

// Forms: 0 lower, 1 Capitalised, 2 UPPER, 3 as listed, 4..34 look-alikes on lower (mask 1..31),
// 35..65 look-alikes on Capitalised.
export const FORM_COUNT = 66;
const LEET_LOWER = 4;
const LEET_CAPITAL = 35;

export const capitalise = (word: string) =>
  word.length === 0 ? word : word[0]!.toUpperCase() + word.slice(1);

/** Bit mask of the LEET letters present in `lower`. */
export function leetMask(lower: string): number {
  let mask = 0;
  LEET.forEach(([letter], bit) => {
    if (lower.includes(letter)) mask |= 1 << bit;
  });
  return mask;
}

function applyLeet(text: string, mask: number): string {
  let out = text;
  LEET.forEach(([letter, symbol], bit) => {
    if (mask & (1 << bit)) out = out.replaceAll(letter, symbol);
  });
  return out;
}

/** The text of form `form` of a word, or undefined when that form adds nothing new. */
export function applyForm(lower: string, listed: string, form: number): string | undefined {
  if (form === 0) return lower;
  if (form === 1) {
    const text = capitalise(lower);
    return text === lower ? undefined : text;
  }
  if (form === 2) {
    const text = lower.toUpperCase();
    return text === lower || text === capitalise(lower) ? undefined : text;
  }
  if (form === 3) {
    return listed === lower || listed === capitalise(lower) || listed === lower.toUpperCase()
      ? undefined
      : listed;
  }
  const capital = form >= LEET_CAPITAL;
  const mask = form - (capital ? LEET_CAPITAL : LEET_LOWER) + 1;
  const present = leetMask(capital ? lower.slice(1) : lower);
  if ((mask & present) !== mask) return undefined;
  if (!capital) return applyLeet(lower, mask);
  const text = capitalise(lower);
  return text === lower ? undefined : text[0] + applyLeet(text.slice(1), mask);
}

/** Which forms and suffixes a word gets, by its rank in the list. */
export interface VariantTiers {
  /** Context words and this many leading dictionary words: every form and suffix. */
  full: number;
  /** The next this many: plain forms and all-symbols forms, every suffix. */
  common: number;
  // The rest: lower, Capitalised, UPPER and as listed, with "", 1, 123 or "!".
}

export const DEFAULT_TIERS: VariantTiers = { full: 1_000, common: 20_000 };

export function formsFor(tier: 'full' | 'common' | 'rest', lower: string): number[] {
  const forms = [0, 1, 2, 3];
  if (tier === 'rest') return forms;
  if (tier === 'common') {
    const all = leetMask(lower);
    if (all) forms.push(LEET_LOWER + all - 1);
    const allCapital = leetMask(lower.slice(1));
    if (allCapital) forms.push(LEET_CAPITAL + allCapital - 1);
    return forms;
  }
  for (let form = LEET_LOWER; form < FORM_COUNT; form++) forms.push(form);
  return forms;
}

export function suffixesFor(
  tier: 'full' | 'common' | 'rest',
  suffixes: readonly string[],
): number[] {
  if (tier !== 'rest') return suffixes.map((_, i) => i);
  const half = suffixes.length / 2;
  return [0, 1, 3, half];
}

/**
 * Password candidates built from a user name: the bare login (no DOMAIN\ or @domain) as given,
 * lower, UPPER and Capitalised, with "", 1, 12, 123, 1234, "!", 1!, 123!, this and last year
 * (DSInternals' SamAccountNameAsPassword, widened the way people widen it).
 */
export function usernameCandidates(username: string, year: number): string[] {
  const base = bareLogin(username);
  if (!base) return [];
  const forms = [base, base.toLowerCase(), base.toUpperCase(), capitalise(base.toLowerCase())];
  const suffixes = ['', '1', '12', '123', '1234', '!', '1!', '123!'];
  for (const y of [year, year - 1]) suffixes.push(String(y), `${y}!`);
  const out = new Set<string>();
  for (const suffix of suffixes) for (const form of forms) out.add(form + suffix);
  return [...out];
}

/** "CORP\jsmith" → "jsmith", "jsmith@corp.example" → "jsmith". */
export function bareLogin(account: string): string {
  const afterDomain = account.slice(account.lastIndexOf('\\') + 1);
  const at = afterDomain.indexOf('@');
  return (at > 0 ? afterDomain.slice(0, at) : afterDomain).trim();
}

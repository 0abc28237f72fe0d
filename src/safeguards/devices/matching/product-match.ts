// Fuzzy matching of a device model against an advisory product name. ICSMA product names are
// prose ("Alaris PC Unit 8015", "PageWriter TC10 TC20 TC30 TC50 TC70 Cardiographs",
// "IntelliVue MX40 Patient Worn Monitor (WLAN only)"), while inventories hold "Alaris 8015"
// or "MX40"; so we compare token sets, not strings.
import { normaliseVendor } from './vendor-aliases.ts';

// Words that describe rather than identify a product.
const FILLER = new Set([
  'series',
  'model',
  'models',
  'system',
  'systems',
  'the',
  'and',
  'or',
  'for',
  'with',
  'of',
  'version',
  'versions',
  'all',
  'device',
  'devices',
  'product',
  'products',
  'family',
  'only',
  'a',
  'an',
  'in',
  'on',
  'by',
  'including',
  'inc',
  'r',
  'tm',
]);

export function productTokens(
  text: string,
  vendorWords: ReadonlySet<string> = new Set(),
): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[®™©]/g, ' ')
    .split(/[^a-z0-9]+/)
    .filter((t) => t && !FILLER.has(t) && !vendorWords.has(t));
}

const hasDigit = (t: string) => /\d/.test(t);

/**
 * Explains how `model` matches `product`, or null. Rules, strongest first:
 * 1. every device token is in the product (`Alaris 8015` in `Alaris PC Unit 8015`), or every
 *    product token is in the device's model;
 * 2. the joined tokens contain each other (`MX-40` vs `IntelliVue MX40`), at least 4 characters
 *    with a digit, so a model number written differently still matches;
 * 3. a shared model number (a token with digits, at least 3 characters) plus a shared word,
 *    or the model is only that number, or the number mixes letters and digits and has at least
 *    5 characters (`EX1150`, `35700BAX2`: distinctive alone, while `8015` or `64` are not).
 */
export function matchProduct(model: string, product: string, vendor = ''): string | null {
  const vendorWords = new Set(normaliseVendor(vendor).split(' ').filter(Boolean));
  const mine = productTokens(model, vendorWords);
  const theirs = productTokens(product, vendorWords);
  if (!mine.length || !theirs.length) return null;
  const theirSet = new Set(theirs);
  const mySet = new Set(mine);
  if (mine.every((t) => theirSet.has(t)))
    return `model tokens ${mine.join(' ')} all in "${product}"`;
  if (theirs.every((t) => mySet.has(t)))
    return `product tokens ${theirs.join(' ')} all in model "${model}"`;
  const myJoined = mine.join('');
  const theirJoined = theirs.join('');
  if (myJoined.length >= 4 && hasDigit(myJoined) && theirJoined.includes(myJoined)) {
    return `model "${model}" appears in "${product}" ignoring spacing and punctuation`;
  }
  const numbers = mine.filter((t) => hasDigit(t) && t.length >= 3 && theirSet.has(t));
  const words = mine.filter((t) => !hasDigit(t) && theirSet.has(t));
  const distinctive = numbers.some((t) => t.length >= 5 && /[a-z]/.test(t));
  if (numbers.length && (words.length || distinctive || mine.every(hasDigit))) {
    return `model number ${numbers.join(', ')}${words.length ? ` and ${words.join(' ')}` : ''} in "${product}"`;
  }
  return null;
}

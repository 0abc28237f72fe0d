/**
 * True when `key` is a listed word or one listed word repeated ("elephantelephant"): a repeat
 * adds almost nothing to a guess that already tries the word.
 */
export function isWordOrRepeat(key: string, isListed: (word: string) => boolean): boolean {
  if (key.length === 0) return false;
  if (isListed(key)) return true;
  const period = smallestPeriod(key);
  for (let unit = period; unit < key.length; unit += period) {
    if (key.length % unit === 0 && isListed(key.slice(0, unit))) return true;
  }
  return false;
}

// Knuth-Morris-Pratt failure function: the string is a repeat of its first n - fail[n-1]
// characters exactly when that length divides n.
function smallestPeriod(text: string): number {
  const fail = new Array<number>(text.length).fill(0);
  for (let i = 1, k = 0; i < text.length; i++) {
    while (k > 0 && text[i] !== text[k]) k = fail[k - 1]!;
    if (text[i] === text[k]) k++;
    fail[i] = k;
  }
  const period = text.length - fail[text.length - 1]!;
  return text.length % period === 0 ? period : text.length;
}

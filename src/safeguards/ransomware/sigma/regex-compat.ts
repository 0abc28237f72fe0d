/**
 * `re` values are PCRE (modifiers appendix, "Regular Expression"); JavaScript RegExp differs in
 * a few places rule authors use: leading inline flags `(?i)`, `\A` / `\Z` anchors and Python's
 * `(?P<name>...)`. Those are rewritten; anything else that JavaScript rejects is a load error
 * rather than a silently different match.
 */

/** A RegExp for the PCRE source with extra flags (`i`, `m`, `s`), or the reason it cannot be built. */
export function compileRegex(source: string, flags: string): RegExp | string {
  let pattern = source;
  const flagSet = new Set(flags);
  const inline = /^\(\?([imsx]+)\)/.exec(pattern);
  if (inline) {
    for (const flag of inline[1]!) {
      if (flag === 'x') return 'extended mode (?x) is not supported';
      flagSet.add(flag);
    }
    pattern = pattern.slice(inline[0].length);
  }
  // Escaped characters are masked first so that `\s+` is not read as a possessive `}+`.
  const masked = pattern.replace(/\\./g, 'e');
  if (/\(\?>|[*+?}]\+/.test(masked)) {
    return 'atomic groups and possessive quantifiers are not supported';
  }
  pattern = pattern
    .replace(/\(\?P</g, '(?<')
    .replace(/(^|[^\\])((?:\\\\)*)\\A/g, '$1$2^')
    .replace(/(^|[^\\])((?:\\\\)*)\\[zZ]/g, '$1$2$');
  try {
    // Non-unicode mode accepts PCRE-style identity escapes such as `\-` or `\/`.
    return new RegExp(pattern, [...flagSet].join(''));
  } catch (error) {
    return (error as Error).message;
  }
}

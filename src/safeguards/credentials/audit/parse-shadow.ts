// /etc/shadow (shadow(5)): name:password:lastchg:min:max:warn:inactive:expire:reserved.
// "!" or "*" alone (also "!!", "*LK*") means no password can log in: not a finding. "!" in front
// of a hash is a locked account whose hash is still audited. An empty field is no password.
import type { ParsedDump } from './types.ts';

export function parseShadow(lines: readonly string[]): ParsedDump {
  const out: ParsedDump = { accounts: [], skippedLines: [], notes: [] };
  lines.forEach((text, i) => {
    const line = i + 1;
    if (text.trim() === '' || text.startsWith('#')) return;
    const fields = text.split(':');
    if (fields.length < 2 || fields.length > 9) {
      out.skippedLines.push({
        line,
        reason: `expected name:password:lastchg:... (2 to 9 colon-separated fields), found ${fields.length}`,
      });
      return;
    }
    const name = fields[0]!.trim();
    if (!name || /\s/.test(name)) {
      out.skippedLines.push({ line, reason: 'field 1 (user name) is empty or has spaces' });
      return;
    }
    const badNumber = fields.slice(2, 8).findIndex((f) => !/^-?\d*$/.test(f.trim()));
    if (badNumber >= 0) {
      out.skippedLines.push({ line, reason: `field ${badNumber + 3} is not a number of days` });
      return;
    }
    let hash = fields[1]!.trim();
    // "!" alone is a lock with no password, which describeStoredHash reports as "locked".
    const locked = /^!+./.test(hash) && !/^[!*]+$/.test(hash);
    if (locked) hash = hash.replace(/^!+/, '');
    out.accounts.push({
      line,
      account: name,
      username: name,
      hash,
      ...(locked ? { status: 'locked' as const } : {}),
    });
  });
  return out;
}

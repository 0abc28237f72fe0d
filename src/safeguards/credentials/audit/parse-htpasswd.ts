// Apache htpasswd: "user:hash", the hash being bcrypt ($2y$), apr1 ($apr1$), {SHA}, crypt(3) or,
// on Windows and NetWare, the plaintext password itself.
import { bareLogin } from './candidate-variants.ts';
import type { ParsedDump } from './types.ts';

export function parseHtpasswd(lines: readonly string[]): ParsedDump {
  const out: ParsedDump = { accounts: [], skippedLines: [], notes: [] };
  lines.forEach((text, i) => {
    const line = i + 1;
    if (text.trim() === '' || text.startsWith('#')) return;
    const colon = text.indexOf(':');
    if (colon < 0) {
      out.skippedLines.push({ line, reason: 'expected user:hash, found no colon' });
      return;
    }
    const user = text.slice(0, colon).trim();
    if (!user) {
      out.skippedLines.push({ line, reason: 'expected user:hash, found no user name' });
      return;
    }
    out.accounts.push({
      line,
      account: user,
      username: bareLogin(user),
      hash: text.slice(colon + 1),
    });
  });
  return out;
}

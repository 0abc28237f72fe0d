// secretsdump.py output (Impacket): "DOMAIN\user:rid:lmhash:nthash:::", optionally followed by
// " (status=Enabled)" with -user-status. Password history ("user_history0:...") and machine
// accounts ("HOST$") are not audited; Kerberos key lines and "[*]" progress lines are skipped;
// "user:CLEARTEXT:..." lines mean the domain keeps the password with reversible encryption.
import { NO_LM_HASH } from '../hashing/lm.ts';
import { bareLogin } from './candidate-variants.ts';
import { count } from './plural.ts';
import type { ParsedAccount, ParsedDump } from './types.ts';

export const NTDS_LINE =
  /^(.+?):(\d+):([0-9a-f]{32}):([0-9a-f]{32}):::\s*(?:\(status=(Enabled|Disabled)\))?\s*$/i;
const KERBEROS_LINE =
  /^[^:]+:(?:aes(?:128|256)-cts-hmac-sha1-96|des-cbc-md5|rc4_hmac|dec-cbc-crc):/i;
const CLEARTEXT_LINE = /^([^:]+):CLEARTEXT:/;
export const SECRETSDUMP_NOISE = /^(?:\[[*+!-]\]|Impacket v|\s*$)/;

export function parseNtds(lines: readonly string[]): ParsedDump {
  const out: ParsedDump = { accounts: [], skippedLines: [], notes: [] };
  const cleartext = new Set<string>();
  let history = 0;
  let machines = 0;
  let kerberos = 0;
  lines.forEach((text, i) => {
    const line = i + 1;
    if (SECRETSDUMP_NOISE.test(text) || text.startsWith('#')) return;
    if (KERBEROS_LINE.test(text)) {
      kerberos++;
      return;
    }
    const clear = CLEARTEXT_LINE.exec(text);
    if (clear) {
      cleartext.add(clear[1]!);
      return;
    }
    const match = NTDS_LINE.exec(text);
    if (!match) {
      out.skippedLines.push({ line, reason: describeBadNtdsLine(text) });
      return;
    }
    const user = match[1]!;
    if (/_history\d+$/.test(user)) {
      history++;
      return;
    }
    if (user.endsWith('$')) {
      machines++;
      return;
    }
    const lm = match[3]!.toLowerCase();
    const account: ParsedAccount = {
      line,
      account: user,
      username: bareLogin(user),
      hash: match[4]!.toLowerCase(),
      ...(lm !== NO_LM_HASH ? { lmHash: lm } : {}),
      ...(match[5]?.toLowerCase() === 'disabled' ? { status: 'disabled' as const } : {}),
    };
    out.accounts.push(account);
  });
  for (const account of out.accounts) {
    if (cleartext.has(account.account)) account.reversible = true;
  }
  if (history) out.notes.push(`skipped ${count(history, 'password history line')} (*_history)`);
  if (machines) out.notes.push(`skipped ${count(machines, 'machine account')} (names ending in $)`);
  if (kerberos) out.notes.push(`skipped ${count(kerberos, 'Kerberos key line')}`);
  return out;
}

/** What is wrong with a line, without quoting it (it may hold a hash). */
function describeBadNtdsLine(text: string): string {
  const fields = text.split(':');
  if (fields.length < 4) {
    return `expected user:rid:lmhash:nthash::: (secretsdump), found ${fields.length} colon-separated field${fields.length === 1 ? '' : 's'}`;
  }
  if (!/^\d+$/.test(fields[1] ?? '')) return 'field 2 (rid) is not a number';
  if (!/^[0-9a-f]{32}$/i.test(fields[2] ?? '')) return 'field 3 (LM hash) is not 32 hex digits';
  if (!/^[0-9a-f]{32}$/i.test(fields[3] ?? '')) return 'field 4 (NT hash) is not 32 hex digits';
  return 'expected ":::" after the NT hash, then an optional (status=Enabled|Disabled)';
}

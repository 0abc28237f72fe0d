// Telling the dump formats apart from their content (the file name only breaks ties). The error
// when unsure counts what the lines looked like but never quotes them: they may hold hashes.
import type { CredentialFileFormat } from '../../../api-types.ts';
import { detectCsvDelimiter, findColumn } from './parse-csv.ts';
import { NTDS_LINE, SECRETSDUMP_NOISE } from './parse-ntds.ts';

const SAMPLE_LINES = 200;
// ntds and shadow lines are distinctive enough that a majority decides (a dump with a few
// damaged lines is still that format, and the damaged lines are reported); "user:hash" is not.
const DISTINCTIVE = 0.6;
const GENERIC = 0.8;

const SHADOW_LINE = /^[^:\s]+:[^:]*:-?\d*:-?\d*:-?\d*:-?\d*:-?\d*:-?\d*:[^:]*$/;
const HTPASSWD_LINE = /^[^:\s]+:[^:\s]+$/;
const KERBEROS_OR_CLEARTEXT = /^[^:]+:(?:aes(?:128|256)-cts-hmac-sha1-96|des-cbc-md5|CLEARTEXT):/i;

/** The text of an uploaded dump: UTF-8 (with or without BOM) or UTF-16 with a BOM. */
export function decodeDumpText(input: string | Buffer): string {
  if (typeof input === 'string') return input.replace(/^\uFEFF/, '');
  if (input[0] === 0xff && input[1] === 0xfe) return input.subarray(2).toString('utf16le');
  if (input[0] === 0xfe && input[1] === 0xff) {
    const swapped = Buffer.from(input.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  return input.toString('utf8').replace(/^\uFEFF/, '');
}

export function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The format of a dump, or an error saying what the lines looked like. */
export function detectCredentialFormat(text: string, fileName: string): CredentialFileFormat {
  const lines = splitLines(text)
    .filter((l) => !SECRETSDUMP_NOISE.test(l) && !l.startsWith('#'))
    .slice(0, SAMPLE_LINES);
  if (lines.length === 0) throw new Error(`${fileName}: no credential lines to audit`);
  const share = (pattern: RegExp) => lines.filter((l) => pattern.test(l)).length / lines.length;
  const ntds = lines.filter((l) => NTDS_LINE.test(l) || KERBEROS_OR_CLEARTEXT.test(l)).length;
  const scores = {
    ntds: ntds / lines.length,
    shadow: share(SHADOW_LINE),
    htpasswd: share(HTPASSWD_LINE),
  };
  if (scores.ntds >= DISTINCTIVE) return 'ntds';
  if (scores.shadow >= DISTINCTIVE) return 'shadow';
  if (looksLikeCsvHeader(lines[0]!) || (/\.csv$/i.test(fileName) && scores.htpasswd < GENERIC)) {
    return 'csv';
  }
  if (scores.htpasswd >= GENERIC) return 'htpasswd';
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  throw new Error(
    `${fileName}: could not tell the format from the first ${lines.length} lines: ` +
      `${pct(scores.ntds)} look like ntds (user:rid:lmhash:nthash:::), ${pct(scores.shadow)} like shadow (9 colon-separated fields), ` +
      `${pct(scores.htpasswd)} like htpasswd (user:hash), and line 1 is not a CSV header naming a user and a hash column; ` +
      `choose the format explicitly (ntds, shadow, htpasswd or csv)`,
  );
}

function looksLikeCsvHeader(line: string): boolean {
  const delimiter = detectCsvDelimiter(line);
  const header = line.split(delimiter).map((h) => h.trim().replace(/^"|"$/g, ''));
  if (header.length < 2) return false;
  const user = findColumn(
    header,
    ['user', 'username', 'login', 'email', 'account'],
    ['user', 'login', 'email', 'account'],
    'prefix',
  );
  const hash = findColumn(
    header,
    ['hash', 'password', 'passwd', 'pwd'],
    ['hash', 'passw'],
    'includes',
  );
  return user >= 0 && hash >= 0 && user !== hash;
}

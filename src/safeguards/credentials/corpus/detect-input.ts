import { closeSync, openSync, readSync } from 'node:fs';
import type { CorpusKind } from '../../../api-types.ts';

export type InputFormat = { type: 'hibp'; kind: CorpusKind } | { type: 'list' };

const SHA1_LINE = /^[0-9A-Fa-f]{40}:[0-9]+$/;
const NTLM_LINE = /^[0-9A-Fa-f]{32}:[0-9]+$/;

/**
 * A Pwned Passwords download when its first line is `HASH:COUNT` (40 hex: SHA-1, 32 hex: NTLM),
 * otherwise a plain password list. A list whose first password looks exactly like a HIBP line
 * would be misread, which is why the rule needs the count too.
 */
export function detectInput(path: string): InputFormat {
  const fd = openSync(path, 'r');
  const head = Buffer.alloc(4096);
  let length: number;
  try {
    length = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  let text = head.toString('utf8', 0, length);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const first = text.split('\n').find((line) => line.replace(/\r$/, '') !== '');
  const line = first?.replace(/\r$/, '') ?? '';
  if (SHA1_LINE.test(line)) return { type: 'hibp', kind: 'sha1' };
  if (NTLM_LINE.test(line)) return { type: 'hibp', kind: 'ntlm' };
  return { type: 'list' };
}

import { hash } from 'node:crypto';
import type { BreachedLookup } from '../breached-lookup.ts';
import { ntlmHash } from '../hashing/ntlm.ts';

/**
 * Times `password` appears in the corpus: the SHA-1 index first (SHA-1 of the UTF-8 bytes, as
 * Pwned Passwords hashes), then the NTLM one. A hit in either counts: with the HIBP NTLM file
 * and a local list imported, the SHA-1 index holds the list only. Undefined when neither kind
 * is imported.
 */
export function passwordBreachCount(corpus: BreachedLookup, password: string): number | undefined {
  const sha1 = corpus.sha1Count(hash('sha1', password, 'buffer'));
  if (sha1 !== undefined && sha1 > 0) return sha1;
  const ntlm = corpus.ntlmCount(ntlmHash(password));
  if (ntlm !== undefined && ntlm > 0) return ntlm;
  return sha1 ?? ntlm;
}

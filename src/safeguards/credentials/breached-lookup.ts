/**
 * How the policy and the audit ask the breached-password corpus about a hash. The corpus module
 * implements it over its on-disk indexes; tests implement it over a Map.
 */
export interface BreachedLookup {
  /** Times this SHA-1 digest (20 bytes) was seen; 0 when absent; undefined without a SHA-1 corpus. */
  sha1Count(digest: Uint8Array): number | undefined;
  /** Times this NT hash (16 bytes) was seen; 0 when absent; undefined without an NTLM corpus. */
  ntlmCount(digest: Uint8Array): number | undefined;
}

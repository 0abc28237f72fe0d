// The stored-credential audit and hashing guidance (Ward issue 5, parts 3 and 5): the engine
// behind `ward creds audit FILE` and `ward creds hash-check`.
export { auditCredentials } from './audit-credentials.ts';
export { detectCredentialFormat, decodeDumpText } from './format-detect.ts';
export { detectHashAlgorithm, describeStoredHash, type StoredHash } from './stored-hash.ts';
export {
  rateHashScheme,
  type HashSchemeInput,
  type HashSchemeRating,
  type HashVerdict,
} from './hash-rating.ts';
export { parseHashCheckParams, type HashParams } from './hash-check-params.ts';
export type {
  AuditDeps,
  AuditInput,
  AuditWords,
  CredentialAuditReport,
  HashAlgorithm,
  SkippedLine,
} from './types.ts';

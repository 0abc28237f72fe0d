/**
 * Identity directory audit (credentials safeguard): user exports of Active Directory, Entra ID
 * and Okta become findings on account assets, and MFA coverage over time.
 */
export type { DirectoryAccount } from './account-parse.ts';
export {
  auditDirectory,
  DEFAULT_STALE_DAYS,
  type AccountProblem,
  type CoverageCounts,
  type DirectoryAudit,
} from './directory-checks.ts';
export { DirectoryInputError } from './directory-errors.ts';
export {
  DIRECTORY_FIELDS,
  parseColumnMapping,
  type ColumnMapping,
  type DirectoryField,
} from './directory-fields.ts';
export { DIRECTORY_TOOL } from './directory-findings.ts';
export {
  importDirectory,
  type DirectoryDeps,
  type DirectoryImportInput,
  type DirectoryImportOutcome,
} from './directory-import.ts';
export {
  parseDirectoryExport,
  type DirectoryExport,
  type DirectoryExportInput,
} from './directory-parse.ts';
export { listMfaCoverage, type MfaCoverageQuery } from './mfa-coverage.ts';
export { parseTerminations, type Terminations } from './terminations.ts';

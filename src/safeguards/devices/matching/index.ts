// Vulnerability matching for devices and SBOM components (issue 6, part 4; ADR 0012).
export {
  parseCpe,
  formatCpe,
  compareAttribute,
  cpeAttributesMatch,
  hasWildcard,
  CPE_ATTRIBUTES,
  type Cpe,
  type CpeAttribute,
  type CpeRelation,
} from './cpe.ts';
export {
  compareVersions,
  versionTokens,
  compareVersionTokens,
  type VersionToken,
} from './version.ts';
export type { NvdConfiguration, NvdNode, NvdCpeMatch } from './config-store.ts';
export type { ConfigMatch, DeviceProduct } from './config-eval.ts';
export { evaluateConfigurations } from './configurations.ts';
export { buildNvdIndex, type NvdIndex, type NvdMatch } from './nvd-index.ts';
export { parsePurl, formatPurl, type Purl } from './purl.ts';
export {
  matchOsv,
  matchOsvAffected,
  type OsvAffected,
  type OsvEvent,
  type OsvMatch,
  type SbomComponent,
} from './osv.ts';
export {
  parseVersionRangeText,
  versionInRange,
  type VersionRange,
  type VersionInterval,
  type VersionBound,
} from './version-range-text.ts';
export {
  DEFAULT_VENDOR_ALIASES,
  buildVendorTable,
  matchVendor,
  normaliseVendor,
  type VendorTable,
} from './vendor-aliases.ts';
export { matchProduct } from './product-match.ts';
export {
  matchCsafAdvisory,
  type CsafAdvisory,
  type CsafDevice,
  type CsafMatch,
  type CsafProduct,
  type CsafStatus,
  type CsafConfidence,
  type CsafVulnerability,
} from './csaf.ts';
export {
  applyDecisions,
  toCycloneDxVex,
  type VexDecision,
  type VexEntry,
  type WithVex,
} from './vex.ts';

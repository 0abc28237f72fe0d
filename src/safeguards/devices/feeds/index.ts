export { importFeeds } from './import-feeds.ts';
export { loadNvdConfigurations, loadCsafAdvisories, getCveFacts } from './read.ts';
export type { CsafAdvisorySummary, CveFacts } from './read.ts';
export { detectKind } from './detect.ts';
export { parseCsafDocument, flattenProductTree } from './csaf-document.ts';
export { parseNvdCve } from './nvd-record.ts';
export type {
  CsafProduct,
  FeedFileSummary,
  FeedImportSummary,
  FeedKind,
  FeedProgress,
  FeedRejection,
  FeedSkippedFile,
  ImportFeedsOptions,
} from './types.ts';

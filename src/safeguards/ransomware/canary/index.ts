/**
 * Canary files: decoys planted in shared folders, watched for modification, renaming, deletion
 * and bursts of changes around them; events go to the ingest endpoint and the canary rules.
 */
export { registerCanaryCommand } from './cli.ts';
export { DECOY_NAMES } from './decoy-files.ts';
export {
  CANARY_CHANNEL,
  CANARY_EVENT_IDS,
  createCanaryPoster,
  toCanaryRecord,
  type CanaryPoster,
  type CanaryRecord,
  type PosterOptions,
} from './event-poster.ts';
export {
  MANIFEST_NAME,
  plantCanaries,
  readManifest,
  type CanaryFile,
  type CanaryManifest,
  type PlantResult,
} from './plant-canaries.ts';
export {
  watchCanaries,
  type CanaryEvent,
  type CanaryWatch,
  type WatchOptions,
} from './watch-canaries.ts';

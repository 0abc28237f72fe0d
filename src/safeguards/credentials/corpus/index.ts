// The breached-password corpus: an offline copy of Have I Been Pwned's Pwned Passwords (and
// local lists) as compact on-disk indexes, with lookups and the range API's response format.
// docs/adr/0007-breached-password-corpus.md explains the design.
export { importCorpus } from './import-corpus.ts';
export type {
  CorpusImportIndexResult,
  CorpusImportResult,
  ImportCorpusOptions,
} from './import-corpus.ts';
export { CorpusImportAbortedError, type CorpusImportProgress } from './import-pacer.ts';
export { CorpusInputError } from './hibp-text-source.ts';
export { openCorpus, type Corpus } from './open-corpus.ts';
export type { CorpusIndex, RangeRow } from './corpus-index.ts';
export { formatRangeResponse } from './range-response.ts';
export { passwordBreachCount } from './password-breach-count.ts';
export { buildSyntheticIndex, writeHibpFile, type PlantedPassword } from './synthetic-corpus.ts';

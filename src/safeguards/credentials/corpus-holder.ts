import type { BreachedLookup } from './breached-lookup.ts';
import { openCorpus, type Corpus } from './corpus/index.ts';

/**
 * The server's handle on the corpus directory. `ward creds corpus import` runs as a separate
 * command and swaps the index files by rename, so the holder reopens when they changed (the
 * corpus checks that cheaply) instead of serving the old index until a restart.
 */
export interface CorpusHolder {
  current(): Corpus;
  /** For the policy and the audit: always asks the current index. */
  lookup: BreachedLookup;
  close(): void;
}

const REFRESH_MS = 1000;

export function createCorpusHolder(dir: string): CorpusHolder {
  let corpus = openCorpus(dir);
  let checkedAt = 0;
  // An audit asks once per account; checking the files once a second is plenty.
  const current = () => {
    const now = Date.now();
    if (now - checkedAt >= REFRESH_MS) {
      corpus = corpus.refresh();
      checkedAt = now;
    }
    return corpus;
  };
  return {
    current,
    lookup: {
      sha1Count: (digest) => current().lookup.sha1Count(digest),
      ntlmCount: (digest) => current().lookup.ntlmCount(digest),
    },
    close: () => corpus.close(),
  };
}

import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { CorpusKind, CorpusStatus } from '../../../api-types.ts';
import type { BreachedLookup } from '../breached-lookup.ts';
import { IndexFile, type CorpusIndex } from './corpus-index.ts';
import { indexFileName } from './index-format.ts';

/** The corpus directory opened for lookups and the range API. */
export interface Corpus {
  readonly dir: string;
  readonly sha1: CorpusIndex | undefined;
  readonly ntlm: CorpusIndex | undefined;
  /** For the password policy and the audit; undefined counts where a kind is not imported. */
  readonly lookup: BreachedLookup;
  status(): CorpusStatus;
  /**
   * Reopens the indexes whose files an import replaced since (two stat calls, about 1 us) and
   * returns the corpus to use from now on. An index object taken before stops working.
   */
  refresh(): Corpus;
  close(): void;
}

interface Opened {
  file: IndexFile;
  identity: string;
}

const KINDS: CorpusKind[] = ['sha1', 'ntlm'];

/** Opens `<dir>/sha1.idx` and `<dir>/ntlm.idx`, whichever exist; a missing dir is an empty corpus. */
export function openCorpus(dir: string): Corpus {
  return new CorpusDir(dir);
}

class CorpusDir implements Corpus {
  readonly dir: string;
  readonly lookup: BreachedLookup;
  private readonly opened = new Map<CorpusKind, Opened>();

  constructor(dir: string) {
    this.dir = dir;
    this.lookup = {
      sha1Count: (digest) => this.opened.get('sha1')?.file.count(digest),
      ntlmCount: (digest) => this.opened.get('ntlm')?.file.count(digest),
    };
    try {
      this.refresh();
    } catch (err) {
      this.close();
      throw err;
    }
  }

  get sha1(): CorpusIndex | undefined {
    return this.opened.get('sha1')?.file;
  }

  get ntlm(): CorpusIndex | undefined {
    return this.opened.get('ntlm')?.file;
  }

  status(): CorpusStatus {
    return {
      indexes: [...this.opened.values()].map(({ file }) => ({
        kind: file.kind,
        entries: file.entries,
        bytes: file.bytes,
        compact: file.compact,
        importedAt: file.importedAt,
        sources: [...file.sources],
      })),
    };
  }

  refresh(): Corpus {
    for (const kind of KINDS) {
      const path = join(this.dir, indexFileName(kind));
      const s = statSync(path, { throwIfNoEntry: false });
      // The import renames a new file into place, so the inode changes; size and mtime too.
      const identity = s ? `${s.ino}:${s.size}:${s.mtimeMs}` : '';
      const current = this.opened.get(kind);
      if ((current?.identity ?? '') === identity) continue;
      current?.file.close();
      this.opened.delete(kind);
      if (identity) this.opened.set(kind, { file: new IndexFile(path), identity });
    }
    return this;
  }

  close(): void {
    for (const { file } of this.opened.values()) file.close();
    this.opened.clear();
  }
}

import type { EntryBatch } from './entry-batch.ts';

/** Where a source stopped: a byte offset at a line start, for the import checkpoint. */
export interface SourcePosition {
  offset: number;
  /** Physical lines before `offset` (for error messages after a resume). */
  line: number;
  /** HASH:COUNT lines before `offset` (empty lines not counted). */
  lines: number;
}

/**
 * A sorted stream of (hash, count) entries that the merge pulls bucket range by bucket range:
 * a Pwned Passwords text file, the index being merged into, or hashed password lists.
 */
export interface EntrySource {
  /** Appends this source's entries of all buckets below `endBucket` to `batch`. */
  fill(endBucket: number, batch: EntryBatch): void;
  /** Resume point; only meaningful right after fill() returned. */
  position(): SourcePosition;
  readonly bytesTotal: number;
  bytesRead(): number;
  close(): void;
}

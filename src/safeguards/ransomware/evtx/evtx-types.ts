import type { EvtxJson } from '../events/event-types.ts';

/** One event record, rendered as evtx_dump (omerbenamram/evtx) renders it to JSON. */
export interface EvtxRecord {
  /** EventRecordID from the record header. */
  recordId: number;
  /** Record header's written time, ISO 8601 UTC with microseconds (evtx_dump's precision). */
  timestamp: string;
  /** Zero-based chunk number the record was read from. */
  chunk: number;
  event: EvtxJson;
}

/** Something in the file was damaged and skipped; reading carried on after it. */
export interface EvtxWarning {
  /** Zero-based chunk number, or null for the file header. */
  chunk: number | null;
  /** Absolute file offset of the damaged structure. */
  offset: number;
  message: string;
}

export interface ReadEvtxOptions {
  onWarning?: (warning: EvtxWarning) => void;
  /**
   * Read only chunks `from` (inclusive) to `to` (exclusive), for splitting one file across
   * workers: chunks are self-contained (libevtx documentation, "Chunk").
   */
  chunks?: { from: number; to: number };
  /**
   * What to do with a chunk whose header or data CRC32 does not match: `skip` it (default) or
   * `read` it anyway (as evtx_dump does by default), still reporting a warning. Windows leaves
   * the chunk being written with a stale data CRC when a log is copied while open.
   */
  badChecksum?: 'skip' | 'read';
}

/** The input is not an EVTX file at all (as opposed to a damaged one). */
export class EvtxFormatError extends Error {
  override name = 'EvtxFormatError';
}

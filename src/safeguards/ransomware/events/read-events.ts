/**
 * Reads Windows events from a file, whatever it was exported as, into flat Sigma events: EVTX
 * through Ward's parser, JSON (evtx_dump objects, Winlogbeat/ECS, flat exports; as an array,
 * NDJSON or concatenated objects) through the streaming splitter. Synchronous generators: the
 * caller is a worker thread or a CLI loop with nothing else to do meanwhile, and sync iteration is
 * several times cheaper per event than async.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { countChunks, readEvtxFile } from '../evtx/index.ts';
import type { EventOrigin, FlatEvent } from './event-types.ts';
import { flattenEvent } from './flatten-event.ts';
import { flattenJsonRecord, timestampOf } from './flatten-json-record.ts';
import { JsonObjectSplitter } from './json-object-splitter.ts';

export interface ReadWarning {
  file: string;
  line?: number;
  message: string;
}

export interface ReadEventsOptions {
  onWarning?(w: ReadWarning): void;
  /** EVTX only: read this range of chunks (`from` inclusive, `to` exclusive) instead of all. */
  chunks?: { from: number; to: number };
}

export interface ReadEvent {
  event: FlatEvent;
  origin: EventOrigin;
  timestamp: string | null;
}

export type InputFormat = 'evtx' | 'json';

/** Thrown when a file is neither EVTX nor JSON, before any event is read. */
export class UnknownFormatError extends Error {
  readonly file: string;
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'UnknownFormatError';
    this.file = file;
  }
}

const EVTX_MAGIC = 'ElfFile\0';
const READ_SIZE = 1 << 20;

function readHead(path: string, bytes: number): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const head = new Uint8Array(bytes);
    const n = readSync(fd, head, 0, bytes, 0);
    return head.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** Decides the format by the first bytes, with the extension only as a tie-breaker in messages. */
export function detectInputFormat(path: string): InputFormat {
  const head = readHead(path, 512);
  if (Buffer.from(head.subarray(0, 8)).toString('latin1') === EVTX_MAGIC) return 'evtx';
  const ext = extname(path).toLowerCase();
  if (ext === '.evtx') {
    throw new UnknownFormatError(path, 'not an EVTX file (no "ElfFile" signature at offset 0)');
  }
  const text = decodeHead(head).trimStart();
  if (text === '' || text.startsWith('{') || text.startsWith('[')) return 'json';
  throw new UnknownFormatError(
    path,
    `unknown format: expected EVTX (ElfFile signature) or JSON (starting with "{" or "["), found ${JSON.stringify(text.slice(0, 20))}`,
  );
}

function encodingOf(head: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  // PowerShell's Out-File writes UTF-16LE; without a BOM the second byte of "{" is NUL.
  if (head.length >= 2 && head[1] === 0 && head[0] !== 0) return 'utf-16le';
  return 'utf-8';
}

function decodeHead(head: Uint8Array): string {
  return new TextDecoder(encodingOf(head)).decode(head);
}

/** Number of 64 KiB chunks an EVTX file holds, by size (the header count can be stale when dirty). */
export function countEvtxChunks(path: string): number {
  return countChunks(statSync(path).size);
}

function* readTextChunks(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    const buf = new Uint8Array(READ_SIZE);
    let decoder: TextDecoder | null = null;
    for (;;) {
      const n = readSync(fd, buf, 0, READ_SIZE, null);
      if (n === 0) break;
      decoder ??= new TextDecoder(encodingOf(buf.subarray(0, n)));
      yield decoder.decode(buf.subarray(0, n), { stream: true });
    }
    if (decoder) yield decoder.decode();
  } finally {
    closeSync(fd);
  }
}

const preview = (text: string) =>
  JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}...` : text);

/** Events of a JSON export; invalid objects and stray text are reported and skipped. */
export function* readJsonEvents(path: string, opts: ReadEventsOptions = {}): Generator<ReadEvent> {
  const splitter = new JsonObjectSplitter();
  const chunks = readTextChunks(path);
  for (;;) {
    const next = chunks.next();
    const items = next.done ? splitter.end() : splitter.push(next.value);
    for (const item of items) {
      if (item.kind === 'garbage') {
        opts.onWarning?.({
          file: path,
          line: item.line,
          message: `not JSON, skipped: ${preview(item.text)}`,
        });
        continue;
      }
      let record: unknown;
      try {
        record = JSON.parse(item.text);
      } catch (err) {
        opts.onWarning?.({
          file: path,
          line: item.line,
          message: `invalid JSON object skipped: ${(err as Error).message}`,
        });
        continue;
      }
      if (typeof record !== 'object' || record === null || Array.isArray(record)) continue;
      const event = flattenJsonRecord(record as Record<string, unknown>);
      yield { event, origin: { file: path, recordId: item.line }, timestamp: timestampOf(event) };
    }
    if (next.done) return;
  }
}

/** Events of an EVTX file (or of a chunk range of it); parser warnings carry chunk and offset. */
export function* readEvtxEvents(path: string, opts: ReadEventsOptions = {}): Generator<ReadEvent> {
  // A file split across workers would report its header problems once per slice.
  const headerWarnings = !opts.chunks || opts.chunks.from === 0;
  const records = readEvtxFile(path, {
    onWarning: (w) => {
      if (w.chunk === null && !headerWarnings) return;
      opts.onWarning?.({
        file: path,
        message: `${w.chunk === null ? '' : `chunk ${w.chunk}, `}offset ${w.offset}: ${w.message}`,
      });
    },
    ...(opts.chunks ? { chunks: opts.chunks } : {}),
  });
  for (const record of records) {
    yield {
      event: flattenEvent(record.event),
      origin: { file: path, recordId: record.recordId },
      timestamp: record.timestamp,
    };
  }
}

/**
 * Streams the events of one file, detecting its format from its first bytes. Throws
 * {@link UnknownFormatError} for anything else (and the EVTX parser's `EvtxFormatError` for an
 * unreadable EVTX file); per-record problems go to `onWarning` and reading continues.
 */
export function readEvents(path: string, opts: ReadEventsOptions = {}): Generator<ReadEvent> {
  return detectInputFormat(path) === 'evtx'
    ? readEvtxEvents(path, opts)
    : readJsonEvents(path, opts);
}

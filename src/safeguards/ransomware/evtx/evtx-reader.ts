// File layout (libevtx documentation, "File header"): a 4096-byte header starting "ElfFile\0"
// with a CRC32 of its first 120 bytes at offset 124, then 64 KiB chunks. Like evtx_dump we read
// every whole chunk present in the file, not just the header's chunk count, because Windows
// updates that count lazily.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { CHUNK_SIZE, readChunk } from './chunk-reader.ts';
import { crc32 } from './crc32.ts';
import { EvtxFormatError, type EvtxRecord, type ReadEvtxOptions } from './evtx-types.ts';

export const FILE_HEADER_SIZE = 4096;
const FILE_MAGIC = 'ElfFile\0';

/** Throws unless the file starts like EVTX; warns about a damaged but recognisable header. */
function checkFileHeader(header: Uint8Array, options: ReadEvtxOptions): void {
  let magic = '';
  for (let i = 0; i < 8 && i < header.length; i++) magic += String.fromCharCode(header[i]!);
  if (magic !== FILE_MAGIC) {
    throw new EvtxFormatError('not an EVTX file: expected "ElfFile\\0" at offset 0');
  }
  if (header.length < FILE_HEADER_SIZE) {
    options.onWarning?.({
      chunk: null,
      offset: header.length,
      message: `truncated file header: ${header.length} of 4096 bytes`,
    });
    return;
  }
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  if (crc32(header, 0, 120) !== view.getUint32(124, true)) {
    options.onWarning?.({
      chunk: null,
      offset: 124,
      message: 'file header CRC32 mismatch (header ignored, chunks read)',
    });
  }
}

/** Number of chunk slots in a file of `byteLength` bytes, counting a truncated last one. */
export function countChunks(data: Uint8Array | number): number {
  const length = typeof data === 'number' ? data : data.length;
  return Math.max(0, Math.ceil((length - FILE_HEADER_SIZE) / CHUNK_SIZE));
}

function chunkRange(total: number, options: ReadEvtxOptions): [number, number] {
  const from = Math.max(0, Math.floor(options.chunks?.from ?? 0));
  const to = Math.min(total, Math.floor(options.chunks?.to ?? total));
  return [from, to];
}

/**
 * Reads the records of an EVTX file held in memory, as evtx_dump renders them to JSON.
 * Throws `EvtxFormatError` only when the data is not EVTX at all; damaged chunks and records
 * are skipped with a warning through `onWarning`.
 *
 * @example
 *   for (const r of readEvtx(bytes, { onWarning: console.warn })) console.log(r.event.Event);
 */
export function* readEvtx(data: Uint8Array, options: ReadEvtxOptions = {}): Generator<EvtxRecord> {
  checkFileHeader(data.subarray(0, FILE_HEADER_SIZE), options);
  const [from, to] = chunkRange(countChunks(data), options);
  for (let i = from; i < to; i++) {
    const start = FILE_HEADER_SIZE + i * CHUNK_SIZE;
    yield* readChunk(
      data.subarray(start, Math.min(data.length, start + CHUNK_SIZE)),
      { index: i, fileOffset: start },
      options,
    );
  }
}

/**
 * Same as `readEvtx` over a file, read one 64 KiB chunk at a time so memory stays flat for
 * large logs.
 */
export function* readEvtxFile(path: string, options: ReadEvtxOptions = {}): Generator<EvtxRecord> {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const header = new Uint8Array(Math.min(size, FILE_HEADER_SIZE));
    readSync(fd, header, 0, header.length, 0);
    checkFileHeader(header, options);
    const [from, to] = chunkRange(countChunks(size), options);
    for (let i = from; i < to; i++) {
      const start = FILE_HEADER_SIZE + i * CHUNK_SIZE;
      const chunk = new Uint8Array(Math.min(CHUNK_SIZE, size - start));
      readSync(fd, chunk, 0, chunk.length, start);
      yield* readChunk(chunk, { index: i, fileOffset: start }, options);
    }
  } finally {
    closeSync(fd);
  }
}

// Chunk layout (libevtx documentation, "Chunk"): 512-byte header "ElfChnk\0" with record
// numbers at 8/16/24/32, free space offset at 48, records CRC32 at 52, flags at 120 and
// header CRC32 (bytes 0-120 and 128-512) at 124; records from offset 512 up to free space.
import type { EvtxJson } from '../events/event-types.ts';
import { ChunkContext } from './chunk-context.ts';
import { readFragment } from './binxml-tokens.ts';
import { renderRecord } from './binxml-render.ts';
import { crc32 } from './crc32.ts';
import { formatFiletime } from './value-format.ts';
import type { EvtxRecord, EvtxWarning, ReadEvtxOptions } from './evtx-types.ts';

export const CHUNK_SIZE = 0x10000;
export const CHUNK_HEADER_SIZE = 512;
const CHUNK_MAGIC = [0x45, 0x6c, 0x66, 0x43, 0x68, 0x6e, 0x6b, 0x00]; // "ElfChnk\0"
const RECORD_MAGIC = 0x00002a2a; // "**\0\0" read little-endian
const RECORD_HEADER_SIZE = 24;
const FLAG_NO_CRC32 = 0x4;

/** Where one chunk sits in its file, for warnings with absolute offsets. */
export interface ChunkPlace {
  index: number;
  fileOffset: number;
}

function hasMagic(bytes: Uint8Array): boolean {
  for (let i = 0; i < 8; i++) if (bytes[i] !== CHUNK_MAGIC[i]) return false;
  return true;
}

/** Header CRC32 over bytes 0-120 and 128-512, as stored at offset 124. */
export function chunkHeaderCrc(bytes: Uint8Array): number {
  return crc32(bytes, 128, CHUNK_HEADER_SIZE, crc32(bytes, 0, 120));
}

/**
 * Yields the records of one chunk (`bytes` may be shorter than 64 KiB when the file is
 * truncated). Damage is reported through `warn`; nothing here throws on file content.
 */
export function* readChunk(
  bytes: Uint8Array,
  place: ChunkPlace,
  options: ReadEvtxOptions,
): Generator<EvtxRecord> {
  const warn = (offset: number, message: string) =>
    options.onWarning?.({
      chunk: place.index,
      offset: place.fileOffset + offset,
      message,
    } satisfies EvtxWarning);
  if (bytes.length < CHUNK_HEADER_SIZE) {
    if (bytes.some((b) => b !== 0))
      warn(0, `truncated chunk: ${bytes.length} of ${CHUNK_SIZE} bytes, no records`);
    return;
  }
  if (!hasMagic(bytes)) {
    // Windows pre-allocates chunks: an all-zero one is unused, not damaged.
    if (bytes.some((b) => b !== 0))
      warn(0, 'chunk skipped: expected "ElfChnk\\0" at chunk offset 0');
    return;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const skipBad = (options.badChecksum ?? 'skip') === 'skip';
  const storedHeaderCrc = view.getUint32(124, true);
  if (chunkHeaderCrc(bytes) !== storedHeaderCrc) {
    warn(124, `chunk header CRC32 mismatch${skipBad ? ', chunk skipped' : ''}`);
    if (skipBad) return;
  }
  let freeSpace = view.getUint32(48, true);
  if (freeSpace < CHUNK_HEADER_SIZE || freeSpace > CHUNK_SIZE) {
    warn(48, `chunk skipped: free space offset ${freeSpace} outside 512..65536`);
    return;
  }
  if (freeSpace > bytes.length) {
    warn(
      bytes.length,
      `truncated chunk: ${bytes.length} of ${CHUNK_SIZE} bytes, reading the records that fit`,
    );
    freeSpace = bytes.length;
  } else if ((view.getUint32(120, true) & FLAG_NO_CRC32) === 0) {
    if (crc32(bytes, CHUNK_HEADER_SIZE, freeSpace) !== view.getUint32(52, true)) {
      warn(52, `chunk records CRC32 mismatch${skipBad ? ', chunk skipped' : ''}`);
      if (skipBad) return;
    }
  }
  const lastRecordId = view.getUint32(36, true) * 4294967296 + view.getUint32(32, true);
  const ctx = new ChunkContext(bytes);
  let offset = CHUNK_HEADER_SIZE;
  // Each record is at least 28 bytes, so this loop ends within 65536 / 28 turns.
  while (offset + RECORD_HEADER_SIZE <= freeSpace) {
    if (view.getUint32(offset, true) !== RECORD_MAGIC) {
      warn(offset, 'rest of chunk skipped: expected record signature 2a 2a 00 00');
      return;
    }
    const size = view.getUint32(offset + 4, true);
    if (size < RECORD_HEADER_SIZE + 4 || offset + size > freeSpace) {
      warn(offset + 4, `rest of chunk skipped: record size ${size} overruns the chunk's records`);
      return;
    }
    const recordId =
      view.getUint32(offset + 12, true) * 4294967296 + view.getUint32(offset + 8, true);
    if (view.getUint32(offset + size - 4, true) !== size) {
      warn(offset + size - 4, `record ${recordId}: trailing size copy differs from ${size}`);
    }
    let event: EvtxJson | null = null;
    try {
      const fragment = readFragment(
        ctx,
        offset + RECORD_HEADER_SIZE,
        size - RECORD_HEADER_SIZE - 4,
        false,
      );
      event = renderRecord(ctx, fragment.tokens) as unknown as EvtxJson;
    } catch (error) {
      warn(offset, `record ${recordId} skipped: ${(error as Error).message}`);
    }
    if (event !== null) {
      const timestamp = formatFiletime(
        view.getUint32(offset + 16, true),
        view.getUint32(offset + 20, true),
      );
      yield { recordId, timestamp, chunk: place.index, event };
    }
    offset += size;
    // evtx stops at the chunk's last record id: what follows in a dirty chunk is stale.
    if (recordId === lastRecordId) return;
  }
}

import { createHash } from 'node:crypto';
import type { Queryable } from '../../platform/db/index.ts';

/** Uploaded files are kept as rows of this size: small enough for any driver, few enough rows. */
export const CHUNK_BYTES = 1024 * 1024;

/**
 * Streams an upload into import_chunks, one row per MiB, holding at most one chunk in memory.
 * The rows make the file readable by a worker on any machine; they are deleted when the import
 * ends. Returns the size and SHA-256 of what was stored.
 */
export async function storeImportChunks(
  db: Queryable,
  importId: string,
  input: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let seq = 0;
  let bytes = 0;
  const write = async (data: Buffer) => {
    await db.query('INSERT INTO import_chunks (import_id, seq, data) VALUES ($1, $2, $3)', [
      importId,
      seq++,
      data,
    ]);
  };
  for await (const piece of input) {
    const buf = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    hash.update(buf);
    bytes += buf.byteLength;
    pending.push(buf);
    pendingBytes += buf.byteLength;
    while (pendingBytes >= CHUNK_BYTES) {
      const all = Buffer.concat(pending, pendingBytes);
      await write(all.subarray(0, CHUNK_BYTES));
      const rest = all.subarray(CHUNK_BYTES);
      pending = rest.byteLength ? [Buffer.from(rest)] : [];
      pendingBytes = rest.byteLength;
    }
  }
  if (pendingBytes > 0) await write(Buffer.concat(pending, pendingBytes));
  return { bytes, sha256: hash.digest('hex') };
}

/** Reads a stored upload back in order, one chunk at a time. Pass the import's transaction on PGlite. */
export async function* readImportChunks(
  q: Queryable,
  importId: string,
): AsyncGenerator<Uint8Array> {
  for (let seq = 0; ; seq++) {
    const [row] = await q.query<{ data: Uint8Array }>(
      'SELECT data FROM import_chunks WHERE import_id = $1 AND seq = $2',
      [importId, seq],
    );
    if (!row) return;
    yield row.data;
  }
}

export async function deleteImportChunks(q: Queryable, importId: string): Promise<void> {
  await q.query('DELETE FROM import_chunks WHERE import_id = $1', [importId]);
}

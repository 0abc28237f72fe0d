import { describe, expect, it } from 'vitest';
import { corruptEvtx, EvtxFormatError, readEvtx, writeEvtx, type EvtxWarning } from './index.ts';

const file = writeEvtx(
  Array.from({ length: 12 }, (_, i) => ({
    timestamp: '2024-02-03T04:05:06.000000Z',
    system: {
      provider: 'Microsoft-Windows-Sysmon',
      eventId: 1,
      channel: 'Microsoft-Windows-Sysmon/Operational',
      computer: 'ws01',
    },
    eventData: {
      Image: `C:\\bin\\tool${i}.exe`,
      ProcessId: i,
      Hashes: { type: 'binary' as const, value: 'deadbeef' },
    },
  })),
  { recordsPerChunk: 4 },
);

function readAll(data: Uint8Array, badChecksum?: 'skip' | 'read') {
  const warnings: EvtxWarning[] = [];
  const ids = [
    ...readEvtx(data, {
      onWarning: (w) => warnings.push(w),
      ...(badChecksum ? { badChecksum } : {}),
    }),
  ].map((r) => r.recordId);
  return { ids, warnings };
}

const CHUNK1 = 4096 + 65536;

describe('readEvtx on damaged files', () => {
  it('reads an undamaged file without warnings', () => {
    expect(readAll(file)).toEqual({ ids: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], warnings: [] });
  });

  it.each([
    ['magic', /expected "ElfChnk\\0"/, CHUNK1],
    ['header', /chunk header CRC32 mismatch, chunk skipped/, CHUNK1 + 124],
    ['data', /chunk records CRC32 mismatch, chunk skipped/, CHUNK1 + 52],
    ['overrun', /record size 131072 overruns/, CHUNK1 + 512 + 4],
  ] as const)(
    'skips a chunk with damage "%s", says where, and reads the next chunk',
    (how, message, offset) => {
      const { ids, warnings } = readAll(corruptEvtx(file, 1, how));
      expect(ids).toEqual([1, 2, 3, 4, 9, 10, 11, 12]);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatchObject({ chunk: 1, offset });
      expect(warnings[0]!.message).toMatch(message);
    },
  );

  it('reads a chunk with a bad records CRC when asked to, still warning', () => {
    const { ids, warnings } = readAll(corruptEvtx(file, 1, 'data'), 'read');
    expect(ids).toHaveLength(12);
    expect(warnings.map((w) => w.message)).toEqual(['chunk records CRC32 mismatch']);
  });

  it('yields what a truncated file holds', () => {
    // Chunk 1's first record (with its template definition) is 1,629 bytes, the next 492.
    const cut = file.subarray(0, 4096 + 65536 + 2700);
    const { ids, warnings } = readAll(cut);
    expect(ids).toEqual([1, 2, 3, 4, 5, 6]);
    expect(warnings[0]!.message).toMatch(/truncated chunk/);
    expect(readAll(file.subarray(0, 2000)).ids).toEqual([]);
  });

  it('throws EvtxFormatError on data that is not EVTX', () => {
    const text = new TextEncoder().encode('{"Event": {"System": {"EventID": 1}}}');
    expect(() => [...readEvtx(text)]).toThrow(EvtxFormatError);
    expect(() => [...readEvtx(text)]).toThrow(
      'not an EVTX file: expected "ElfFile\\0" at offset 0',
    );
    expect(() => [...readEvtx(new Uint8Array(0))]).toThrow(EvtxFormatError);
  });

  it('warns about a damaged file header and reads the chunks', () => {
    const damaged = file.slice();
    damaged[24] = damaged[24]! ^ 0xff;
    const { ids, warnings } = readAll(damaged);
    expect(ids).toHaveLength(12);
    expect(warnings).toEqual([
      { chunk: null, offset: 124, message: expect.stringMatching(/file header CRC32 mismatch/) },
    ]);
  });

  it('survives random byte flips without throwing or hanging (bounded fuzz)', () => {
    // A seeded generator keeps failures reproducible.
    let seed = 0x2545f491;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const deadline = performance.now() + 2000;
    let runs = 0;
    let records = 0;
    while (performance.now() < deadline && runs < 3000) {
      const data = file.slice();
      const flips = 1 + Math.floor(random() * 20);
      for (let i = 0; i < flips; i++) {
        // Flip bytes after the 8-byte file signature: header damage must not throw either.
        const at = 8 + Math.floor(random() * (data.length - 8));
        data[at] = Math.floor(random() * 256);
      }
      for (const _ of readEvtx(data, { badChecksum: random() < 0.5 ? 'read' : 'skip' })) records++;
      runs++;
    }
    expect(runs).toBeGreaterThan(50);
    expect(records).toBeGreaterThan(0);
  });
});

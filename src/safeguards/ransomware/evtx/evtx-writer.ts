// Test support: builds valid EVTX files from evtx_dump-shaped JSON or from a compact record
// description, so that tests of the parser and of its users can round-trip without real logs.
import type { EvtxJson } from '../events/event-types.ts';
import { CHUNK_SIZE } from './chunk-reader.ts';
import { ChunkWriter, type TemplateNode } from './chunk-writer.ts';
import { crc32 } from './crc32.ts';
import { FILE_HEADER_SIZE } from './evtx-reader.ts';
import type { WriteValue } from './write-value.ts';

export type { WriteValue, WriteXmlElement, WriteScalarType } from './write-value.ts';

/** The System fields of a compact record; omitted ones get typical values. */
export interface WriteSystem {
  provider: string;
  providerGuid?: string;
  eventId: number;
  qualifiers?: number;
  version?: number;
  level?: number;
  task?: number;
  opcode?: number;
  /** `0x...` string; default `0x8000000000000000`. */
  keywords?: string;
  activityId?: string;
  processId?: number;
  threadId?: number;
  channel: string;
  computer: string;
  /** SID string; absent renders `"Security": null` as for most Security-log events. */
  userId?: string;
}

export type EvtxWriteRecord = { recordId?: number; timestamp: string } & (
  | {
      /** An event exactly as evtx_dump prints it; reading the file gives it back. */
      event: EvtxJson;
    }
  | {
      system: WriteSystem;
      /** `<Data Name="key">`; an array writes unnamed `<Data>` elements. */
      eventData?: Record<string, WriteValue> | WriteValue[];
      /** `<UserData><name xmlns=...>fields</name></UserData>`. */
      userData?: { name: string; xmlns?: string; fields: Record<string, WriteValue> };
    }
);

export interface WriteEvtxOptions {
  /** Start a new chunk after this many records (default: as many as fit in 64 KiB). */
  recordsPerChunk?: number;
}

const ISO_MICROS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;
const GUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;
const U8 = new Set(['Version', 'Level', 'Opcode']);
const U16 = new Set(['EventID', 'Task', 'Qualifiers']);

/** Picks the type Windows uses for well-known System fields, so the file looks real. */
function typedLeaf(name: string, v: unknown): WriteValue {
  if (typeof v === 'string') {
    if (name === 'SystemTime' && ISO_MICROS.test(v)) return { type: 'filetime', value: v };
    if (GUID.test(v)) return { type: 'guid', value: v };
    if (name === 'UserID' && /^S-\d+-\d+(-\d+)*$/.test(v)) return { type: 'sid', value: v };
    if (name === 'Keywords' && /^0x[0-9a-f]{1,16}$/.test(v) && !/^0x0\d/.test(v))
      return { type: 'hex64', value: v };
    return v;
  }
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) {
    if (U8.has(name) && v <= 0xff) return { type: 'uint8', value: v };
    if (U16.has(name) && v <= 0xffff) return { type: 'uint16', value: v };
    if (name === 'EventRecordID') return { type: 'uint64', value: v };
  }
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  if (Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isInteger(x))) {
    return { type: 'int64', array: v as number[] };
  }
  return v as WriteValue;
}

function isTypedValue(v: object): boolean {
  return (
    'type' in v && typeof v.type === 'string' && ('value' in v || 'array' in v || 'element' in v)
  );
}

/** One evtx_dump JSON member (`name: value`) as template elements. */
function nodesFromJson(name: string, value: unknown, inEventData: boolean): TemplateNode[] {
  if (inEventData && name !== 'Data') {
    const [node] = nodesFromJson('Data', value, false);
    node!.attributes.unshift(['Name', name]);
    return [node!];
  }
  const node: TemplateNode = { name, attributes: [], children: [] };
  if (value === null || value === undefined) return [node];
  if (typeof value !== 'object' || Array.isArray(value) || isTypedValue(value)) {
    node.children.push({ value: typedLeaf(name, value) });
    return [node];
  }
  const members = Object.entries(value as Record<string, unknown>);
  for (const [key, v] of members) {
    if (key === '#attributes') {
      for (const [a, av] of Object.entries(v as Record<string, unknown>))
        node.attributes.push([a, typedLeaf(a, av)]);
    } else if (key === '#text') {
      // Unnamed <Data> elements repeated: evtx_dump gathers their text in an array.
      if (name === 'Data' && Array.isArray(v) && node.attributes.length === 0) {
        return v.map((t) => ({ name, attributes: [], children: [{ value: typedLeaf(name, t) }] }));
      }
      node.children.push({ value: typedLeaf(name, v) });
    } else {
      node.children.push(...nodesFromJson(key, v, name === 'EventData'));
    }
  }
  return [node];
}

function eventOf(record: EvtxWriteRecord, recordId: number): EvtxJson {
  if ('event' in record) return record.event;
  const s = record.system;
  const eventId: WriteValue = { type: 'uint16', value: s.eventId };
  const system = {
    Provider: {
      '#attributes': {
        Name: s.provider,
        ...(s.providerGuid ? { Guid: { type: 'guid', value: s.providerGuid } } : {}),
      },
    },
    EventID:
      s.qualifiers === undefined
        ? eventId
        : {
            '#attributes': { Qualifiers: { type: 'uint16', value: s.qualifiers } },
            '#text': eventId,
          },
    Version: { type: 'uint8', value: s.version ?? 0 },
    Level: { type: 'uint8', value: s.level ?? 4 },
    Task: { type: 'uint16', value: s.task ?? 0 },
    Opcode: { type: 'uint8', value: s.opcode ?? 0 },
    Keywords: { type: 'hex64', value: s.keywords ?? '0x8000000000000000' },
    TimeCreated: { '#attributes': { SystemTime: { type: 'filetime', value: record.timestamp } } },
    EventRecordID: { type: 'uint64', value: recordId },
    Correlation: {
      '#attributes': {
        ActivityID: s.activityId ? { type: 'guid', value: s.activityId } : null,
        RelatedActivityID: null,
      },
    },
    Execution: {
      '#attributes': {
        ProcessID: { type: 'uint32', value: s.processId ?? 4 },
        ThreadID: { type: 'uint32', value: s.threadId ?? 8 },
      },
    },
    Channel: s.channel,
    Computer: s.computer,
    Security: { '#attributes': { UserID: s.userId ? { type: 'sid', value: s.userId } : null } },
  };
  const event: Record<string, unknown> = {
    '#attributes': { xmlns: 'http://schemas.microsoft.com/win/2004/08/events/event' },
    System: system,
  };
  if (Array.isArray(record.eventData)) event['EventData'] = { Data: { '#text': record.eventData } };
  else if (record.eventData) event['EventData'] = record.eventData;
  if (record.userData) {
    const inner = record.userData.xmlns
      ? { '#attributes': { xmlns: record.userData.xmlns }, ...record.userData.fields }
      : record.userData.fields;
    event['UserData'] = { [record.userData.name]: inner };
  }
  return { Event: event };
}

/**
 * Builds a valid EVTX file (file header, chunks with CRC32s, names and one template per event
 * shape, reused across records). Record ids default to 1, 2, 3...
 *
 * @example
 *   const file = writeEvtx([{ timestamp: '2024-03-01T10:00:00.000000Z',
 *     system: { provider: 'Microsoft-Windows-Sysmon', eventId: 1, channel: 'Microsoft-Windows-Sysmon/Operational', computer: 'ws01' },
 *     eventData: { Image: 'C:\\Windows\\System32\\vssadmin.exe' } }]);
 */
export function writeEvtx(records: EvtxWriteRecord[], options: WriteEvtxOptions = {}): Uint8Array {
  const chunks: Uint8Array[] = [];
  let writer = new ChunkWriter();
  let nextId = 1;
  for (const record of records) {
    const recordId = record.recordId ?? nextId;
    nextId = recordId + 1;
    const [root] = nodesFromJson('Event', eventOf(record, recordId).Event, false);
    const full =
      options.recordsPerChunk !== undefined && writer.recordCount >= options.recordsPerChunk;
    if (full || !writer.tryAdd(recordId, record.timestamp, root!)) {
      chunks.push(writer.finish());
      writer = new ChunkWriter();
      if (!writer.tryAdd(recordId, record.timestamp, root!))
        throw new Error(`writeEvtx: record ${recordId} does not fit in a chunk`);
    }
  }
  if (writer.recordCount > 0) chunks.push(writer.finish());
  const file = new Uint8Array(FILE_HEADER_SIZE + chunks.length * CHUNK_SIZE);
  chunks.forEach((c, i) => file.set(c, FILE_HEADER_SIZE + i * CHUNK_SIZE));
  const v = new DataView(file.buffer);
  file.set([0x45, 0x6c, 0x66, 0x46, 0x69, 0x6c, 0x65, 0x00]); // "ElfFile\0"
  v.setBigUint64(8, 0n, true);
  v.setBigUint64(16, BigInt(Math.max(0, chunks.length - 1)), true);
  v.setBigUint64(24, BigInt(nextId), true);
  v.setUint32(32, 128, true);
  v.setUint16(36, 1, true); // minor version
  v.setUint16(38, 3, true); // major version
  v.setUint16(40, FILE_HEADER_SIZE, true);
  v.setUint16(42, chunks.length, true);
  v.setUint32(124, crc32(file, 0, 120), true);
  return file;
}

/**
 * A copy of `file` with chunk `chunk` damaged: `magic` (signature overwritten), `header`
 * (a header field changed, header CRC32 now wrong), `data` (a record byte flipped, records
 * CRC32 now wrong) or `overrun` (first record's size made too large, CRC32s recomputed so
 * only the size check can catch it).
 */
export function corruptEvtx(
  file: Uint8Array,
  chunk: number,
  how: 'magic' | 'header' | 'data' | 'overrun',
): Uint8Array {
  const out = file.slice();
  const at = FILE_HEADER_SIZE + chunk * CHUNK_SIZE;
  const c = out.subarray(at, at + CHUNK_SIZE);
  const v = new DataView(c.buffer, c.byteOffset, c.byteLength);
  if (how === 'magic') c[0] = 0x58;
  else if (how === 'header') c[8] = c[8]! ^ 0xff;
  else if (how === 'data') c[512 + 40] = c[512 + 40]! ^ 0xff;
  else {
    v.setUint32(512 + 4, 0x20000, true);
    v.setUint32(52, crc32(c, 512, v.getUint32(48, true)), true);
    v.setUint32(124, crc32(c, 128, 512, crc32(c, 0, 120)), true);
  }
  return out;
}

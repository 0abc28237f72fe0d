/**
 * Live ingest: a shipper's batch is checked event by event, flattened to Sigma field names and
 * published to the event stream in chunks for the detection workers. Nothing is matched here,
 * so the API process stays cheap and detection scales with the number of workers.
 */
import { randomUUID } from 'node:crypto';
import type { IngestResult } from '../../../api-types.ts';
import type { Database } from '../../../platform/db/index.ts';
import { badRequest, HttpError } from '../../../platform/http/index.ts';
import type { EventStream } from '../../../platform/stream/index.ts';
import { flattenJsonRecord, type FlatEvent } from '../events/index.ts';
import { recordSourceEvents } from './ingest-sources.ts';

export const EVENTS_SUBJECT = 'ward.ransomware.events';
/** Events per stream message: large enough to amortise a transaction per message. */
export const MESSAGE_EVENTS = 500;
// NATS refuses messages above its max_payload (1 MiB by default); stay well below.
const MESSAGE_MAX_BYTES = 768 * 1024;

/** What one stream message on EVENTS_SUBJECT carries. */
export interface EventBatchMessage {
  /** Unique per published batch, so a redelivered batch is not counted twice. */
  batchId?: string;
  source: string;
  events: FlatEvent[];
}

type Rejected = IngestResult['rejected'];

const tooMany = (n: number, max: number) =>
  new HttpError(
    413,
    'too_many_events',
    `body: ${n} events in one request; at most ${max} (send smaller batches)`,
  );

/** JSON array, `{ "events": [...] }`, or NDJSON text -> records, with lines that are not JSON. */
export function recordsOf(
  body: unknown,
  maxEvents: number,
): { records: unknown[]; rejected: Rejected } {
  if (typeof body === 'string') return parseNdjson(body, maxEvents);
  const records = Array.isArray(body)
    ? body
    : typeof body === 'object' && body !== null && Array.isArray((body as Json)['events'])
      ? ((body as Json)['events'] as unknown[])
      : null;
  if (!records)
    throw badRequest('body: expected a JSON array of events, { "events": [...] } or NDJSON');
  if (records.length > maxEvents) throw tooMany(records.length, maxEvents);
  return { records, rejected: [] };
}

type Json = Record<string, unknown>;

/** One event per non-empty line; `index` counts non-empty lines from 0, like an array index. */
function parseNdjson(text: string, maxEvents: number): { records: unknown[]; rejected: Rejected } {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length > maxEvents) throw tooMany(lines.length, maxEvents);
  const records: unknown[] = [];
  const rejected: Rejected = [];
  lines.forEach((line, index) => {
    try {
      records[index] = JSON.parse(line);
    } catch (err) {
      rejected.push({ index, reason: `not JSON: ${(err as Error).message}` });
    }
  });
  return { records, rejected };
}

/** Flattens one record, or says why it cannot be used. */
export function toFlatEvent(record: unknown, receivedAt: string): FlatEvent | string {
  if (typeof record !== 'object' || record === null || Array.isArray(record))
    return 'not a JSON object';
  let event: FlatEvent;
  try {
    event = flattenJsonRecord(record as Json);
  } catch (err) {
    return `unreadable event: ${(err as Error).message}`;
  }
  if (typeof event['EventID'] !== 'number')
    return 'no numeric EventID (Event.System.EventID, winlog.event_id or EventID)';
  const time = event['TimeCreated'];
  if (time === undefined || time === null) {
    // Shippers normally send the event time; without one, arrival is the best estimate.
    event['TimeCreated'] = receivedAt;
  } else if (typeof time !== 'string' || Number.isNaN(Date.parse(time))) {
    return `TimeCreated ${JSON.stringify(time)} is not a date`;
  }
  return event;
}

export interface IngestDeps {
  db: Database;
  stream: EventStream;
}

/** Checks, flattens and publishes a batch from `source`; answers what was accepted. */
export async function ingestRecords(
  deps: IngestDeps,
  source: { id: string; name: string },
  parsed: { records: unknown[]; rejected: Rejected },
  receivedAt: Date,
): Promise<IngestResult> {
  const rejected = [...parsed.rejected];
  const skip = new Set(rejected.map((r) => r.index));
  const at = receivedAt.toISOString();
  const events: FlatEvent[] = [];
  parsed.records.forEach((record, index) => {
    if (skip.has(index)) return;
    const event = toFlatEvent(record, at);
    if (typeof event === 'string') rejected.push({ index, reason: event });
    else events.push(event);
  });
  rejected.sort((a, b) => a.index - b.index);
  const publishes: Promise<void>[] = [];
  for (let i = 0; i < events.length; i += MESSAGE_EVENTS) {
    for (const chunk of splitBySize(events.slice(i, i + MESSAGE_EVENTS))) {
      const message: EventBatchMessage = {
        batchId: randomUUID(),
        source: source.name,
        events: chunk,
      };
      publishes.push(deps.stream.publish(EVENTS_SUBJECT, message));
    }
  }
  // Published in parallel: each resolves once durable; the answer waits for all of them.
  await Promise.all(publishes);
  if (events.length > 0) await recordSourceEvents(deps.db, source.id, events.length, receivedAt);
  return { accepted: events.length, rejected };
}

/** Halves a chunk until each part fits a stream message (rare: huge script blocks). */
function splitBySize(events: FlatEvent[]): FlatEvent[][] {
  if (events.length <= 1 || JSON.stringify(events).length <= MESSAGE_MAX_BYTES) return [events];
  const mid = events.length >> 1;
  return [...splitBySize(events.slice(0, mid)), ...splitBySize(events.slice(mid))];
}

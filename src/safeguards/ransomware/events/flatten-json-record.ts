/**
 * The JSON shapes Windows events are exported in, each mapped to the same flat Sigma field names:
 * evtx_dump (`{ Event: { System, EventData } }`), Winlogbeat/ECS (`winlog.*`), and already-flat
 * exports (OTRF Security-Datasets, NXLog: `EventID`, `Channel`, `Hostname`, fields at top level).
 * The shape is decided per record, so a file mixing them still reads.
 */
import type { FieldValue, FlatEvent } from './event-types.ts';
import { flattenEvent, toFieldValue, toNumberIfNumeric } from './flatten-event.ts';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export type JsonRecordShape = 'evtx-json' | 'ecs' | 'flat';

export function detectRecordShape(record: Json): JsonRecordShape {
  if (isObject(record['Event'])) return 'evtx-json';
  if (isObject(record['winlog'])) return 'ecs';
  return 'flat';
}

function setIfPresent(out: FlatEvent, name: string, v: unknown): void {
  const value = toFieldValue(v);
  if (value !== undefined && value !== null) out[name] = value;
}

/** Nested objects under a data map are flattened to their leaf names, as EVTX UserData is. */
function copyLeaves(node: Json, out: FlatEvent): void {
  for (const key in node) {
    const v = node[key];
    if (isObject(v)) copyLeaves(v, out);
    else setIfPresent(out, key, v);
  }
}

/**
 * Winlogbeat (7.x/8.x) event: `winlog.event_data` holds the EventData names, `winlog.*` the
 * System values; `@timestamp` is the event time.
 */
export function flattenEcsEvent(record: Json): FlatEvent {
  const out: FlatEvent = {};
  const winlog = record['winlog'] as Json;
  const eventData = winlog['event_data'];
  if (isObject(eventData)) copyLeaves(eventData, out);
  const userData = winlog['user_data'];
  if (isObject(userData)) copyLeaves(userData, out);
  const eventId = toNumberIfNumeric(toFieldValue(winlog['event_id']));
  if (eventId !== undefined && eventId !== null) out['EventID'] = eventId;
  setIfPresent(out, 'Channel', winlog['channel']);
  setIfPresent(out, 'Computer', winlog['computer_name']);
  setIfPresent(out, 'Provider_Name', winlog['provider_name']);
  setIfPresent(out, 'Provider_Guid', winlog['provider_guid']);
  setIfPresent(out, 'EventRecordID', toNumberIfNumeric(toFieldValue(winlog['record_id'])));
  setIfPresent(out, 'Task', winlog['task']);
  setIfPresent(out, 'Opcode', winlog['opcode']);
  setIfPresent(out, 'Keywords', winlog['keywords']);
  setIfPresent(out, 'Version', winlog['version']);
  const process = winlog['process'];
  if (isObject(process)) {
    setIfPresent(out, 'ProcessID', process['pid']);
    const thread = process['thread'];
    if (isObject(thread)) setIfPresent(out, 'ThreadID', thread['id']);
  }
  const user = winlog['user'];
  if (isObject(user)) setIfPresent(out, 'UserID', user['identifier']);
  setIfPresent(out, 'TimeCreated', record['@timestamp']);
  return out;
}

/**
 * Names flat exporters use for System values (NXLog / OTRF Security-Datasets) -> the Sigma name.
 * The original key is kept too, so a rule written against either still matches.
 */
const FLAT_ALIASES: ReadonlyArray<readonly [string, string]> = [
  ['Hostname', 'Computer'],
  ['SourceName', 'Provider_Name'],
  ['ProviderGuid', 'Provider_Guid'],
  ['RecordNumber', 'EventRecordID'],
  ['ExecutionProcessID', 'ProcessID'],
  ['ExecutionThreadID', 'ThreadID'],
  // @timestamp first: it is UTC ISO 8601, EventTime is the exporter host's local time.
  ['@timestamp', 'TimeCreated'],
  ['EventTime', 'TimeCreated'],
];

/** An already-flat export: top-level fields kept, nested objects flattened to dotted names. */
export function flattenExportEvent(record: Json): FlatEvent {
  const out: FlatEvent = {};
  copyDotted(record, '', out);
  const eventId = toNumberIfNumeric(out['EventID']);
  if (eventId !== undefined) out['EventID'] = eventId;
  for (const [from, to] of FLAT_ALIASES) {
    const v: FieldValue | undefined = out[from];
    if (out[to] === undefined && v !== undefined && v !== null) out[to] = v;
  }
  return out;
}

function copyDotted(node: Json, prefix: string, out: FlatEvent): void {
  for (const key in node) {
    const v = node[key];
    if (isObject(v) && !('#text' in v)) copyDotted(v, `${prefix}${key}.`, out);
    else {
      const value = toFieldValue(v);
      if (value !== undefined) out[prefix + key] = value;
    }
  }
}

/** Any supported JSON record -> flat event. */
export function flattenJsonRecord(record: Json): FlatEvent {
  switch (detectRecordShape(record)) {
    case 'evtx-json':
      return flattenEvent(record as { Event: Json });
    case 'ecs':
      return flattenEcsEvent(record);
    case 'flat':
      return flattenExportEvent(record);
  }
}

/** The event's time as an ISO string, whatever shape it came in. */
export function timestampOf(event: FlatEvent): string | null {
  const t = event['TimeCreated'];
  if (typeof t === 'string' && t !== '') return t;
  return null;
}

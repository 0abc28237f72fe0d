/**
 * evtx_dump-style JSON -> the flat field map Sigma rules are written against. Runs once per event
 * on the hot path of `ward detect`, so it walks the object directly: no JSON round trip, no
 * generic recursion over System.
 */
import type { EvtxJson, FieldScalar, FieldValue, FlatEvent } from './event-types.ts';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Element text: the value itself, or `#text` when the element also carries attributes. */
const textOf = (v: unknown): unknown => (isObject(v) && '#text' in v ? v['#text'] : v);

const attributesOf = (v: unknown): Json | null => {
  if (!isObject(v)) return null;
  const attrs = v['#attributes'];
  return isObject(attrs) ? attrs : null;
};

/** A scalar or list of scalars as a field value; objects have no Sigma meaning and are dropped. */
export function toFieldValue(v: unknown): FieldValue | undefined {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
    return v;
  }
  if (Array.isArray(v)) {
    const out: FieldScalar[] = [];
    for (const item of v) {
      const t = textOf(item);
      if (t === null || typeof t === 'string' || typeof t === 'number' || typeof t === 'boolean') {
        out.push(t);
      }
    }
    return out;
  }
  if (isObject(v) && '#text' in v) return toFieldValue(v['#text']);
  return undefined;
}

/** EventID and similar may arrive as strings ("4688") from some exporters; rules compare numbers. */
export function toNumberIfNumeric(v: FieldValue | undefined): FieldValue | undefined {
  if (typeof v === 'string' && v !== '' && /^\d+$/.test(v)) return Number(v);
  return v;
}

function setField(out: FlatEvent, name: string, v: unknown): void {
  const value = toFieldValue(v);
  if (value !== undefined) out[name] = value;
}

function setAttribute(out: FlatEvent, name: string, attrs: Json | null, key: string): void {
  if (attrs && key in attrs) setField(out, name, attrs[key]);
}

function flattenSystem(system: Json, out: FlatEvent): void {
  const provider = attributesOf(system['Provider']);
  setAttribute(out, 'Provider_Name', provider, 'Name');
  setAttribute(out, 'Provider_Guid', provider, 'Guid');
  setAttribute(out, 'Provider_EventSourceName', provider, 'EventSourceName');
  const eventId = toNumberIfNumeric(toFieldValue(textOf(system['EventID'])));
  if (eventId !== undefined) out['EventID'] = eventId;
  for (const name of ['Version', 'Level', 'Task', 'Opcode', 'Keywords', 'EventRecordID']) {
    if (name in system) setField(out, name, textOf(system[name]));
  }
  setAttribute(out, 'TimeCreated', attributesOf(system['TimeCreated']), 'SystemTime');
  const execution = attributesOf(system['Execution']);
  setAttribute(out, 'ProcessID', execution, 'ProcessID');
  setAttribute(out, 'ThreadID', execution, 'ThreadID');
  if ('Channel' in system) setField(out, 'Channel', textOf(system['Channel']));
  if ('Computer' in system) setField(out, 'Computer', textOf(system['Computer']));
  setAttribute(out, 'UserID', attributesOf(system['Security']), 'UserID');
}

/** Appends an unnamed `<Data>` value: one stays a scalar, several become a list. */
function addUnnamedData(out: FlatEvent, v: FieldValue): void {
  const prev = out['Data'];
  if (prev === undefined) {
    out['Data'] = v;
    return;
  }
  const list: FieldScalar[] = Array.isArray(prev) ? [...prev] : [prev as FieldScalar];
  if (Array.isArray(v)) list.push(...v);
  else list.push(v as FieldScalar);
  out['Data'] = list;
}

/**
 * `<Data>` elements as converters other than evtx_dump render them:
 * `[{ "#attributes": { Name }, "#text" }]`, or plain values when unnamed.
 */
function flattenDataElements(data: unknown, out: FlatEvent): void {
  const items = Array.isArray(data) ? data : [data];
  for (const item of items) {
    const name = attributesOf(item)?.['Name'];
    if (typeof name === 'string') {
      setField(out, name, isObject(item) && '#text' in item ? item['#text'] : null);
      continue;
    }
    const value = toFieldValue(item);
    if (value !== undefined) addUnnamedData(out, value);
  }
}

function flattenEventData(eventData: Json, out: FlatEvent): void {
  for (const key in eventData) {
    if (key === '#attributes') continue;
    const v = eventData[key];
    if (key === 'Data') flattenDataElements(v, out);
    else if (isObject(v) && !('#text' in v)) flattenLeaves(v, out);
    else {
      setField(out, key, v);
      // Defender names its Data "Threat Name", "Process Name"; Sigma rules (and THOR, which
      // SigmaHQ's CI runs) use them without the spaces.
      if (key.includes(' ')) {
        const compact = key.replace(/ /g, '');
        if (!(compact in eventData)) setField(out, compact, v);
      }
    }
  }
}

/** UserData (and nested EventData payloads): every leaf under its own element name. */
function flattenLeaves(node: Json, out: FlatEvent): void {
  for (const key in node) {
    if (key === '#attributes') continue;
    const v = node[key];
    if (isObject(v) && !('#text' in v)) flattenLeaves(v, out);
    else setField(out, key, v);
  }
}

/**
 * One evtx_dump event -> Sigma field names. System fields follow `event-types.ts`; EventData
 * `Data` elements by name; unnamed Data as `Data`; UserData leaves by element name. Values keep
 * their JSON types (numbers stay numbers).
 */
export function flattenEvent(json: EvtxJson): FlatEvent {
  const out: FlatEvent = {};
  const event = json.Event;
  const eventData = event['EventData'];
  if (isObject(eventData)) flattenEventData(eventData, out);
  const userData = event['UserData'];
  if (isObject(userData)) flattenLeaves(userData, out);
  // System last so it wins a name clash: 104's UserData carries the *cleared* log as `Channel`,
  // which must not replace the channel the event was logged in (rules filter on the latter).
  const system = event['System'];
  if (isObject(system)) flattenSystem(system, out);
  return out;
}

/**
 * The event shapes the ransomware safeguard passes between its parts: the EVTX parser and the
 * JSON readers produce evtx_dump-style objects, `flattenEvent` turns them into the flat field map
 * Sigma rules are written against, and the engine matches flat events.
 */

/**
 * One event as evtx_dump (omerbenamram/evtx) renders it to JSON:
 * `{ Event: { "#attributes": {...}, System: {...}, EventData: {...} | null, UserData?: {...} } }`.
 * Attributes sit under `#attributes`, element text under `#text` when an element also has
 * attributes (e.g. `EventID: { "#attributes": { Qualifiers: 0 }, "#text": 4624 }`).
 */
export interface EvtxJson {
  Event: Record<string, unknown>;
}

export type FieldScalar = string | number | boolean | null;
export type FieldValue = FieldScalar | readonly FieldScalar[];

/**
 * Sigma field name -> value. System fields use the names Sigma rules use: EventID, Channel,
 * Computer, Provider_Name, Provider_Guid, EventRecordID, TimeCreated (ISO 8601 UTC), Level, Task,
 * Opcode, Keywords, Version, ProcessID, ThreadID, UserID (Security/@UserID). EventData `Data`
 * elements by their Name attribute; unnamed Data elements as `Data` (a list when several);
 * UserData leaves by their element name.
 */
export type FlatEvent = Record<string, FieldValue>;

/** Where an event came from, for match output. */
export interface EventOrigin {
  file: string;
  /** Record number in an EVTX file, or the line/object index in a JSON file. */
  recordId: number | null;
}

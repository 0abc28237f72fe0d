/** Windows event input for the ransomware safeguard: file discovery, format readers, flattening. */
export type { EvtxJson, EventOrigin, FieldScalar, FieldValue, FlatEvent } from './event-types.ts';
export { flattenEvent } from './flatten-event.ts';
export {
  detectRecordShape,
  flattenEcsEvent,
  flattenExportEvent,
  flattenJsonRecord,
  timestampOf,
  type JsonRecordShape,
} from './flatten-json-record.ts';
export { JsonObjectSplitter, splitJsonObjects, type SplitItem } from './json-object-splitter.ts';
export { EVENT_FILE_EXTENSIONS, InputPathError, listInputFiles } from './input-files.ts';
export {
  countEvtxChunks,
  detectInputFormat,
  readEvents,
  readEvtxEvents,
  readJsonEvents,
  UnknownFormatError,
  type InputFormat,
  type ReadEvent,
  type ReadEventsOptions,
  type ReadWarning,
} from './read-events.ts';

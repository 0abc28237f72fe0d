// EVTX (Windows XML Event Log) reader rendering records as evtx_dump's JSON, and a writer that
// builds valid EVTX files for tests. See docs/adr/0009-evtx-parser.md.
export { readEvtx, readEvtxFile, countChunks } from './evtx-reader.ts';
export {
  EvtxFormatError,
  type EvtxRecord,
  type EvtxWarning,
  type ReadEvtxOptions,
} from './evtx-types.ts';
export {
  writeEvtx,
  corruptEvtx,
  type EvtxWriteRecord,
  type WriteSystem,
  type WriteEvtxOptions,
  type WriteValue,
  type WriteXmlElement,
  type WriteScalarType,
} from './evtx-writer.ts';

export { cpeName, cpeVendor, deriveCpes } from './cpe-candidates.ts';
export { classifyDeviceType, DEVICE_CLASSES, type DeviceClass } from './device-class.ts';
export { parseDeviceCsv } from './device-csv.ts';
export {
  DECISION_STATUSES,
  decideDeviceVuln,
  listDecisions,
  type DecisionStatus,
  type VulnDecision,
} from './device-decisions.ts';
export type { DevicesDeps } from './device-deps.ts';
export { DeviceInputError } from './device-errors.ts';
export { DEVICE_FIELDS, parseDeviceMapping, type DeviceColumnMapping } from './device-fields.ts';
export {
  importDeviceCsv,
  type DeviceImportInput,
  type DeviceImportResult,
} from './device-import.ts';
export {
  getDeviceDetail,
  listDevices,
  resolveDevice,
  type DeviceDetail,
  type DeviceListItem,
  type DeviceQuery,
} from './device-queries.ts';
export type { DeviceRecord } from './device-record.ts';
export type { StoredDevice } from './device-rows.ts';
export { importSbom, parseCycloneDx, type SbomImportResult } from './sbom-import.ts';

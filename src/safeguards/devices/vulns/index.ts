export { DEVICES_TOOL, matchDeviceVulns, type DeviceVulnMatch } from './match-device-vulns.ts';
export { CLASS_IMPACT, deviceRisk, exposureOf, severityOf, type Risk } from './risk.ts';
export { decisionsToCycloneDxVex } from './vex-export.ts';

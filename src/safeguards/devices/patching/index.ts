export { expandWindows, type WindowOccurrence } from './expand-windows.ts';
export { planToCsv, planToIcs } from './plan-export.ts';
export {
  DEFAULT_VENDOR_LEAD_DAYS,
  DEFAULT_WINDOW_CAPACITY,
  planPatches,
  type Blackout,
  type PatchPlan,
  type PlanDevice,
  type PlanInput,
  type PlanVuln,
  type PlanWindow,
  type ScheduledPatch,
  type UnmetPatch,
  type VendorValidation,
} from './plan-patches.ts';
export { registerPatchCommands } from './patch-cli.ts';
export {
  parseDuration,
  parseRecurrence,
  parseWindowRule,
  WindowRuleError,
  type WindowRule,
  type WindowSpec,
} from './window-rule.ts';
export {
  addBlackout,
  buildPatchPlan,
  listBlackouts,
  listVendorValidation,
  listWindows,
  setVendorValidation,
  setWindow,
  type StoredWindow,
} from './window-store.ts';

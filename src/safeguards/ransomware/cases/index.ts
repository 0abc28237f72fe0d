export { registerCaseRoutes } from './case-routes.ts';
export type { CaseDeps } from './case-deps.ts';
export { attachAlert, createCase } from './case-create.ts';
export { getCaseDetail, listCases, type CaseQuery } from './case-read.ts';
export { updateCase } from './case-update.ts';
export { addComment, addEvidence } from './case-notes.ts';
export { completeContainmentStep, type ContainmentWebhookBody } from './containment.ts';
export { CONTAINMENT_STEPS, suggestTargets, type ContainmentKey } from './containment-targets.ts';
export { FILTER_FIELDS, filterSelection } from './site-filter-selection.ts';

/**
 * Backend for the platform readiness and maturity assessment.
 *
 * @packageDocumentation
 */
export { readinessPlugin as default } from './plugin';
export {
  createReadinessGroupConditionalDecision,
  readinessGroupConditions,
  readinessGroupResourceRef,
  readinessGroupRules,
} from './permissions/rules';
export type {
  ReadinessGroupQuery,
  ReadinessGroupResource,
} from './permissions/rules';
export { decideReadinessGroupForMember } from './permissions/decision';

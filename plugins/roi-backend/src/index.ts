/**
 * The ROI calculator's backend plugin.
 *
 * @packageDocumentation
 */
export { roiPlugin as default } from './plugin';
export {
  roiScenarioConditions,
  createRoiScenarioConditionalDecision,
  roiScenarioResourceRef,
  roiScenarioRules,
} from './permissions/rules';
export type { ScenarioQuery } from './permissions/rules';
export { decideRoiScenarioForMember } from './permissions/decision';

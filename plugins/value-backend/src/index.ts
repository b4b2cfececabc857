/**
 * Value delivered: the backend of the business case against actuals.
 *
 * @packageDocumentation
 */
export { valuePlugin as default } from './plugin';
export { decideValueScopeForMember } from './permissions/decision';
export {
  valueScopeConditions,
  createValueScopeConditionalDecision,
} from './permissions/rules';

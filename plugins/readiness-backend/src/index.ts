/**
 * Backend for the platform readiness and maturity assessment.
 *
 * @packageDocumentation
 */
export { readinessPlugin as default } from './plugin';
